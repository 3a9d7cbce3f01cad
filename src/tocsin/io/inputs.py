"""Reading stories: the one reader behind `tocsin code`, `tocsin ingest`, the worker pool and Dask.

Inputs: JSONL (one story a line), CSV (a `text` column; `id`, `date`, `title`, `url`, `source`
optional), TXT (one story a file), HTML pages (main text extracted by trafilatura), RSS/Atom feeds
(one story per entry), folders (walked for files with those suffixes), http(s) URLs, and `-` for
JSONL on standard input.

Nothing in an input stops the reading of the rest: a record that cannot be used is handed to
`on_reject` as an `InputError` naming the file, the line and what to do, and the next record is
read. Invalid UTF-8 bytes cost the line they are on; a UTF-8 byte-order mark is accepted; a story
with a NUL character or a lone surrogate, a story too long for the parser, JSON nested too deeply
are each one rejected record. An input that cannot be read at all (missing, a binary or UTF-16
file, a URL that does not answer) is an `UnreadableInput`.

Story ids are strings. A number is accepted and written once as its decimal digits (`1000` and
`"1000"` are the same story); `true`, `1.5` or a list are refused. A story without an id is keyed
by its content (`sha256:...`). Dates are strict: `YYYY-MM-DD` or a full ISO timestamp.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from tocsin.errors import InputError, UnreadableInput
from tocsin.io.inputs_web import fetch, kind_of_response, read_feed, read_html
from tocsin.io.stories import (
    SNIFF_BYTES,
    SUFFIXES,
    SURROGATE_RE,
    Incoming,
    OnReject,
    sniff,
    story_from_record,
    story_key,
    story_problem,
)
from tocsin.records import Story

__all__ = [
    "SNIFF_BYTES",
    "SUFFIXES",
    "Incoming",
    "OnReject",
    "check_encoding",
    "decoded_lines",
    "kind_of",
    "read_bytes",
    "read_csv",
    "read_file",
    "read_inputs",
    "read_jsonl",
    "read_stories",
    "read_txt",
    "read_url",
    "story_from_record",
    "story_key",
    "walk",
]

# --- bytes to lines ----------------------------------------------------------------------------


def check_encoding(head: bytes, name: str) -> None:
    """Raise UnreadableInput for a file that is not UTF-8 text: UTF-16/32, compressed, binary."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableInput(name, "is UTF-16 (or UTF-32) text", "save it as UTF-8")
    if head.startswith(b"\x1f\x8b"):
        raise UnreadableInput(name, "is gzip-compressed", "decompress it first (gunzip)")
    if head.startswith(b"PK\x03\x04"):
        raise UnreadableInput(name, "is a ZIP archive", "unpack it first")
    if not head:
        return
    nul = head.count(b"\x00")
    if nul * 10 > len(head):
        problem = "looks like UTF-16 text" if nul * 3 > len(head) else "is a binary file"
        raise UnreadableInput(name, problem, "give UTF-8 text (JSONL, CSV, TXT, HTML or RSS)")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    undecodable = head.decode("utf-8", "replace").count("\ufffd")
    if (controls + undecodable) * 10 > len(head):
        raise UnreadableInput(
            name, "is a binary file", "give UTF-8 text (JSONL, CSV, TXT, HTML or RSS)"
        )


def decoded_lines(
    raw_lines: Iterable[bytes], name: str, on_reject: OnReject, first_line: int = 1
) -> Iterator[tuple[int, str]]:
    """(number, text) of each line; a line with invalid UTF-8 is rejected alone; a UTF-8 BOM at
    the start of the first line is dropped."""
    for number, raw in enumerate(raw_lines, start=first_line):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            on_reject(
                InputError(
                    name,
                    number,
                    f"the line is not UTF-8 (byte 0x{raw[exc.start]:02x} at byte {exc.start + 1})",
                    "fix the line or save the file as UTF-8; the other lines are read",
                )
            )


def read_jsonl(
    lines: Iterable[tuple[int, str]], name: str, on_reject: OnReject
) -> Iterator[Incoming]:
    """Stories of numbered JSONL lines; each bad line is one reject."""
    for number, text in lines:
        if not text.strip():
            continue
        try:
            record = _json(text, name, number)
            yield Incoming(story_from_record(record, name, number), name, number)
        except InputError as error:
            on_reject(error)


def _json(text: str, name: str, number: int) -> Any:
    fix = "fix the line; the other lines are read"
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            name, number, f"malformed JSON ({exc.msg} at column {exc.colno})", fix
        ) from None
    except RecursionError:
        raise InputError(name, number, "the JSON is nested too deeply", fix) from None
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        raise InputError(name, number, f"unreadable JSON ({exc})", fix) from None


def read_csv(text: str, name: str, on_reject: OnReject) -> Iterator[Incoming]:
    """Stories of a CSV table with a header; each bad row is one reject (named by its line)."""
    csv.field_size_limit(2**31 - 1)  # a story is longer than csv's default 128 KiB cell
    # line breaks made one: csv cannot read a lone CR inside a quoted cell
    reader = csv.DictReader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n")))
    try:
        fields = reader.fieldnames
    except csv.Error as exc:
        fields = None
        on_reject(InputError(name, 1, f"unreadable CSV header ({exc})", "fix the header"))
        return
    if fields is None or "text" not in fields:
        on_reject(
            InputError(
                name,
                1,
                "the CSV header has no 'text' column",
                "name the columns text and optionally id, date, title, url, source",
            )
        )
        return
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            on_reject(InputError(name, start, f"unreadable CSV row ({exc})", "fix the row"))
            continue
        number = start
        if None in row:
            on_reject(
                InputError(name, number, "the row has more cells than the header", "fix the row")
            )
            continue
        record: dict[str, Any] = {k: v for k, v in row.items() if v not in (None, "")}
        if not str(record.get("text") or "").strip():
            on_reject(InputError(name, number, "the row has no text", "fill the text column"))
            continue
        try:
            yield Incoming(story_from_record(record, name, number), name, number)
        except InputError as error:
            on_reject(error)


def read_txt(text: str, name: str, story_id: str, on_reject: OnReject) -> Iterator[Incoming]:
    """One story: the whole text, its id the file name (without suffix) or the URL."""
    story = Story(story_id, text)
    problem = story_problem(story)
    if problem is not None:
        on_reject(InputError(name, None, problem, "fix the file, or leave it out"))
        return
    yield Incoming(story, name)


# --- inputs ------------------------------------------------------------------------------------


def read_stories(
    inputs: Iterable[str],
    on_reject: OnReject,
    default_date: dt.date | None = None,
    stdin: IO[str] | IO[bytes] | None = None,
) -> Iterator[Incoming]:
    """Every story of the inputs (paths, folders, URLs, or - for JSONL on stdin), in order."""
    for name in inputs:
        yield from _dated(_read_input(name, on_reject, stdin), default_date)


def _read_input(
    name: str, on_reject: OnReject, stdin: IO[str] | IO[bytes] | None
) -> Iterator[Incoming]:
    if name == "-":
        yield from read_jsonl(_stdin_lines(stdin, on_reject), "<stdin>", on_reject)
        return
    if name.startswith(("http://", "https://")):
        yield from read_url(name, on_reject)
        return
    path = Path(name)
    if path.is_dir():
        files = walk(path)
        if not files:
            on_reject(
                UnreadableInput(
                    name, "holds no story files", f"put files ending in {_suffixes()} in it"
                )
            )
        for file in files:
            story_id = file.relative_to(path).with_suffix("").as_posix()
            yield from read_file(file, kind_of(file), on_reject, story_id)
    elif path.exists():
        yield from read_file(path, kind_of(path), on_reject, path.stem)
    else:
        on_reject(UnreadableInput(name, "no such file or directory", "check the path"))


def _suffixes() -> str:
    return ", ".join(sorted(SUFFIXES))


def _stdin_lines(
    stdin: IO[str] | IO[bytes] | None, on_reject: OnReject
) -> Iterator[tuple[int, str]]:
    stream: Any = stdin if stdin is not None else sys.stdin
    binary = getattr(stream, "buffer", None) if stdin is None else None
    if binary is not None:
        yield from decoded_lines(binary, "<stdin>", on_reject)
        return
    for number, line in enumerate(stream, start=1):
        if isinstance(line, bytes):
            yield from decoded_lines([line], "<stdin>", on_reject, number)
        else:
            yield number, line.removeprefix("\ufeff") if number == 1 else line


def walk(root: Path) -> list[Path]:
    """The story files of a folder and its sub-folders, by path (hidden ones left out)."""
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def kind_of(path: Path) -> str:
    """jsonl, csv, txt, html or feed: by the suffix, else by the first bytes."""
    found = SUFFIXES.get(path.suffix.lower())
    if found is not None:
        return found
    try:
        with path.open("rb") as handle:
            return sniff(handle.read(2048))
    except OSError:
        return "txt"


def read_file(path: Path, kind: str, on_reject: OnReject, story_id: str) -> Iterator[Incoming]:
    """The stories of one file of a known kind."""
    name = str(path)
    try:
        with path.open("rb") as handle:
            check_encoding(handle.read(SNIFF_BYTES), name)
            handle.seek(0)
            if kind == "jsonl":
                yield from read_jsonl(decoded_lines(handle, name, on_reject), name, on_reject)
                return
            data = handle.read()
    except UnreadableInput as error:
        on_reject(error)
        return
    except OSError as exc:
        on_reject(UnreadableInput(name, f"cannot be read ({exc.strerror})", "check the file"))
        return
    yield from read_bytes(data, kind, name, story_id, on_reject)


def read_bytes(
    data: bytes, kind: str, name: str, story_id: str, on_reject: OnReject, url: str | None = None
) -> Iterator[Incoming]:
    """The stories of a whole input held in memory (a file or a downloaded page)."""
    if kind in ("html", "feed"):
        if kind == "html":
            yield from read_html(data, name, url, story_id, on_reject)
        else:
            yield from read_feed(data, name, on_reject)
        return
    try:
        check_encoding(data[:SNIFF_BYTES], name)
    except UnreadableInput as error:
        on_reject(error)
        return
    if kind == "jsonl":
        lines = decoded_lines(io.BytesIO(data), name, on_reject)
        yield from read_jsonl(lines, name, on_reject)
        return
    text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "surrogateescape")
    if kind == "csv":
        yield from read_csv(text, name, on_reject)
        return
    if not text.strip():
        on_reject(InputError(name, None, "the file is empty", "remove it or add the story"))
        return
    found = SURROGATE_RE.search(text)
    if found is not None:
        line = text.count("\n", 0, found.start()) + 1
        on_reject(
            InputError(name, line, "the story is not UTF-8 text on this line", "save it as UTF-8")
        )
        return
    yield from read_txt(text, name, story_id, on_reject)


def read_url(url: str, on_reject: OnReject) -> Iterator[Incoming]:
    """The stories of a URL, read by its content type (else its suffix, else its first bytes)."""
    try:
        body, ctype = fetch(url)
    except InputError as error:
        on_reject(error)
        return
    yield from read_bytes(body, kind_of_response(url, ctype, body), url, url, on_reject, url)


def _dated(items: Iterator[Incoming], date: dt.date | None) -> Iterator[Incoming]:
    for item in items:
        if item.story.date is None and date is not None:
            item = Incoming(replace(item.story, date=date), item.origin, item.line)
        yield item


def read_inputs(
    inputs: Iterable[str],
    default_date: dt.date | None = None,
    skip_bad: bool = False,
    on_bad: OnReject | None = None,
    stdin: IO[str] | None = None,
) -> Iterator[Story]:
    """The stories of `read_stories`; a bad record raises its InputError unless `skip_bad`
    (then it goes to `on_bad` and reading goes on)."""

    def reject(error: InputError) -> None:
        if not skip_bad:
            raise error
        if on_bad is not None:
            on_bad(error)

    for item in read_stories(inputs, reject, default_date, stdin):
        yield item.story
