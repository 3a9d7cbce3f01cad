"""Which place an ambiguous name stands for: "Paris" in France or in Texas, "Geneva" in
Switzerland or in Illinois, "Washington" the capital or the state.

A qualifier beside the name decides ("Gao, in northern Burkina Faso", "Paris, Texas", "the town
of Omar in north-eastern Syria"): candidates outside it are ruled out, and when none is left the
name stays unresolved. A name followed by a word for a subdivision ("Kano state") means the
subdivision; otherwise a large city means itself rather than the region of the same name
("Washington", "New York"). Among what is left, each candidate is scored by:

- its size: population, and how many names GeoNames knows it by (how widely it is written about:
  Geneva, Switzerland has 60, Geneva, Illinois 11);
- whether the name is the place's own or an alternate one;
- countries rank above subdivisions, subdivisions above towns;
- the story: a country weighs by its share of the story's mentions of countries (a story that
  names only Spain makes "Santiago" Spain's; the United States named among five countries barely
  moves "Geneva"), and a subdivision the story names.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from tocsin.coding.place_words import BIG_TOWN
from tocsin.coding.places import PlaceMention
from tocsin.knowledge.gazetteer import Candidate, Place

# Points a candidate earns; a tenfold population is worth POPULATION, tenfold names NAMES.
POPULATION = 1.5
NAMES = 1.5
PRIMARY = 2.0
PRECISION = {"country": 3.0, "admin1": 1.0, "city": 0.0}
STORY_COUNTRY = 6.0  # for a country that all the story's country mentions name
STORY_REGION = 3.0


@dataclass(frozen=True, slots=True)
class PlaceContext:
    """What a story says about where it is: how often it names each country (ISO3), through
    its actors and its place names, and the subdivisions it names."""

    mentions: Mapping[str, int] = field(default_factory=dict)
    admin1: frozenset[str] = frozenset()

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(self.mentions)

    def share(self, country: str) -> float:
        """The country's share of the story's mentions of countries."""
        total = sum(self.mentions.values())
        return self.mentions.get(country, 0) / total if total else 0.0


def story_context(
    mentions: Iterable[PlaceMention], actor_countries: Iterable[str] = ()
) -> PlaceContext:
    """The countries and subdivisions a story names: the actors' countries (one count per
    mention), the countries of country and subdivision names, and the country of any place name
    that is unambiguous about it."""
    counts: Counter[str] = Counter(actor_countries)
    admin1: set[str] = set()
    for mention in mentions:
        candidates = _readings(mention)
        primary = [c.place for c in candidates if c.primary] or [c.place for c in candidates]
        named = {p.country for p in primary if p.precision != "city"}  # "Texas": the USA
        admin1.update(p.admin1 for p in primary if p.precision == "admin1")
        if len({p.country for p in primary}) == 1:
            named.add(primary[0].country)
        counts.update(named)
    return PlaceContext(dict(counts), frozenset(admin1))


NO_CONTEXT = PlaceContext()


def resolve_place(mention: PlaceMention, context: PlaceContext = NO_CONTEXT) -> Place | None:
    """The place a name most likely stands for, given what the story says; None when a
    qualifier beside it rules out every candidate."""
    candidates = _readings(mention)
    if not candidates:
        return None
    return max(candidates, key=lambda c: _score(c, context)).place


def resolve_places(
    mentions: Iterable[PlaceMention], context: PlaceContext = NO_CONTEXT
) -> list[PlaceMention]:
    """Each mention with `place` set by `resolve_place`."""
    return [replace(m, place=resolve_place(m, context)) for m in mentions]


def _readings(mention: PlaceMention) -> tuple[Candidate, ...]:
    """The candidates a name may stand for where it stands: within its qualifier, and the city
    rather than the region of the same name unless a word for a subdivision follows (then the
    region, or a town of that own name)."""
    candidates = mention.candidates
    if mention.within:
        candidates = tuple(c for c in candidates if _within(c.place, mention.within))
    if not mention.region_noun:
        candidates = _cities_over_namesake_regions(candidates)
    elif not any(c.place.precision == "admin1" for c in candidates):
        # "Anbar province" with no such province in the gazetteer: a town of that own name may
        # be its seat ("Kirkuk province"), a town that only has it as an alternate is not
        candidates = tuple(c for c in candidates if c.primary)
    return candidates


def _within(place: Place, qualifiers: Iterable[Place]) -> bool:
    return any(
        q.country == place.country and (q.precision == "country" or q.admin1 == place.admin1)
        for q in qualifiers
    )


def _cities_over_namesake_regions(candidates: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """Without "state" or "province" after it, "Washington" is the city, not the state: a
    subdivision is dropped when a large city of its country goes by the same name."""
    big = {c.place.country for c in candidates if _big_city(c.place)}
    return tuple(
        c for c in candidates if c.place.precision != "admin1" or c.place.country not in big
    )


def _big_city(place: Place) -> bool:
    return place.precision == "city" and place.population >= BIG_TOWN


def _score(candidate: Candidate, context: PlaceContext) -> float:
    place = candidate.place
    score = POPULATION * math.log10(place.population + 10)
    score += NAMES * math.log10(place.names + 1)
    score += PRIMARY if candidate.primary else 0.0
    score += PRECISION[place.precision]
    score += STORY_COUNTRY * context.share(place.country)
    if place.admin1 and place.admin1 in context.admin1:
        score += STORY_REGION
    return score
