"""Reading stories: JSONL files, plain-text files and standard input.

Bad records raise `InputError` naming the file, the line and what to do; with `skip_bad` they are
handed to a callback and reading goes on.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from tocsin.errors import InputError
from tocsin.records import Story, parse_date

OnBad = Callable[[InputError], None]


def story_from_record(record: Any, path: str, line: int) -> Story:
    """Validate one JSON record and turn it into a Story."""
    hint = 'each line must be a JSON object like {"id": "s1", "text": "...", "date": "2021-06-04"}'
    if not isinstance(record, dict):
        raise InputError(path, line, "the record is not a JSON object", hint)
    text = record.get("text")
    if not isinstance(text, str):
        problem = "the record has no 'text'" if text is None else "'text' is not a string"
        raise InputError(path, line, problem, hint)
    sid = record.get("id")
    if sid is None or (isinstance(sid, str) and not sid.strip()):
        raise InputError(path, line, "the record has no 'id'", hint)
    if not isinstance(sid, str | int):
        raise InputError(path, line, "'id' must be a string", hint)
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
    return Story(id=str(sid), text=text, date=date, **optional)


def read_jsonl(
    stream: Iterable[str],
    path: str,
    skip_bad: bool = False,
    on_bad: OnBad | None = None,
    first_line: int = 1,
) -> Iterator[Story]:
    """Stories of JSONL lines; `first_line` numbers the first line (for a part of a file)."""
    for number, raw in enumerate(stream, start=first_line):
        if not raw.strip():
            continue
        try:
            try:
                record = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise InputError(
                    path,
                    number,
                    f"malformed JSON ({exc.msg} at column {exc.colno})",
                    "fix the line or rerun with --skip-bad to code the other lines",
                ) from None
            yield story_from_record(record, path, number)
        except InputError as error:
            if not skip_bad:
                raise
            if on_bad is not None:
                on_bad(error)


def read_inputs(
    inputs: Iterable[str],
    default_date: dt.date | None = None,
    skip_bad: bool = False,
    on_bad: OnBad | None = None,
    stdin: IO[str] | None = None,
) -> Iterator[Story]:
    """Stories from each input in turn: `-` (JSONL on stdin), `*.jsonl`/`*.json`, or `*.txt`."""
    for name in inputs:
        if name == "-":
            yield from _with_default_date(
                read_jsonl(stdin or sys.stdin, "<stdin>", skip_bad, on_bad), default_date
            )
            continue
        path = Path(name)
        try:
            if path.suffix.lower() == ".txt":
                text = path.read_text("utf-8")
                yield Story(id=path.stem, text=text, date=default_date)
                continue
            with path.open(encoding="utf-8") as handle:
                yield from _with_default_date(
                    read_jsonl(handle, name, skip_bad, on_bad), default_date
                )
        except FileNotFoundError:
            _bad(InputError(name, None, "no such file", "check the path"), skip_bad, on_bad)
        except IsADirectoryError:
            _bad(
                InputError(name, None, "is a directory", "name the files inside it"),
                skip_bad,
                on_bad,
            )
        except (OSError, UnicodeDecodeError) as exc:
            _bad(
                InputError(name, None, f"cannot be read ({exc})", "check the file is UTF-8 text"),
                skip_bad,
                on_bad,
            )


def _with_default_date(stories: Iterator[Story], date: dt.date | None) -> Iterator[Story]:
    for story in stories:
        if story.date is None and date is not None:
            story = Story(story.id, story.text, date, story.title, story.url, story.source)
        yield story


def _bad(error: InputError, skip_bad: bool, on_bad: OnBad | None) -> None:
    if not skip_bad:
        raise error
    if on_bad is not None:
        on_bad(error)
