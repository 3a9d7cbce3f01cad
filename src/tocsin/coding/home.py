"""A story's home: the country it is about, for actors that name none ("the police", "the
finance minister", "the opposition", "striking miners").

Precedence (the first that gives a country wins; `Home.how` records which):

1. **dateline**: the place of the story's dateline ("JOHANNESBURG, June 3 -", "NAIROBI, Kenya
   (Reuters) -"); a credit line ("Reporting by ... in Dakar") is not a dateline;
2. **majority**: the country most of the story's named actors and places belong to, when it
   holds at least half of them or twice as many as the next country, and at least two: a foreign
   country mentioned in passing does not move the home;
3. none: the story does not say, and a domestic actor with no country word is written with an
   unknown country (`---COP`), as PETRARCH writes it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from tocsin.coding.places import PlaceMention
from tocsin.records import UNKNOWN_COUNTRY, ActorMention, DictEntry, Sentence

# A home by majority needs this many mentions: one place name ("Morena", a Mexican party and an
# Indian town) is too weak a sign.
MIN_VOTES = 2
# A dateline opens its sentence ("NAIROBI, March 3 -", "BAMAKO, Mali (Reuters) -").
DATELINE_START = 4


@dataclass(frozen=True, slots=True)
class Home:
    """The story's home country (ISO3) and how it was chosen: dateline, majority or none."""

    country: str | None
    how: str

    @property
    def prefix(self) -> str:
        """The country part of a code for a domestic actor: the home, or `---`."""
        return self.country or UNKNOWN_COUNTRY


NO_HOME = Home(None, "none")


def story_home(
    places: Mapping[int, Sequence[PlaceMention]],
    actors: Mapping[int, Sequence[ActorMention]],
    first_sentence: int = 0,
) -> Home:
    """The home of a story from its resolved places and named actors (by sentence index); a
    place that is also an actor's name ("Kabul") counts once."""
    for mention in places.get(first_sentence, ()):
        if mention.dateline and mention.place is not None and mention.start < DATELINE_START:
            return Home(mention.place.country, "dateline")
    counts: Counter[str] = Counter()
    for found in actors.values():
        for actor in found:
            if actor.kind not in ("agent", "place") and actor.country:
                counts[actor.country] += 1
    for index, mentions in places.items():
        named = [a for a in actors.get(index, ()) if a.kind not in ("agent", "place")]
        for mention in mentions:
            if mention.place is None or mention.dateline or mention.qualifies is not None:
                continue
            if not any(a.start < mention.end and mention.start < a.end for a in named):
                counts[mention.place.country] += 1
    return _majority(counts)


def _majority(counts: Counter[str]) -> Home:
    ranked = counts.most_common(2)
    if not ranked:
        return NO_HOME
    top, n = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if n < MIN_VOTES:
        return NO_HOME
    if (n * 2 >= sum(counts.values()) and n > runner_up) or n >= 2 * runner_up:
        return Home(top, "majority")
    return NO_HOME


def with_places(
    sentence: Sentence, mentions: Sequence[ActorMention], places: Sequence[PlaceMention]
) -> list[ActorMention]:
    """The sentence's actor mentions and its cities and regions as `place` mentions, which give
    their country to a role noun of the same phrase ("the Kabul police chief", "the Niger State
    police"). A country name inside a longer place name ("Niger" in "Niger State") is the place;
    a place overlapping another actor's name ("Jordan Henderson") is not a place. A dateline
    ("NAIROBI, March 3 -") says where the story was filed: the names in it are no actors."""
    filed = [p for p in places if p.dateline and p.start < DATELINE_START]
    mentions = [m for m in mentions if not any(m.start < p.end and p.start < m.end for p in filed)]
    found = [
        ActorMention(
            p.start,
            p.end,
            p.head,
            p.place.country,
            p.text,
            "place",
            (DictEntry("gazetteer", p.place.geonameid or 0, p.place.country, p.place.name),),
        )
        for p in places
        if p.place is not None and not p.dateline and p.place.precision != "country"
    ]
    if not found:
        return list(mentions)
    kept = []
    for m in mentions:
        longer = _longer_place(m, found) if m.kind == "country" else None
        if longer is None:
            kept.append(m)
        elif longer.code == m.code[:3]:
            # a region the dictionaries name as its country's, inside the gazetteer's longer
            # name of it ("*West Darfur State*"): the country's actor, over the whole name
            text = sentence.span_text(longer.start, longer.end)
            kept.append(replace(m, start=longer.start, end=longer.end, head=longer.head, text=text))
    named = [m for m in kept if m.kind != "agent"]
    found = [p for p in found if not any(m.start < p.end and p.start < m.end for m in named)]
    return sorted(kept + found, key=lambda m: m.start)


def _longer_place(mention: ActorMention, places: Sequence[ActorMention]) -> ActorMention | None:
    """The place whose longer name holds the mention ("Niger" in "Niger State"), if any."""
    size = mention.end - mention.start
    for p in places:
        if p.start <= mention.start and mention.end <= p.end and p.end - p.start > size:
            return p
    return None
