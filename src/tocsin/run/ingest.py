"""Ingestion: read stories from files, directories and URLs, code them, store them.

Inputs: JSONL (one story a line), CSV (a `text` column; `id`, `date`, `title`, `url`, `source`
optional), TXT (one story a file), HTML pages (main text extracted by trafilatura) and RSS/Atom
feeds (one story per entry, by feedparser); directories are walked for files with those suffixes.
Stories without an id are keyed by their content hash.

Each story is stored with its events in one transaction and stories already in the store are
skipped before they are parsed, so ingesting twice adds nothing and an ingest killed at any moment
finishes, when run again, with exactly the events of an uninterrupted run. Bad records are handed
to `on_reject` (file, line, reason) and the rest goes on.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tocsin.errors import InputError
from tocsin.io.inputs import story_from_record
from tocsin.records import Story, parse_date
from tocsin.store import Store, content_hash

if TYPE_CHECKING:
    from tocsin.coding.coder import Coder
    from tocsin.run.parallel import CoderPool

log = logging.getLogger(__name__)

OnReject = Callable[[InputError], None]
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
FETCH_TIMEOUT_S = 30.0
MAX_DOWNLOAD = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Incoming:
    """A story read from an input, with the file or URL and line it came from."""

    story: Story
    origin: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What an ingest did: new stories and their events, stories already stored, rejects."""

    stories: int
    events: int
    known: int
    rejects: int
    seconds: float
    undated: int = 0  # of the new stories, those without a date
    not_english: int = 0  # ... and those that look written in another language

    def line(self) -> str:
        rate = self.stories / self.seconds if self.seconds > 0 else 0.0
        return (
            f"{self.stories} stories and {self.events} events stored, {self.known} already "
            f"stored, {self.rejects} rejected, {self.undated} undated, {self.not_english} not "
            f"English, in {self.seconds:.1f} s ({rate:.1f} stories/s)"
        )


def story_key(text: str) -> str:
    """The id given to a story that comes without one."""
    return "sha256:" + content_hash(text)[:32]


# --- reading -----------------------------------------------------------------------------------


def read_stories(
    inputs: Iterable[str],
    on_reject: OnReject,
    default_date: dt.date | None = None,
    stdin: IO[str] | None = None,
) -> Iterator[Incoming]:
    """Every story of the inputs (paths, directories, URLs, or - for JSONL on stdin), in order."""
    for name in inputs:
        if name == "-":
            yield from _dated(_jsonl(stdin or sys.stdin, "<stdin>", on_reject), default_date)
        elif name.startswith(("http://", "https://")):
            yield from _dated(_read_url(name, on_reject), default_date)
        else:
            path = Path(name)
            if path.is_dir():
                for file in _walk(path):
                    kind = SUFFIXES[file.suffix.lower()]
                    story_id = file.relative_to(path).with_suffix("").as_posix()
                    yield from _dated(_read_file(file, kind, on_reject, story_id), default_date)
            elif path.exists():
                kind = SUFFIXES.get(path.suffix.lower()) or _sniff_file(path)
                yield from _dated(_read_file(path, kind, on_reject, path.stem), default_date)
            else:
                on_reject(InputError(name, None, "no such file or directory", "check the path"))


def _walk(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def _dated(items: Iterator[Incoming], date: dt.date | None) -> Iterator[Incoming]:
    for item in items:
        story = item.story
        if story.date is None and date is not None:
            story = Story(story.id, story.text, date, story.title, story.url, story.source)
            item = Incoming(story, item.origin, item.line)
        yield item


def _sniff(head: bytes) -> str:
    start = head.lstrip()[:2000].lower()
    if start.startswith((b"{", b"[")):
        return "jsonl"
    if start.startswith(b"<"):
        return "feed" if (b"<rss" in start or b"<feed" in start or b"<rdf" in start) else "html"
    return "txt"


def _sniff_file(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return _sniff(handle.read(2048))
    except OSError:
        return "txt"


def _read_file(path: Path, kind: str, on_reject: OnReject, story_id: str) -> Iterator[Incoming]:
    name = str(path)
    try:
        if kind == "jsonl":
            with path.open(encoding="utf-8") as handle:
                yield from _jsonl(handle, name, on_reject)
        elif kind == "csv":
            with path.open(encoding="utf-8", newline="") as handle:
                yield from _csv(handle, name, on_reject)
        elif kind == "txt":
            yield from _txt(path.read_text("utf-8"), name, story_id, on_reject)
        elif kind == "html":
            yield from _html(path.read_bytes(), name, None, story_id, on_reject)
        else:
            yield from _feed(path.read_bytes(), name, on_reject)
    except UnicodeDecodeError as exc:
        on_reject(InputError(name, None, f"is not UTF-8 text ({exc.reason})", "save it as UTF-8"))
    except OSError as exc:
        on_reject(InputError(name, None, f"cannot be read ({exc.strerror})", "check the file"))


def _jsonl(stream: IO[str], name: str, on_reject: OnReject) -> Iterator[Incoming]:
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            try:
                record = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise InputError(
                    name,
                    number,
                    f"malformed JSON ({exc.msg} at column {exc.colno})",
                    "fix the line and ingest the file again: stored stories are skipped",
                ) from None
            if isinstance(record, dict) and record.get("id") in (None, "") and "text" in record:
                record = {**record, "id": story_key(str(record["text"]))}
            story = story_from_record(record, name, number)
        except InputError as error:
            on_reject(error)
            continue
        if not story.text.strip():
            on_reject(InputError(name, number, "the story text is empty", "remove the line"))
            continue
        yield Incoming(story, name, number)


def _csv(stream: IO[str], name: str, on_reject: OnReject) -> Iterator[Incoming]:
    reader = csv.DictReader(stream)
    if reader.fieldnames is None or "text" not in reader.fieldnames:
        on_reject(
            InputError(
                name,
                1,
                "the CSV header has no 'text' column",
                "name the columns text and optionally id, date, title, url, source",
            )
        )
        return
    for row in reader:
        number = reader.line_num
        if None in row:
            on_reject(
                InputError(name, number, "the row has more cells than the header", "fix the row")
            )
            continue
        record: dict[str, Any] = {k: v for k, v in row.items() if v not in (None, "")}
        text = record.get("text")
        if not text or not str(text).strip():
            on_reject(InputError(name, number, "the row has no text", "fill the text column"))
            continue
        record.setdefault("id", story_key(str(text)))
        try:
            yield Incoming(story_from_record(record, name, number), name, number)
        except InputError as error:
            on_reject(error)


def _txt(text: str, name: str, story_id: str, on_reject: OnReject) -> Iterator[Incoming]:
    if not text.strip():
        on_reject(InputError(name, None, "the file is empty", "remove it or add the story"))
        return
    yield Incoming(Story(story_id, text), name)


def _html(
    data: bytes, name: str, url: str | None, story_id: str, on_reject: OnReject
) -> Iterator[Incoming]:
    import trafilatura

    extracted = trafilatura.bare_extraction(data, url=url, with_metadata=True)
    document = (
        extracted.as_dict()
        if extracted is not None and not isinstance(extracted, dict)
        else extracted
    )
    if not isinstance(document, dict) or not (document.get("text") or "").strip():
        on_reject(
            InputError(name, None, "no main text found in the HTML page", "check it is an article")
        )
        return
    text = str(document["text"])
    page_url = url or document.get("url")
    date = None
    if document.get("date"):
        try:
            date = parse_date(document["date"])
        except ValueError:
            log.info("%s: ignoring unreadable date %r", name, document["date"])
    yield Incoming(
        Story(
            id=page_url or story_id,
            text=text,
            date=date,
            title=document.get("title"),
            url=page_url,
            source=document.get("sitename") or document.get("hostname"),
        ),
        name,
    )


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _strip_tags(html: str) -> str:
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


def _feed(data: bytes, name: str, on_reject: OnReject) -> Iterator[Incoming]:
    import feedparser  # type: ignore[import-untyped]

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        on_reject(
            InputError(
                name,
                None,
                f"no entries in the RSS/Atom feed{reason}",
                "check it is a feed, not a page",
            )
        )
        return
    publisher = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        content = entry.get("content")
        html = content[0].get("value", "") if content else entry.get("summary", "")
        text = _strip_tags(html or "")
        if not text:
            on_reject(
                InputError(
                    name,
                    None,
                    f"feed entry {number} ({entry.get('title', 'untitled')!r}) has no text",
                    "nothing to code in it",
                )
            )
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        date = dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None
        story_id = entry.get("id") or entry.get("link") or story_key(text)
        yield Incoming(
            Story(
                id=str(story_id),
                text=text,
                date=date,
                title=entry.get("title"),
                url=entry.get("link"),
                source=publisher,
            ),
            name,
            None,
        )


def fetch(url: str) -> tuple[bytes, str]:
    """The body of a URL and its content type; raises InputError."""
    request = urllib.request.Request(url, headers={"User-Agent": "tocsin (event coder)"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_S) as response:
            body = response.read(MAX_DOWNLOAD + 1)
            ctype = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        raise InputError(url, None, f"HTTP error {exc.code}", "check the URL") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(
            url, None, f"cannot fetch ({reason})", "check the URL and network"
        ) from None
    if len(body) > MAX_DOWNLOAD:
        raise InputError(url, None, "larger than 64 MiB", "download it and ingest the file")
    return body, ctype


def _read_url(url: str, on_reject: OnReject) -> Iterator[Incoming]:
    try:
        body, ctype = fetch(url)
    except InputError as error:
        on_reject(error)
        return
    kind = _kind_of_response(url, ctype, body)
    if kind == "html":
        yield from _html(body, url, url, url, on_reject)
    elif kind == "feed":
        yield from _feed(body, url, on_reject)
    else:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            on_reject(InputError(url, None, f"is not UTF-8 text ({exc.reason})", "check it"))
            return
        if kind == "jsonl":
            yield from _jsonl(io.StringIO(text), url, on_reject)
        elif kind == "csv":
            yield from _csv(io.StringIO(text, newline=""), url, on_reject)
        else:
            yield from _txt(text, url, url, on_reject)


def _kind_of_response(url: str, ctype: str, body: bytes) -> str:
    if "rss" in ctype or "atom" in ctype:
        return "feed"
    if ctype in ("text/csv", "application/csv"):
        return "csv"
    if "json" in ctype:
        return "jsonl"
    if ctype == "text/html":
        return "html"
    suffix = Path(urllib.parse.urlparse(url).path).suffix.lower()
    return SUFFIXES.get(suffix) or _sniff(body[:2048])


# --- coding and storing ------------------------------------------------------------------------


def ingest(
    store: Store,
    coder: Coder | CoderPool,
    items: Iterable[Incoming],
    on_reject: OnReject,
    on_progress: Callable[[IngestSummary], None] | None = None,
    on_new_story: Callable[[Story], None] | None = None,
) -> IngestSummary:
    """Code the stories not yet stored and store each with its events in one transaction.

    `coder` is a Coder, or a `tocsin.run.parallel.CoderPool` to code with several processes;
    `on_new_story` sees each story not yet stored before it is coded.
    """
    from tocsin.run.parallel import CodedStory, CoderPool, code_each

    started = time.perf_counter()
    counts = {"stories": 0, "events": 0, "known": 0, "rejects": 0}
    pending: deque[Incoming] = deque()

    def reject(error: InputError) -> None:
        counts["rejects"] += 1
        on_reject(error)

    def new_stories() -> Iterator[Story]:
        for item in items:
            if store.has_story(item.story.id, item.story.text):
                counts["known"] += 1
                continue
            pending.append(item)
            if on_new_story is not None:
                on_new_story(item.story)
            yield item.story

    def summary() -> IngestSummary:
        return IngestSummary(
            counts["stories"],
            counts["events"],
            counts["known"],
            counts["rejects"],
            time.perf_counter() - started,
        )

    results: Iterator[CodedStory]
    if isinstance(coder, CoderPool):
        results = (coded for _story, coded in coder.code_each(new_stories()))
    else:
        results = code_each(coder, new_stories())
    for coded in results:  # a bug in coding one story must not stop the ingest
        item = pending.popleft()
        story = item.story
        if coded.error is not None:
            reject(
                InputError(
                    item.origin,
                    item.line,
                    f"story {story.id!r} could not be coded ({coded.error})",
                    "report it with the story text; the other stories are stored",
                )
            )
            continue
        events = coded.events
        result = store.add_story(story, events, origin=item.origin)
        if result == "added":
            counts["stories"] += 1
            counts["events"] += len({event.id for event in events})
        else:
            counts["known"] += 1
        if on_progress is not None:
            on_progress(summary())
    return summary()


def ingest_inputs(
    store: Store,
    coder: Coder | CoderPool,
    inputs: Iterable[str],
    on_reject: OnReject,
    default_date: dt.date | None = None,
    on_progress: Callable[[IngestSummary], None] | None = None,
    stdin: IO[str] | None = None,
    on_new_story: Callable[[Story], None] | None = None,
) -> IngestSummary:
    """`ingest` of everything `read_stories` finds in the inputs; rejects of both counted."""
    rejected = 0

    def count(error: InputError) -> None:
        nonlocal rejected
        rejected += 1
        on_reject(error)

    stories = read_stories(inputs, count, default_date, stdin)
    result = ingest(store, coder, stories, count, on_progress, on_new_story)
    return IngestSummary(result.stories, result.events, result.known, rejected, result.seconds)
