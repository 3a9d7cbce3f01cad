"""Topic cues: the words, headline words, address parts and line openings that tell political news
from sport, markets, business, entertainment, weather and almanac items (`data/topics.tsv`,
header `cue topic scope note`). Topics and scopes are enums checked at load, so a typo is a `dict
check` problem, not a cue that never counts. How the coder weighs them: `tocsin.coding.relevance`
and docs/relevance.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from tocsin.errors import DictionaryProblem
from tocsin.knowledge.tables import Row

TOPIC_HEADER = ("cue", "topic", "scope", "note")
CUE_WORD = re.compile(r"[^\W_]+|[^\w\s]")  # words as the tokenizer splits them
ROLE_RE = re.compile(r"^[A-Z]{3}$")


class Topic(StrEnum):
    """What a story is about. Only political news is coded (see docs/relevance.md)."""

    POLITICAL = "political"
    SPORTS = "sports"
    MARKETS = "markets"
    BUSINESS = "business"
    ENTERTAINMENT = "entertainment"
    WEATHER = "weather"
    ALMANAC = "almanac"


class Scope(StrEnum):
    """Where a cue is looked for (the `scope` column)."""

    SENTENCE = "sentence"  # a sentence holding it codes no event; counts for the story's topic
    TEXT = "text"  # counts for the story's topic wherever it stands in the text
    TITLE = "title"  # in the headline
    URL = "url"  # part of the story's address ("/sport/"), lower case
    LINE = "line"  # a line of the story, or its headline, opens with it ("BIRTHS:")
    ROLE = "role"  # political only: an actor role (or international prefix) that is political


TOPIC_VALUES = frozenset(t.value for t in Topic)
SCOPE_VALUES = frozenset(s.value for s in Scope)
TOPICS = ", ".join(t.value for t in Topic)
SCOPES = ", ".join(s.value for s in Scope)


@dataclass(frozen=True, slots=True)
class TopicCue:
    """One row of a topic table: the cue split into words as the tokenizer splits them (a URL
    cue is one lower-case string, a role cue one upper-case code), its topic and scope."""

    words: tuple[str, ...]
    topic: Topic
    scope: Scope
    file: str
    line: int
    cue: str  # as written in the file

    @property
    def key(self) -> tuple[tuple[str, ...], Scope]:
        """A user's row with the same cue and scope replaces the built-in row."""
        return self.words, self.scope

    def ref(self) -> str:
        return f"{self.file}:{self.line}"


def cue_words(text: str) -> tuple[str, ...]:
    """Lower-case words of a cue or a headline, split as the tokenizer splits ("semi-final" is
    "semi", "-", "final"; "births:" is "births", ":")."""
    return tuple(CUE_WORD.findall(text.lower()))


def parse_topic_row(row: Row, problems: list[DictionaryProblem]) -> TopicCue | None:
    """The cue of one `cue topic scope note` row, or None with the row's problem recorded."""
    cue, topic_cell, scope_cell = row.cells[0], row.cells[1].lower(), row.cells[2].lower()
    if topic_cell not in TOPIC_VALUES:
        problems.append(
            DictionaryProblem(row.file, row.line, f"unknown topic {topic_cell!r}; use {TOPICS}")
        )
        return None
    if scope_cell not in SCOPE_VALUES:
        problems.append(
            DictionaryProblem(row.file, row.line, f"unknown scope {scope_cell!r}; use {SCOPES}")
        )
        return None
    topic, scope = Topic(topic_cell), Scope(scope_cell)
    if scope is Scope.ROLE:
        if topic is not Topic.POLITICAL or not ROLE_RE.match(cue):
            problems.append(
                DictionaryProblem(
                    row.file, row.line, "a role cue is political and a three-letter code (GOV)"
                )
            )
            return None
        words: tuple[str, ...] = (cue,)
    elif scope is Scope.URL:
        words = (cue.lower(),) if cue.strip() else ()
    else:
        words = cue_words(cue)
    if not words:
        problems.append(DictionaryProblem(row.file, row.line, "no cue given"))
        return None
    return TopicCue(words, topic, scope, row.file, row.line, cue)
