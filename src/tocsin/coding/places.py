"""Where an event happened: place names found in a sentence, resolved against an offline
gazetteer by context, and the one place the event's verb governs.

The gazetteer (GeoNames cities of 500 people or more, ISO 3166-2 first-level subdivisions and
countries) is built once, offline, by `tools/build_gazetteer.py` into `data/places/`;
`Gazetteer.load` reads it in a fraction of a second and parses a place only when a name asks
for it.

Ambiguous names are resolved by, in order of strength: a qualifier beside the name ("Gao, in
northern Mali", "Paris, Texas"), the countries and regions the story names (including the actors'
countries), whether the name is the place's own name or an alternate, and population.
"""

from __future__ import annotations

import itertools
import logging
import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from tocsin.coding.attachment import attach, span_head
from tocsin.knowledge.gazetteer import Candidate, Gazetteer, Place
from tocsin.records import Sentence

log = logging.getLogger(__name__)


PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
# Entity types a place name is often mistaken for by the small English model ("near Gao" as a
# PERSON, "in Cartagena" as an ORG): such a name counts only where the grammar says place.
BIG_TOWN = 100_000  # population from which a place name is trusted against the tagger
MISTAKEN_ENTITIES = frozenset({"PERSON", "ORG", "NORP", ""})
LOCATIVE_PREPOSITIONS = frozenset(
    {
        "in",
        "near",
        "at",
        "outside",
        "inside",
        "around",
        "across",
        "throughout",
        "into",
        "within",
        "along",
        "off",
        "towards",
        "toward",
        "through",
    }
)
# Prepositions that name what an event acts on: a town there is the event's place ("the attack on
# Kabul"), a country is usually its target ("sanctions on Russia").
TARGET_PREPOSITIONS = frozenset({"on", "onto", "against", "upon"})
# Words that join the parts of a place name ("Santiago de Compostela", "Dar es Salaam").
NAME_CONNECTORS = frozenset(
    {"de", "del", "la", "el", "al", "du", "des", "di", "da", "do", "dos", "es"}
)
# Prepositions that tie a place to a person or thing, not to where the event happened.
NON_LOCATIVE_PREPOSITIONS = frozenset(
    {"from", "of", "for", "with", "by", "about", "to", "than", "like", "over", "between"}
)
PLACE_NOUNS = frozenset(
    {
        "town",
        "city",
        "village",
        "region",
        "province",
        "district",
        "state",
        "capital",
        "area",
        "county",
        "governorate",
        "department",
        "port",
        "outskirts",
        "suburb",
        "border",
        "municipality",
    }
)
DIRECTION_WORDS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north-eastern",
        "north-western",
        "south-eastern",
        "south-western",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "upper",
        "lower",
        "greater",
    }
)
CREDIT_WORDS = ("reporting by", "writing by", "editing by", "additional reporting")
NEWS_AGENCIES = frozenset({"reuters", "ap", "afp", "upi", "xinhua", "dpa", "ians", "pti", "efe"})
PRECISION_RANK = {"city": 2, "admin1": 1, "country": 0}
# Tiers of `_tier` from which the grammar ties a place to the event itself (a locative phrase, a
# town acted on); below it, a country is only named as an actor.
STRONG_TIER = 4


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name in a sentence, its possible places and the context beside it.

    `within` are the places a qualifier beside the name points to ("Gao, in northern Mali" ->
    Mali); `qualifies` is the start token of the mention this one qualifies, if it is a
    qualifier; `dateline` marks datelines and credit lines ("BAMAKO, Mali (Reuters) -",
    "Reporting by ... in Dakar"), which are never the place of an event.
    """

    start: int
    end: int
    head: int
    text: str
    candidates: tuple[Candidate, ...]
    within: tuple[Place, ...] = ()
    qualifies: int | None = None
    dateline: bool = False
    place: Place | None = None


@dataclass(frozen=True, slots=True)
class PlaceContext:
    """What a story says about where it is: the countries (ISO3) and subdivisions it names,
    its places' and its actors' countries."""

    countries: frozenset[str] = frozenset()
    admin1: frozenset[str] = frozenset()


# ---------------------------------------------------------------- finding place names


def find_places(sentence: Sentence, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Place names in a sentence with their candidate places (not yet resolved)."""
    mentions: list[PlaceMention] = []
    for start, end in _name_spans(sentence):
        for found in _gazetteer_matches(sentence, start, end, gazetteer):
            if _plausible(sentence, found):
                mentions.append(found)
    mentions = _link_qualifiers(sentence, mentions)
    return _mark_datelines(sentence, mentions)


def _name_spans(sentence: Sentence) -> list[tuple[int, int]]:
    """Place-entity spans, and runs of proper nouns the tagger gave another or no type."""
    spans: list[tuple[int, int]] = []
    tokens = sentence.tokens
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.ent_type in PLACE_ENTITIES:
            j = i + 1
            while j < len(tokens) and tokens[j].ent_type == t.ent_type and tokens[j].ent_iob == "I":
                j += 1
            spans.append((i, j))
            i = j
        elif t.pos == "PROPN" or (t.text.isupper() and t.text.isalpha()):
            j = i + 1
            while j < len(tokens) and tokens[j].ent_type not in PLACE_ENTITIES:
                if tokens[j].pos == "PROPN":
                    j += 1
                elif (
                    tokens[j].lower in NAME_CONNECTORS
                    and j + 1 < len(tokens)
                    and tokens[j + 1].pos == "PROPN"
                ):
                    j += 2
                else:
                    break
            spans.append((i, j))
            i = j
        else:
            i += 1
    return spans


def _gazetteer_matches(
    sentence: Sentence, start: int, end: int, gazetteer: Gazetteer
) -> list[PlaceMention]:
    """The longest gazetteer names inside [start, end), left to right ("the Gao region" ->
    "Gao region"; "Kabul airport" -> "Kabul")."""
    found: list[PlaceMention] = []
    i = start
    while i < end:
        word = sentence.tokens[i].lower
        if word in ("the", "'s"):
            i += 1
            continue
        # A direction word begins a name ("North Korea", "South Sudan", "West Bank") when the
        # longer name is in the gazetteer; otherwise it only locates one ("northern Mali").
        j = _longest_name_end(sentence, i, end, gazetteer)
        if j is None:
            i += 1
            continue
        head = span_head(sentence, i, j)
        found.append(
            PlaceMention(
                i, j, head, sentence.span_text(i, j), gazetteer.lookup(sentence.span_text(i, j))
            )
        )
        i = j
    return found


def _longest_name_end(sentence: Sentence, start: int, end: int, gazetteer: Gazetteer) -> int | None:
    """The end of the longest gazetteer name starting at token `start`, if any; a lone direction
    word is never a name."""
    for j in range(end, start, -1):
        if j == start + 1 and sentence.tokens[start].lower in DIRECTION_WORDS:
            return None
        if gazetteer.lookup(sentence.span_text(start, j)):
            return j
    return None


def _plausible(sentence: Sentence, mention: PlaceMention) -> bool:
    """Keep a name tagged as a place, naming a country or region, or standing where a place
    stands ("near Gao", "the town of Kidal", "Gao, in northern Mali", a dateline)."""
    tokens = sentence.tokens[mention.start : mention.end]
    if all(t.ent_type in PLACE_ENTITIES for t in tokens):
        return True
    is_country = any(c.primary and c.place.precision == "country" for c in mention.candidates)
    if not is_country and _inside_longer_name(sentence, mention.start, mention.end):
        return False  # "New York" in "The New York Times"; "Burkina Faso's army" keeps its country
    if any(t.ent_type not in MISTAKEN_ENTITIES for t in tokens):
        return False
    if any(c.primary and c.place.precision != "city" for c in mention.candidates):
        return True
    # an alternate name counts for a large town ("Khan Younis" for Khān Yūnis)
    big = any(c.place.population >= BIG_TOWN for c in mention.candidates)
    if not big and not any(c.primary for c in mention.candidates):
        return False
    if _locative_context(sentence, mention) or _before_qualifier(sentence, mention.end):
        return True
    # "shelled Kidal" (tagged NORP): a name the tagger did not take for a person or an
    # organization, acted on by a verb; a large city even when tagged as a person ("Kharkiv").
    head = sentence.tokens[mention.head]
    untyped = all(t.ent_type in ("", "NORP") for t in tokens) or big
    return untyped and head.dep in ("dobj", "nsubjpass", "conj", "appos")


def _inside_longer_name(sentence: Sentence, start: int, end: int) -> bool:
    """Whether a name entity other than a place runs past [start, end)."""
    tokens = sentence.tokens
    first = tokens[start]
    if first.ent_iob == "I" and first.ent_type and first.ent_type not in PLACE_ENTITIES:
        return True
    after = tokens[end] if end < len(tokens) else None
    return (
        after is not None
        and after.ent_iob == "I"
        and bool(after.ent_type)
        and after.ent_type not in PLACE_ENTITIES
    )


def _locative_context(sentence: Sentence, mention: PlaceMention) -> bool:
    head = sentence.tokens[mention.head]
    governor = sentence.tokens[head.head]
    if head.dep == "pobj" and governor.lower in LOCATIVE_PREPOSITIONS | {"from", "to"}:
        return True
    if governor.lower == "of" and sentence.tokens[governor.head].lower in PLACE_NOUNS:
        return True
    if mention.end < len(sentence.tokens) and sentence.tokens[mention.end].lower in PLACE_NOUNS:
        return True
    return mention.start <= 2 and _dateline_end(sentence) > mention.start


def _before_qualifier(sentence: Sentence, end: int) -> bool:
    tokens = sentence.tokens
    return end + 1 < len(tokens) and tokens[end].text == "," and tokens[end + 1].pos == "PROPN"


def _link_qualifiers(sentence: Sentence, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Qualifiers: in "Gao, in northern Mali" and "Paris, Texas" the second name qualifies the
    first."""
    linked = list(mentions)
    for k, (first, second) in enumerate(itertools.pairwise(mentions)):
        between = [t.lower for t in sentence.tokens[first.end : second.start]]
        if not between or between[0] != ",":
            continue
        rest = [w for w in between[1:] if w not in DIRECTION_WORDS and w not in ("the", "of")]
        if rest not in ([], ["in"], ["near"]):
            continue
        within = tuple(c.place for c in second.candidates if c.place.precision != "city")
        if not within:
            continue
        linked[k] = _replace(linked[k], within=within)
        linked[k + 1] = _replace(linked[k + 1], qualifies=first.start)
    return linked


def _dateline_end(sentence: Sentence) -> int:
    """The token after a dateline ("BAMAKO, Mali (Reuters) -"), or 0 if the sentence has none."""
    tokens = sentence.tokens
    for i, t in enumerate(tokens[:12]):
        if t.text in ("-", "--", "—", "–") and i > 0:
            before = tokens[:i]
            if all(b.text[:1].isupper() or not b.text.isalpha() or b.ent_type for b in before):
                return i + 1
        if t.text == "(" and i + 1 < len(tokens) and tokens[i + 1].lower in NEWS_AGENCIES:
            return i + 1
    return 0


def _mark_datelines(sentence: Sentence, mentions: list[PlaceMention]) -> list[PlaceMention]:
    lower = sentence.text.lower()
    if any(word in lower for word in CREDIT_WORDS):
        return [_replace(m, dateline=True) for m in mentions]
    end = _dateline_end(sentence)
    return [_replace(m, dateline=True) if m.end <= end else m for m in mentions]


def _replace(mention: PlaceMention, **changes: object) -> PlaceMention:
    from dataclasses import replace

    return replace(mention, **changes)  # type: ignore[arg-type]


# ---------------------------------------------------------------- resolving names to places


def story_context(
    mentions: Iterable[PlaceMention], actor_countries: Collection[str] = ()
) -> PlaceContext:
    """The countries and subdivisions a story names: the actors' countries, country and region
    names, and the country of any place name that is unambiguous about it."""
    countries = set(actor_countries)
    admin1: set[str] = set()
    for mention in mentions:
        primary = [c.place for c in mention.candidates if c.primary] or [
            c.place for c in mention.candidates
        ]
        for place in primary:
            if place.precision == "country":
                countries.add(place.country)
            elif place.precision == "admin1":
                admin1.add(place.admin1)
        if len({p.country for p in primary}) == 1:
            countries.add(primary[0].country)
    return PlaceContext(frozenset(countries), frozenset(admin1))


def resolve_place(mention: PlaceMention, context: PlaceContext = PlaceContext()) -> Place | None:
    """The place a name most likely stands for, given what the story says."""
    if not mention.candidates:
        return None
    return max(mention.candidates, key=lambda c: _score(c, mention, context)).place


def resolve_places(
    mentions: Iterable[PlaceMention], context: PlaceContext = PlaceContext()
) -> list[PlaceMention]:
    """Each mention with `place` set by `resolve_place`."""
    return [_replace(m, place=resolve_place(m, context)) for m in mentions]


def _score(candidate: Candidate, mention: PlaceMention, context: PlaceContext) -> float:
    place = candidate.place
    score = 1.5 * math.log10(place.population + 10)
    score += 2.0 if candidate.primary else 0.0
    score += {"country": 3.0, "admin1": 1.0, "city": 0.0}[place.precision]
    if place.country in context.countries:
        score += 6.0
    if place.admin1 and place.admin1 in context.admin1:
        score += 3.0
    for qualifier in mention.within:
        if qualifier.country == place.country and (
            qualifier.precision == "country" or qualifier.admin1 == place.admin1
        ):
            score += 20.0
            break
    return score


# ---------------------------------------------------------------- the place of an event


def place_of_action(
    sentence: Sentence,
    verb: int,
    places: Sequence[PlaceMention],
    actor_countries: Collection[str] = (),
    weakest: int = 1,
) -> Place | None:
    """The resolved place the event's verb governs, or None; `weakest` is the lowest tier taken
    (see `_tier`: `STRONG_TIER` keeps only places the grammar ties to the event).

    In order: a place in a locative phrase of the verb's own clause ("near Gao", "in the town of
    Kidal"), the most specific first; a town or region the verb acts on ("shelled Kidal"); a
    locative phrase of a clause governing the verb ("In Gao, officials said militants attacked");
    and only then a country named as an actor ("France attacked Mali"). Datelines, credit lines,
    qualifiers ("..., in northern Mali") and places tied to people ("troops from Chad") are not
    the place of the event.
    """
    starts = {m.start for m in places}
    ranked: list[tuple[tuple[int, int, int], Place]] = []
    for mention in places:
        place = mention.place
        if place is None or mention.dateline:
            continue
        if mention.qualifies is not None and mention.qualifies in starts:
            continue
        attachment = attach(sentence, mention.head, verb)
        if attachment is None:
            continue
        tier = _tier(sentence, mention, place, attachment.path, attachment.kind, actor_countries)
        if tier >= max(weakest, 1):
            ranked.append(((tier, PRECISION_RANK[place.precision], -attachment.depth), place))
    if not ranked:
        return None
    return max(ranked, key=lambda pair: pair[0])[1]


def _tier(
    sentence: Sentence,
    mention: PlaceMention,
    place: Place,
    path: tuple[int, ...],
    kind: str,
    actor_countries: Collection[str],
) -> int:
    """8: locative phrase of the verb's clause; 6: a town or region the verb acts on; 4: locative
    phrase of a governing clause; 2: a country acted on; 1: another actor country; 0: none."""
    tokens = sentence.tokens
    prepositions = [tokens[i].lower for i in path if tokens[i].dep == "prep"]
    if any(p in NON_LOCATIVE_PREPOSITIONS - {"of"} for p in prepositions):
        return 1 if place.precision == "country" and place.country in actor_countries else 0
    if any(p in LOCATIVE_PREPOSITIONS for p in prepositions):
        return 8 if kind == "verb" else 4
    # Acted on: the verb's object or passive subject, or "on"/"against" it; conjuncts count.
    links = [tokens[i].dep for i in path if tokens[i].dep not in ("conj", "appos", "compound")]
    acted_on = links in (["dobj"], ["nsubjpass"]) or (
        links in (["pobj", "prep"], ["pobj", "prep", "dobj"])
        and prepositions[0] in TARGET_PREPOSITIONS
    )
    if kind == "verb" and acted_on:
        return 6 if place.precision != "country" else 2
    if place.precision == "country" and (place.country in actor_countries or links == ["nsubj"]):
        return 1
    return 0
