"""Reading stories from the web's formats: HTML pages (main text by trafilatura), RSS/Atom feeds
(by feedparser) and http(s) URLs. Part of the one story reader, `tocsin.io.inputs`."""

from __future__ import annotations

import datetime as dt
import logging
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from tocsin.errors import InputError, UnreadableInput
from tocsin.io.stories import SUFFIXES, Incoming, OnReject, sniff, story_key, story_problem
from tocsin.records import Story, parse_date

log = logging.getLogger(__name__)

FETCH_TIMEOUT_S = 30.0
MAX_DOWNLOAD = 64 * 1024 * 1024


def _checked(story: Story, name: str, line: int | None, on_reject: OnReject) -> Incoming | None:
    problem = story_problem(story)
    if problem is not None:
        on_reject(InputError(name, line, problem, "fix the page or leave it out"))
        return None
    return Incoming(story, name, line)


def read_html(
    data: bytes, name: str, url: str | None, story_id: str, on_reject: OnReject
) -> Iterator[Incoming]:
    """The main text of an HTML page, with its title, date, canonical URL and site."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(data, url=url, with_metadata=True)
    except Exception as exc:  # trafilatura's parser on hostile markup
        log.info("%s: trafilatura failed", name, exc_info=True)
        on_reject(InputError(name, None, f"the HTML page cannot be read ({exc})", "check it"))
        return
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
    page_url = url or document.get("url")
    date = None
    if document.get("date"):
        try:
            date = parse_date(document["date"])
        except ValueError:
            log.info("%s: ignoring unreadable date %r", name, document["date"])
    story = Story(
        id=page_url or story_id,
        text=str(document["text"]),
        date=date,
        title=document.get("title"),
        url=page_url,
        source=document.get("sitename") or document.get("hostname"),
    )
    checked = _checked(story, name, None, on_reject)
    if checked is not None:
        yield checked


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


def read_feed(data: bytes, name: str, on_reject: OnReject) -> Iterator[Incoming]:
    """One story per entry of an RSS or Atom feed (entries without text are rejected)."""
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
        story = Story(
            id=str(story_id),
            text=text,
            date=date,
            title=entry.get("title"),
            url=entry.get("link"),
            source=publisher,
        )
        checked = _checked(story, name, None, on_reject)
        if checked is not None:
            yield checked


@dataclass(frozen=True, slots=True)
class Fetched:
    """An HTTP answer: its status (304 when the copy we hold is current: no body), body, content
    type and the validators for the next conditional request."""

    url: str
    status: int
    body: bytes
    content_type: str
    etag: str | None = None
    last_modified: str | None = None


def fetch_response(
    url: str, headers: dict[str, str] | None = None, timeout: float = FETCH_TIMEOUT_S
) -> Fetched:
    """GET a URL with extra request headers (If-None-Match ...); a 304 is an answer, any other
    HTTP error or a network failure raises UnreadableInput."""
    request = urllib.request.Request(
        url, headers={"User-Agent": "tocsin (event coder)", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_DOWNLOAD + 1)
            ctype = response.headers.get_content_type()
            etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(url, 304, b"", "", exc.headers.get("ETag"), None)
        raise UnreadableInput(url, f"HTTP error {exc.code}", "check the URL") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise UnreadableInput(
            url, f"cannot fetch ({reason})", "check the URL and network"
        ) from None
    if len(body) > MAX_DOWNLOAD:
        raise UnreadableInput(url, "larger than 64 MiB", "download it and ingest the file")
    return Fetched(url, status, body, ctype, etag, modified)


def fetch(url: str) -> tuple[bytes, str]:
    """The body of a URL and its content type; raises UnreadableInput."""
    fetched = fetch_response(url)
    return fetched.body, fetched.content_type


def strip_tags(html: str) -> str:
    """The text of an HTML fragment, whitespace collapsed."""
    return _strip_tags(html)


def kind_of_response(url: str, ctype: str, body: bytes) -> str:
    if "rss" in ctype or "atom" in ctype:
        return "feed"
    if ctype in ("text/csv", "application/csv"):
        return "csv"
    if "json" in ctype:
        return "jsonl"
    if ctype == "text/html":
        return "html"
    suffix = Path(urllib.parse.urlparse(url).path).suffix.lower()
    return SUFFIXES.get(suffix) or sniff(body[:2048])
