"""Feeds and article pages for `tocsin watch`: conditional requests, a bounded request rate per
host, the entries of an RSS/Atom feed (feedparser) and the story of an article page (trafilatura,
through `tocsin.ingest.read_body`), dated by the article's own publication date.
"""

from __future__ import annotations

import datetime as dt
import http.client
import logging
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from tocsin.errors import InputError
from tocsin.io.inputs import Incoming, read_bytes
from tocsin.io.inputs_web import Fetched, fetch_response, kind_of_response, strip_tags
from tocsin.records import Story

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")


class HostLimiter:
    """At most `rate` requests a second to any one host (requests to different hosts do not
    wait for each other). Thread-safe: each caller reserves the next free slot of its host."""

    def __init__(self, rate: float) -> None:
        if rate <= 0:
            raise ValueError("the request rate per host must be positive")
        self.interval = 1.0 / rate
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, url: str, stop: threading.Event | None = None) -> bool:
        """Wait for the host's next slot; False when `stop` was set meanwhile."""
        host = urllib.parse.urlsplit(url).netloc.lower()
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + self.interval
        delay = slot - time.monotonic()
        if delay <= 0:
            return not (stop is not None and stop.is_set())
        if stop is None:
            time.sleep(delay)
            return True
        return not stop.wait(delay)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of a feed: the link to its article, and what the feed itself says of it."""

    key: str  # the link, else the entry's id
    link: str | None
    title: str | None
    summary: str
    date: dt.date | None
    publisher: str | None

    def payload(self) -> dict[str, Any]:
        return {
            "link": self.link,
            "title": self.title,
            "summary": self.summary,
            "date": self.date.isoformat() if self.date else None,
            "publisher": self.publisher,
        }

    @classmethod
    def of_payload(cls, key: str, payload: dict[str, Any]) -> FeedEntry:
        date = payload.get("date")
        return cls(
            key,
            payload.get("link"),
            payload.get("title"),
            payload.get("summary") or "",
            dt.date.fromisoformat(date) if date else None,
            payload.get("publisher"),
        )


class FeedError(InputError):
    """A feed that answered but cannot be read (malformed XML without entries, not a feed)."""


def conditional_fetch(
    url: str,
    etag: str | None,
    last_modified: str | None,
    timeout: float,
    limiter: HostLimiter,
    stop: threading.Event | None = None,
) -> Fetched | None:
    """GET with If-None-Match / If-Modified-Since; a 304 means nothing changed. None when
    `stop` was set while waiting for the host's turn. Raises InputError."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    if not limiter.wait(url, stop):
        return None
    try:
        return fetch_response(url, headers, timeout)
    except (http.client.HTTPException, ValueError) as exc:  # a broken answer, a bad URL
        raise InputError(url, None, f"cannot fetch ({exc!r})", "check the URL") from None


def feed_entries(data: bytes, url: str) -> list[FeedEntry]:
    """The entries of an RSS/Atom document, in feed order; raises FeedError when it gives none
    and is malformed or not a feed (an empty but valid feed has no entries and no error). A
    malformed feed whose entries can still be read is read, as feed readers do."""
    import feedparser  # type: ignore[import-untyped]

    feed = feedparser.parse(data)
    if feed.get("bozo"):
        log.info("%s: feed read despite an error (%s)", url, feed.get("bozo_exception"))
    publisher = feed.feed.get("title")
    entries = []
    for entry in feed.entries:
        link = entry.get("link")
        key = link or entry.get("id")
        if not key:
            continue  # neither link nor id: nothing to fetch or to recognise it by
        content = entry.get("content")
        html = content[0].get("value", "") if content else entry.get("summary", "")
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        date = dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None
        entries.append(
            FeedEntry(str(key), link, entry.get("title"), strip_tags(html or ""), date, publisher)
        )
    if not entries and (feed.get("bozo") or not feed.get("version")):
        reason = feed.get("bozo_exception") or "no RSS or Atom root element"
        raise FeedError(
            url, None, f"not a readable feed ({reason})", "check the URL gives RSS or Atom"
        )
    return entries


def article_story(entry: FeedEntry, fetched: Fetched | None) -> tuple[Story | None, str]:
    """The story of an entry: its article page's main text, dated by the page's publication date
    (else the entry's); the feed's own text when the page has no main text (or there is no
    page). None with the reason when there is no text at all."""
    problems: list[str] = []
    page: Story | None = None
    if fetched is not None:
        found: list[Incoming] = list(
            read_bytes(
                fetched.body,
                kind_of_response(fetched.url, fetched.content_type, fetched.body),
                fetched.url,
                fetched.url,
                lambda e: problems.append(e.problem),
                fetched.url,
            )
        )
        page = found[0].story if found else None
    story_id = entry.link or entry.key
    if page is not None and page.text.strip():
        return (
            Story(
                id=story_id,
                text=page.text,
                date=page.date or entry.date,
                title=page.title or entry.title,
                url=entry.link,
                source=entry.publisher or page.source,
            ),
            "page",
        )
    if entry.summary.strip():
        return (
            Story(story_id, entry.summary, entry.date, entry.title, entry.link, entry.publisher),
            "feed text",
        )
    return None, "; ".join(problems) or "no text in the page or the feed"


def bounded_map(
    pool: ThreadPoolExecutor,
    work: Callable[[T], R],
    items: Iterable[T],
    window: int,
) -> Iterator[tuple[T, Future[R]]]:
    """Run `work` on the items in the pool, at most `window` at a time, and yield each item with
    its finished future, in input order (memory stays bounded however many items there are)."""
    pending: list[tuple[T, Future[R]]] = []
    for item in items:
        pending.append((item, pool.submit(work, item)))
        if len(pending) >= window:
            first, future = pending.pop(0)
            future.exception()  # waits
            yield first, future
    for item, future in pending:
        future.exception()
        yield item, future
