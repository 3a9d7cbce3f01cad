"""The records that cross module boundaries: frozen, typed, and nothing else.

Data flows one way: Story -> Sentence (parsed) -> ActorMention -> Event. Each module takes and
returns these records; no dict-shaped data travels through the pipeline.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Story:
    """One news story as given to the coder.

    `date` may be given as a `datetime.date`, a `datetime.datetime` or pandas `Timestamp` (its
    day is kept), or an ISO string ("2024-08-20", "2024-08-20T09:30:00Z"); it is stored as a
    `datetime.date`. None, "" and pandas' NaT mean undated. Anything else raises ValueError.
    """

    id: str
    text: str
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "date", story_date(self.date, self.id))


def story_date(value: object, story_id: str = "") -> dt.date | None:
    """A story's date as a `datetime.date` (see `Story`), or None when undated."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if value != value:  # NaN, pandas NaT
        return None
    if isinstance(value, dt.datetime):  # pandas Timestamp is one too
        return value.date()
    if isinstance(value, dt.date):
        return value
    where = f"story {story_id!r}: " if story_id else ""
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            raise ValueError(
                f"{where}date {value!r} is not an ISO date; write it as YYYY-MM-DD"
            ) from None
    if hasattr(value, "item") and str(getattr(value, "dtype", "")).startswith("datetime64"):
        return story_date(str(value), story_id)  # a numpy datetime64
    raise ValueError(
        f"{where}date must be a date, a datetime or a YYYY-MM-DD string, not {type(value).__name__}"
    )


@dataclass(frozen=True, slots=True)
class Token:
    """One parsed word. Indices (`i`, `head`, `children`) are positions within the sentence."""

    i: int
    text: str
    lower: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    children: tuple[int, ...]
    ent_type: str
    ent_iob: str
    idx: int  # character offset within the sentence text
    whitespace: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """One parsed sentence of a story."""

    story_id: str
    index: int
    text: str
    tokens: tuple[Token, ...]
    start_char: int = 0

    def span_text(self, start: int, end: int) -> str:
        """The sentence text covered by tokens [start, end)."""
        if start >= end:
            return ""
        first, last = self.tokens[start], self.tokens[end - 1]
        return self.text[first.idx : last.idx + len(last.text)]


@dataclass(frozen=True, slots=True)
class DictEntry:
    """Where a piece of knowledge came from: a dictionary file line."""

    file: str
    line: int
    code: str
    name: str

    def ref(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in a sentence, with its resolved CAMEO code.

    `start`/`end` bound the token span, `head` is the token the parse hangs the phrase on.
    `entries` are the dictionary lines that produced the code (country, role, person ...).
    `name` is the name of the actor a pronoun or surname stands for, when the story resolved it
    ("he" -> "Benjamin Netanyahu"); `text` stays the sentence's own words.
    """

    start: int
    end: int
    head: int
    code: str
    text: str
    # country | international | person | agent | composed | context | place | home | title | unknown
    kind: str
    entries: tuple[DictEntry, ...]
    # In an undated story, the lines that give the same name another code at other dates, most
    # recent first (the Taliban: an insurgency before 2021, the government after); see
    # `grammar.dyads.apart`.
    other_dates: tuple[DictEntry, ...] = ()
    name: str = ""

    @property
    def country(self) -> str | None:
        """The ISO3 country part of the code, if the code starts with one."""
        return country_of(self.code)

    @property
    def role(self) -> str:
        """The role part of the code (after the country or international prefix)."""
        return role_of(self.code)

    @property
    def resolution(self) -> str:
        """How the actor was resolved, for the event record: `dictionary` (a dictionary name,
        or a country and role noun composed in the phrase), `gazetteer` (a role noun placed by a
        city or region of the phrase), `title` (a person unknown to the dictionaries, by their
        title), `context` (an earlier actor of the story: pronouns, "the ministry"), `home`
        (the story's home country) or `unknown` (no country known: `---`)."""
        if self.kind in RESOLUTIONS:
            return self.kind
        if any(e.file == "gazetteer" for e in self.entries):
            return "gazetteer"
        return "dictionary"


RESOLUTIONS = frozenset({"title", "context", "home", "unknown"})
INTERNATIONAL_PREFIXES = frozenset({"IGO", "IMG", "NGO", "NGM", "MNC", "UIS"})


UNKNOWN_COUNTRY = "---"  # PETRARCH's way of writing a domestic actor of no known country


def country_of(code: str) -> str | None:
    """The ISO3 country a code starts with: none for international codes and for `---`."""
    prefix = code[:3]
    if len(prefix) < 3 or prefix in INTERNATIONAL_PREFIXES or prefix == UNKNOWN_COUNTRY:
        return None
    return prefix


def role_of(code: str) -> str:
    return code[3:]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an event was coded: the words and the dictionary entries that fired."""

    verb_text: str
    verb_tokens: tuple[int, ...]
    pattern_id: str
    pattern_ref: str
    source_tokens: tuple[int, int]
    target_tokens: tuple[int, int] | None
    source_entries: tuple[str, ...]
    target_entries: tuple[str, ...]
    rules: tuple[str, ...] = ()  # grammar rules used: passive, relative-clause, conjunction ...
    speaker: str = ""  # the code of who reports the act ("..., police said"), if anyone
    speaker_text: str = ""  # their words

    def to_dict(self) -> dict[str, Any]:
        return {
            "verb_text": self.verb_text,
            "verb_tokens": list(self.verb_tokens),
            "pattern_id": self.pattern_id,
            "pattern": self.pattern_ref,
            "source_tokens": list(self.source_tokens),
            "target_tokens": list(self.target_tokens) if self.target_tokens else None,
            "source_entries": list(self.source_entries),
            "target_entries": list(self.target_entries),
            "rules": list(self.rules),
            "speaker": self.speaker,
            "speaker_text": self.speaker_text,
        }


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened. `source` says how it was chosen: `text` (a place the event's verb
    governs), `sentence` (another place in the sentence), `story` (the story's main place) or
    `actor` (the country of the target or source, when nothing better exists)."""

    name: str
    country: str  # ISO3
    admin1: str | None
    lat: float
    lon: float
    geonameid: int | None
    precision: str  # city | admin1 | country
    source: str


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event with its scores and evidence. `to_dict` gives the flat output record."""

    id: str
    story_id: str
    sentence_index: int
    date: dt.date | None
    source: str
    source_text: str
    target: str
    target_text: str
    code: str
    root_code: str
    name: str
    quad_class: int  # GDELT 1-4
    phoenix_quad: int  # Phoenix 0-4
    goldstein: float
    plover: str | None
    sentence: str
    evidence: Evidence
    date_source: str = "story"  # text | story | none (an undated story, no date in the text)
    date_text: str = ""
    date_precision: str | None = "day"  # day | week | month | year; None when undated
    location: Location | None = None
    source_resolution: str = "dictionary"  # see ActorMention.resolution
    target_resolution: str = ""  # empty when the event has no target
    topic: str = "political"  # the story's topic (see StoryTopic); only political news is coded
    # the names to show for source and target: `source_text` unless that is a pronoun or a bare
    # role noun ("he" -> "Benjamin Netanyahu", "police" -> "police (Kenya)"); see coding.naming
    source_name: str = ""
    target_name: str = ""

    def to_dict(self) -> dict[str, Any]:
        loc = self.location
        return {
            "id": self.id,
            "story_id": self.story_id,
            "sentence_index": self.sentence_index,
            "date": self.date.isoformat() if self.date else None,
            "source": self.source,
            "source_text": self.source_text,
            "target": self.target,
            "target_text": self.target_text,
            "code": self.code,
            "root_code": self.root_code,
            "name": self.name,
            "quad_class": self.quad_class,
            "phoenix_quad": self.phoenix_quad,
            "goldstein": self.goldstein,
            "plover": self.plover,
            "sentence": self.sentence,
            "evidence": self.evidence.to_dict(),
            "date_source": self.date_source,
            "date_text": self.date_text,
            "date_precision": self.date_precision,
            "location_name": loc.name if loc else None,
            "location_country": loc.country if loc else None,
            "location_admin1": loc.admin1 if loc else None,
            "lat": loc.lat if loc else None,
            "lon": loc.lon if loc else None,
            "geonameid": loc.geonameid if loc else None,
            "location_precision": loc.precision if loc else None,
            "location_source": loc.source if loc else None,
            "source_resolution": self.source_resolution,
            "target_resolution": self.target_resolution,
            "topic": self.topic,
            "source_name": self.source_name,
            "target_name": self.target_name,
        }


EVENT_FIELDS: tuple[str, ...] = (
    "id",
    "story_id",
    "sentence_index",
    "date",
    "source",
    "source_text",
    "target",
    "target_text",
    "code",
    "root_code",
    "name",
    "quad_class",
    "phoenix_quad",
    "goldstein",
    "plover",
    "sentence",
    "evidence",
    "date_source",
    "date_text",
    "date_precision",
    "location_name",
    "location_country",
    "location_admin1",
    "lat",
    "lon",
    "geonameid",
    "location_precision",
    "location_source",
    "source_resolution",
    "target_resolution",
    "topic",
    "source_name",
    "target_name",
)


@dataclass(frozen=True, slots=True)
class StoryTopic:
    """What a story is about and why: `political`, or the non-political topic (`sports`,
    `markets`, `business`, `entertainment`, `weather`, `almanac`) whose cues outweigh the
    political ones (docs/relevance.md). `scores` holds every topic's score, highest first;
    `cues` the cues that counted ("topics.tsv:12 premier league (sentence) x2")."""

    story_id: str
    topic: str
    scores: tuple[tuple[str, int], ...]
    cues: tuple[str, ...]

    @property
    def political(self) -> bool:
        return self.topic == "political"

    def to_dict(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "topic": self.topic,
            "scores": dict(self.scores),
            "cues": list(self.cues),
        }


_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: object) -> dt.date:
    """A strict ISO date: `YYYY-MM-DD`, or a full ISO timestamp whose date part is used
    (`2021-06-04T10:00:00Z`). Anything else (`2021-06-04garbage`, `04/06/2021`, `20210604`) is a
    ValueError naming the value."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date string YYYY-MM-DD, got {value!r}")
    text = value.strip()
    if _DATE_RE.match(text):
        try:
            if len(text) == 10:
                return dt.date.fromisoformat(text)
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD")
