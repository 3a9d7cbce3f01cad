"""Where an event happened: the place names of a sentence with their candidate places in the
offline gazetteer, and the one place the event's verb governs.

The gazetteer (GeoNames cities of 500 people or more, ISO 3166-2 first-level subdivisions and
countries) is built once, offline, by `tocsin.knowledge.gazetteer_build`; `Gazetteer.load` reads
it in a fraction of a second and parses a place only when a name asks for it. A name the
gazetteer knows is a place only when the tagger or the grammar says so and the story does not
show it to be something else (`tocsin.coding.not_places`); which of its candidates it stands for
is `tocsin.coding.place_resolution`'s choice.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from tocsin.coding.attachment import attach, span_head
from tocsin.coding.not_places import NO_STORY, NameAtHand, StoryNames, not_a_place
from tocsin.coding.place_words import (
    BIG_TOWN,
    DIRECTION_WORDS,
    LOCATIVE_PREPOSITIONS,
    PLACE_ENTITIES,
    PLACE_NOUNS,
    REGION_NOUNS,
)
from tocsin.knowledge.gazetteer import Candidate, Gazetteer, Place
from tocsin.records import ActorMention, Sentence, Token

log = logging.getLogger(__name__)


# Entity types a place name is often mistaken for by the small English model ("near Gao" as a
# PERSON, "in Cartagena" as an ORG): such a name counts only where the grammar says place.
MISTAKEN_ENTITIES = frozenset({"PERSON", "ORG", "NORP", ""})
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
    "Reporting by ... in Dakar"), which are never the place of an event; `region_noun` that a
    word naming a subdivision follows it ("Kano state": the state, not the city).
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
    region_noun: bool = False


# ---------------------------------------------------------------- finding place names


def find_places(
    sentence: Sentence,
    gazetteer: Gazetteer,
    actors: Sequence[ActorMention] = (),
    story: StoryNames = NO_STORY,
) -> list[PlaceMention]:
    """Place names in a sentence with their candidate places (not yet resolved); `actors` are
    the sentence's actor mentions and `story` what its story says about names
    (`tocsin.coding.not_places`): a name that is a person's, an organisation's or a common word
    is not a place."""
    mentions: list[PlaceMention] = []
    for start, end in _joined_names(sentence, _name_spans(sentence), gazetteer):
        for found in _gazetteer_matches(sentence, start, end, gazetteer):
            if _plausible(sentence, found) and _named_place(
                sentence, found, start, end, actors, story
            ):
                mentions.append(found)
    mentions = _link_qualifiers(sentence, mentions)
    return _mark_datelines(sentence, mentions)


def _named_place(
    sentence: Sentence,
    mention: PlaceMention,
    span_start: int,
    span_end: int,
    actors: Sequence[ActorMention],
    story: StoryNames,
) -> bool:
    name = NameAtHand(
        sentence,
        mention.start,
        mention.end,
        span_start,
        span_end,
        mention.candidates,
        _locative_context(sentence, mention),
    )
    rule = not_a_place(name, actors, story)
    if rule is not None:
        log.debug("%r is not a place (%s): %s", mention.text, rule, sentence.text)
    return rule is None


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
                elif _joining_word(tokens, j):
                    j += 2
                else:
                    break
            spans.append((i, j))
            i = j
        else:
            i += 1
    return spans


def _joined_names(
    sentence: Sentence, spans: list[tuple[int, int]], gazetteer: Gazetteer
) -> list[tuple[int, int]]:
    """Two names joined by "and" into one the gazetteer knows as a country or subdivision
    ("Trinidad and Tobago", "Bosnia and Herzegovina"); other names stay apart ("Russia and
    Turkey")."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if (
            joined
            and start == joined[-1][1] + 1
            and sentence.tokens[start - 1].lower in ("and", "&")
        ):
            text = sentence.span_text(joined[-1][0], end)
            if any(c.primary and c.place.precision != "city" for c in gazetteer.lookup(text)):
                joined[-1] = (joined[-1][0], end)
                continue
        joined.append((start, end))
    return joined


def _joining_word(tokens: Sequence[Token], j: int) -> bool:
    """A word that joins two proper nouns into one name ("Santiago de Compostela"), or a hyphen
    with no space around it ("Al-Jinah", "Ras al-Ain")."""
    if j + 1 >= len(tokens) or tokens[j + 1].pos != "PROPN":
        return False
    if tokens[j].text == "-":
        return not tokens[j - 1].whitespace and not tokens[j].whitespace
    return tokens[j].lower in NAME_CONNECTORS


def _gazetteer_matches(
    sentence: Sentence, start: int, end: int, gazetteer: Gazetteer
) -> list[PlaceMention]:
    """The longest gazetteer names inside [start, end), left to right ("the Gao region" ->
    "Gao region"; "Kabul airport" -> "Kabul")."""
    found: list[PlaceMention] = []
    i = start
    while i < end:
        word = sentence.tokens[i].lower
        if word in ("the", "'s", "-"):
            i += 1
            continue
        # A direction word begins a name ("North Korea", "South Sudan", "West Bank") when the
        # longer name is in the gazetteer; otherwise it only locates one ("northern Mali").
        j = _longest_name_end(sentence, i, end, gazetteer)
        if j is None:
            i += 1
            continue
        text = sentence.span_text(i, j)
        region = j < len(sentence.tokens) and sentence.tokens[j].lower in REGION_NOUNS
        found.append(
            PlaceMention(
                i, j, span_head(sentence, i, j), text, gazetteer.lookup(text), region_noun=region
            )
        )
        i = j
    return found


def _longest_name_end(sentence: Sentence, start: int, end: int, gazetteer: Gazetteer) -> int | None:
    """The end of the longest gazetteer name starting at token `start`, if any; a lone direction
    word is never a name, and a name does not end on a hyphen or a joining word ("Al-")."""
    for j in range(end, start, -1):
        if j == start + 1 and sentence.tokens[start].lower in DIRECTION_WORDS:
            return None
        last = sentence.tokens[j - 1]
        if j > start + 1 and (last.text == "-" or last.lower in NAME_CONNECTORS):
            continue
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
    if any(t.ent_type not in MISTAKEN_ENTITIES | PLACE_ENTITIES for t in tokens):
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
    return mention.start <= 2 and dateline_end(sentence.tokens) > mention.start


def _before_qualifier(sentence: Sentence, end: int) -> bool:
    tokens = sentence.tokens
    return end + 1 < len(tokens) and tokens[end].text == "," and tokens[end + 1].pos == "PROPN"


def _link_qualifiers(sentence: Sentence, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Qualifiers: in "Gao, in northern Mali", "Paris, Texas" and "the town of Omar in
    north-eastern Syria" the second name qualifies the first. A country is never qualified
    ("Russia, the US and Turkey" is a list), and a qualifier ends its phrase ("Washington, the UK
    mission" is not Washington in the UK)."""
    linked = list(mentions)
    tokens = sentence.tokens
    for k, (first, second) in enumerate(itertools.pairwise(mentions)):
        between = [t.lower for t in tokens[first.end : second.start]]
        rest = [w for w in between[1:] if w not in DIRECTION_WORDS and w not in ("the", "of", "-")]
        if between[:1] == [","]:
            if rest not in ([], ["in"], ["near"]) or _names_more_than(first, "admin1"):
                continue
        elif between[:1] != ["in"] or rest or _names_more_than(first, "city"):
            continue  # without a comma, only a town "in" a country or region qualifies
        if second.end < len(tokens) and tokens[second.end].pos != "PUNCT":
            continue
        within = tuple(c.place for c in second.candidates if c.place.precision != "city")
        if not within:
            continue
        linked[k] = _replace(linked[k], within=within)
        linked[k + 1] = _replace(linked[k + 1], qualifies=first.start)
    return linked


def _names_more_than(mention: PlaceMention, precision: str) -> bool:
    """The name is the own name of a place larger than `precision` ("Mali" than "admin1")."""
    larger = ("country",) if precision == "admin1" else ("country", "admin1")
    return any(c.primary and c.place.precision in larger for c in mention.candidates)


def dateline_end(tokens: Sequence[Token]) -> int:
    """The token after a dateline ("BAMAKO, Mali (Reuters) -"), or 0 if the sentence has none."""
    for i, t in enumerate(tokens[:12]):
        if t.text in ("-", "--", "—", "–") and i > 0 and tokens[i - 1].whitespace:
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
    end = dateline_end(sentence.tokens)
    return [_replace(m, dateline=True) if m.end <= end else m for m in mentions]


def _replace(mention: PlaceMention, **changes: object) -> PlaceMention:
    from dataclasses import replace

    return replace(mention, **changes)  # type: ignore[arg-type]


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
