"""The smaller knowledge tables the coder consults beside the actor and verb dictionaries, each
recognised by its header and read like them (built-in file first, users' `--dict` files after,
a user's row overriding the built-in row with the same key):

- moods (`data/modality.tsv`): for an act code, the code of an appeal for it, an intent to do
  it, a demand for it, a threat of it and a refusal of it;
- weapons (`data/weapons.tsv`): the code of force used with a weapon;
- missions (`data/missions.tsv`): the code a movement of forces takes when a peace mission is
  named with it;
- statement cues (`data/statement_cues.tsv`): words that make what a statement says a criticism,
  an accusation, praise or a threat;
- topic cues (`data/topics.tsv`, see `tocsin.knowledge.topics`): the words, headline words,
  address parts and line openings of political news and of sport, markets, business,
  entertainment, weather and almanac items; a user's row replaces the built-in row with the same
  cue and scope. The older `cue note` table (a sentence holding the cue codes no event) is still
  read;
- irregular verbs (`data/irregular_verbs.tsv`): the forms of a verb's lemma;
- country names (`data/places/country_names.tsv`): names news use for countries that the
  gazetteer's packages lack (read when the gazetteer is built);
- regions (`data/places/regions.tsv`): the names news use for first-level subdivisions (states,
  provinces, regions) and a town inside each, for those the gazetteer's packages name in a form
  news does not use or cannot place (read when the gazetteer is built);
- not places (`data/places/not_places.tsv`): names the gazetteer knows (a town called "Court", an
  alternate name "Africa") that are never a place on their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tocsin.errors import DictionaryProblem
from tocsin.knowledge.tables import Row, names, optional
from tocsin.knowledge.topics import (
    TOPIC_HEADER,
    Scope,
    Topic,
    TopicCue,
    cue_words,
    parse_topic_row,
)

MOOD_HEADER = ("code", "appeal", "intent", "demand", "threat", "reject")
WEAPON_HEADER = ("code", "words")
MISSION_HEADER = ("code", "acts", "words")
STATEMENT_CUE_HEADER = ("code", "cues")
NONPOLITICAL_HEADER = ("cue", "note")  # the older form of the sentence cues of TOPIC_HEADER
IRREGULAR_HEADER = ("lemma", "forms")
COUNTRY_NAME_HEADER = ("code", "name")
REGION_HEADER = ("code", "names", "seat")
NOT_PLACE_HEADER = ("not_place", "note")


@dataclass(frozen=True, slots=True)
class Region:
    """A first-level subdivision as news names it: its ISO 3166-2 code ("NG-BO"), its names
    ("Borno", "Borno State") and a town inside it ("Maiduguri") that places it on the map."""

    code: str
    names: tuple[str, ...]
    seat: str
    line: int = 0  # of regions.tsv, for messages


@dataclass(slots=True)
class SideTables:
    """The rows of the side tables, as the coder's modules use them."""

    moods: dict[str, dict[str, str]] = field(default_factory=dict)
    weapons: dict[str, str] = field(default_factory=dict)
    missions: dict[str, dict[str, str]] = field(default_factory=dict)  # act -> word -> code
    statement_cues: dict[str, str] = field(default_factory=dict)  # cue -> CAMEO code
    nonpolitical: list[tuple[str, ...]] = field(default_factory=list)  # `cue note` rows
    topics: dict[tuple[tuple[str, ...], Scope], TopicCue] = field(default_factory=dict)
    irregular: dict[str, str] = field(default_factory=dict)  # form -> lemma
    country_names: list[tuple[str, str]] = field(default_factory=list)  # (ISO3, name)
    regions: list[Region] = field(default_factory=list)
    not_places: set[str] = field(default_factory=set)  # lower-cased names

    def add(
        self,
        header: tuple[str, ...],
        row: Row,
        problems: list[DictionaryProblem],
        codes: frozenset[str],
    ) -> None:
        """Add one row of the table whose header is `header`."""
        cells = row.cells
        if header == MOOD_HEADER:
            if not _known_codes(row, [c for c in cells if optional(c)], codes, problems):
                return
            self.moods[cells[0]] = {
                family: code
                for family, code in zip(MOOD_HEADER[1:], cells[1:], strict=True)
                if optional(code)
            }
        elif header in (WEAPON_HEADER, STATEMENT_CUE_HEADER):
            # a code and the words (weapons) or cues (statements) that give it
            if not _known_codes(row, cells[:1], codes, problems):
                return
            table = self.weapons if header == WEAPON_HEADER else self.statement_cues
            for word in names(cells[1]):
                table[word.lower()] = cells[0]
        elif header == MISSION_HEADER:
            acts = names(cells[1])
            if not acts:
                problems.append(DictionaryProblem(row.file, row.line, "no act codes given"))
                return
            if not _known_codes(row, [cells[0], *acts], codes, problems):
                return
            for act in acts:
                for word in names(cells[2]):
                    self.missions.setdefault(act, {})[word.lower()] = cells[0]
        elif header == NONPOLITICAL_HEADER:
            # split as the tokenizer splits: "semi-final" is "semi", "-", "final"
            cue = cue_words(cells[0])
            if not cue:
                problems.append(DictionaryProblem(row.file, row.line, "no cue given"))
                return
            self.nonpolitical.append(cue)
        elif header == TOPIC_HEADER:
            topic = parse_topic_row(row, problems)
            earlier = self.topics.get(topic.key) if topic is not None else None
            if earlier is not None and earlier.file == row.file:
                message = (
                    f"cue {row.cells[0]!r} of scope {row.cells[2]!r} is on line {earlier.line} too"
                )
                problems.append(DictionaryProblem(row.file, row.line, message))
            elif topic is not None:
                self.topics[topic.key] = topic  # a later file's row replaces an earlier one
        elif header == IRREGULAR_HEADER:
            forms = names(cells[1])
            if not cells[0] or not forms:
                problems.append(DictionaryProblem(row.file, row.line, "a lemma and its forms"))
                return
            for form in forms:
                self.irregular[form.lower()] = cells[0].lower()
        elif header == COUNTRY_NAME_HEADER:
            if not (len(cells[0]) == 3 and cells[0].isalpha() and cells[0].isupper()):
                problems.append(
                    DictionaryProblem(row.file, row.line, f"not an ISO3 country code {cells[0]!r}")
                )
                return
            self.country_names.append((cells[0], cells[1]))
        elif header == REGION_HEADER:
            region = _region(row, problems)
            if region is not None:
                self.regions.append(region)
        elif header == NOT_PLACE_HEADER:
            if not cells[0]:
                problems.append(DictionaryProblem(row.file, row.line, "no name given"))
                return
            self.not_places.add(cells[0].lower())

    def sentence_cues(self) -> list[tuple[str, ...]]:
        """The cues that stop a sentence from coding: the `sentence` cues of the non-political
        topics, and the rows of the older `cue note` tables."""
        found = [
            c.words
            for c in self.topics.values()
            if c.scope is Scope.SENTENCE and c.topic is not Topic.POLITICAL
        ]
        return [*self.nonpolitical, *found]


def _known_codes(
    row: Row, cells: Sequence[str], codes: frozenset[str], problems: list[DictionaryProblem]
) -> bool:
    """Whether every CAMEO code of the row is one the CAMEO table knows (any, without a table);
    a problem names the first unknown one."""
    unknown = [c for c in cells if codes and c not in codes]
    if unknown:
        problems.append(DictionaryProblem(row.file, row.line, f"unknown CAMEO code {unknown[0]!r}"))
    return not unknown


def _region(row: Row, problems: list[DictionaryProblem]) -> Region | None:
    code, cells = row.cells[0], row.cells
    if not re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", code):
        problems.append(DictionaryProblem(row.file, row.line, f"not an ISO 3166-2 code {code!r}"))
        return None
    found = names(cells[1])
    if not found or not optional(cells[2]):
        problems.append(DictionaryProblem(row.file, row.line, "a region needs names and a seat"))
        return None
    return Region(code, found, cells[2], row.line)
