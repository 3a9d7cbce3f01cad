"""A story as the reader gives it (`Incoming`: the story, its file and line) and the checks of
one record's fields, shared by the readers of every input format (`tocsin.io.inputs`,
`tocsin.io.inputs_web`)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tocsin.coding.nlp import length_problem
from tocsin.errors import InputError
from tocsin.records import Story, parse_date
from tocsin.store.base import content_hash

OnReject = Callable[[InputError], None]
OnBad = OnReject

SUFFIXES = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
KINDS = frozenset(SUFFIXES.values())
RECORD_HINT = (
    'each line must be a JSON object like {"id": "s1", "text": "...", "date": "2021-06-04"}'
)
SNIFF_BYTES = 8192
SURROGATE_RE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Incoming:
    """A story read from an input, with the file or URL and line it came from."""

    story: Story
    origin: str
    line: int | None = None


def story_key(text: str) -> str:
    """The id given to a story that comes without one."""
    return "sha256:" + content_hash(text)[:32]


# --- fields ------------------------------------------------------------------------------------


def story_id_of(value: object) -> str | None:
    """The id of a record as a string: a whole number becomes its digits once, here; None for
    a value that cannot be an id (true, 1.5, a list, a blank string)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else None
    if isinstance(value, str) and value.strip():
        return value
    return None


def text_problem(text: str) -> str | None:
    """Why a text cannot be coded or stored, or None: a NUL, a lone surrogate, too long."""
    if "\x00" in text:
        return "it contains a NUL character (\\u0000), which no store can keep"
    found = SURROGATE_RE.search(text)
    if found is not None:
        return f"it contains a lone surrogate (\\u{ord(found.group()):04x}), which is not text"
    return length_problem(text)


def story_problem(story: Story) -> str | None:
    """Why a story cannot be coded or stored (its text, or any of its fields), or None."""
    for name in ("id", "title", "url", "source"):
        value = getattr(story, name)
        if value is not None and ("\x00" in value or SURROGATE_RE.search(value)):
            return f"its {name} contains a NUL character or a lone surrogate"
    problem = text_problem(story.text)
    return f"the text cannot be coded: {problem}" if problem else None


def story_from_record(record: Any, path: str, line: int | None, hint: str = RECORD_HINT) -> Story:
    """Validate one record (a parsed JSON object or a CSV row) and turn it into a Story."""
    if not isinstance(record, dict):
        raise InputError(path, line, "the record is not a JSON object", hint)
    text = record.get("text")
    if not isinstance(text, str):
        problem = "the record has no 'text'" if text is None else "'text' is not a string"
        raise InputError(path, line, problem, hint)
    text_issue = text_problem(text)
    if text_issue is not None:
        raise InputError(path, line, f"the text cannot be coded: {text_issue}", "fix the record")
    raw_id = record.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        sid = story_key(text)
    else:
        found = story_id_of(raw_id)
        if found is None:
            raise InputError(
                path,
                line,
                f"'id' must be a string or a whole number, not {json.dumps(raw_id)[:40]}",
                'write it as a string, e.g. "id": "s1"',
            )
        sid = found
    date = None
    if record.get("date") not in (None, ""):
        try:
            date = parse_date(record["date"])
        except ValueError as exc:
            raise InputError(
                path, line, f"bad 'date': {exc}", "write dates as YYYY-MM-DD"
            ) from None
    optional = {}
    for key in ("title", "url", "source"):
        value = record.get(key)
        optional[key] = str(value) if value is not None else None
    story = Story(id=sid, text=text, date=date, **optional)
    field_issue = story_problem(story)
    if field_issue is not None:
        raise InputError(path, line, field_issue, "fix the record, or leave it out")
    return story


def sniff(head: bytes) -> str:
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:2000].lower()
    if start.startswith((b"{", b"[")):
        return "jsonl"
    if start.startswith(b"<"):
        return "feed" if (b"<rss" in start or b"<feed" in start or b"<rdf" in start) else "html"
    return "txt"
