"""Where an event happened: the places of one story, resolved in its context, and the choice of
the event's place among them.

The mechanisms (finding place names, resolving them against the gazetteer, choosing the place a
verb governs) live in `tocsin.coding.places`; this module applies them to a whole story and falls
back,
in a documented order, when the sentence names no place for the event.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from tocsin.coding.not_places import story_names
from tocsin.coding.place_resolution import resolve_places, story_context
from tocsin.coding.places import STRONG_TIER, PlaceMention, find_places, place_of_action
from tocsin.knowledge.gazetteer import Gazetteer, Place
from tocsin.records import ActorMention, Location, Sentence

PRECISION_ORDER = {"city": 0, "admin1": 1, "country": 2}


class StoryPlaces:
    """The resolved place mentions of one story, sentence by sentence."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        sentences: Sequence[Sentence],
        actors: Sequence[Sequence[ActorMention]],
        not_places: Iterable[str] = (),
    ) -> None:
        """`actors` are each sentence's actor mentions; `not_places` the names listed as never
        places (`data/places/not_places.tsv`)."""
        self.gazetteer = gazetteer
        story = story_names(sentences, actors, not_places)
        found = [
            find_places(s, gazetteer, mentions, story)
            for s, mentions in zip(sentences, actors, strict=True)
        ]
        countries = [
            m.country for mentions in actors for m in mentions if m.country and m.kind != "agent"
        ]
        context = story_context((m for mentions in found for m in mentions), countries)
        self.by_sentence: dict[int, list[PlaceMention]] = {
            s.index: resolve_places(mentions, context)
            for s, mentions in zip(sentences, found, strict=True)
        }
        self.main = _main_place(self.by_sentence.values())

    def locate(
        self, sentence: Sentence, verb: int, countries: Sequence[str | None]
    ) -> Location | None:
        """The event's place: the place its verb governs, else another town or region of the
        sentence ("sent instructors to Bamako", "agreed to talks in Jeddah"), else a country the
        verb names as an actor, else the story's main place in one of the actors' countries,
        else the target's (then the source's) country."""
        actor_countries = [c for c in countries if c]
        mentions = self.by_sentence.get(sentence.index, [])
        place = place_of_action(sentence, verb, mentions, actor_countries, weakest=STRONG_TIER)
        if place is not None:
            return _location(place, "text")
        others = [
            m.place
            for m in mentions
            if m.place is not None
            and not m.dateline
            and m.qualifies is None
            and m.place.precision != "country"
            and not _between(sentence, m)
        ]
        if others:
            best = min(others, key=lambda p: PRECISION_ORDER[p.precision])
            return _location(best, "sentence")
        place = place_of_action(sentence, verb, mentions, actor_countries)
        if place is not None:
            return _location(place, "text")
        if self.main is not None and self.main.country in actor_countries:
            return _location(self.main, "story")
        for country in actor_countries:
            centroid = self.gazetteer.country(country)
            if centroid is not None:
                return _location(centroid, "actor")
        return None


def _between(sentence: Sentence, mention: PlaceMention) -> bool:
    """Whether a name is one side of a relation ("mediate between Moscow and Kyiv"): a city
    named as a party, not where anything happens."""
    tokens = sentence.tokens
    token = tokens[mention.head]
    while token.dep == "conj" and token.head != token.i:
        token = tokens[token.head]
    return token.dep == "pobj" and tokens[token.head].lower == "between"


def _main_place(sentences: Iterable[Sequence[PlaceMention]]) -> Place | None:
    """The most often named city or region of the story, outside datelines."""
    counts: Counter[int | str] = Counter()
    places: dict[int | str, Place] = {}
    for mentions in sentences:
        for m in mentions:
            if m.place is None or m.dateline or m.place.precision == "country":
                continue
            key = m.place.geonameid or f"{m.place.country}:{m.place.name}"
            counts[key] += 1
            places[key] = m.place
    if not counts:
        return None
    return places[counts.most_common(1)[0][0]]


def _location(place: Place, source: str) -> Location:
    return Location(
        name=place.name,
        country=place.country,
        admin1=place.admin1 or None,
        lat=place.lat,
        lon=place.lon,
        geonameid=place.geonameid,
        precision=place.precision,
        source=source,
    )
