"""`tocsin watch`: follow feeds and folders, code what is new as it arrives, push alerts.

Each cycle:

1. fetches every feed that is not backing off, with a conditional request (ETag,
   Last-Modified), and records the entries it has not seen as pending, together with the feed's
   new validators (one transaction: a kill after it loses nothing, a kill before it repeats it);
2. reads the pending entries' article pages (a bounded number at a time, at most `host_rate`
   requests a second per host) and the new or changed files of the folders;
3. skips what is already stored (the URL, the same text, or a near-duplicate of a recent story),
   codes the rest and stores each story with its events (`tocsin.ingest.ingest`), marking its
   entry done and queueing its events for the event sinks;
4. recomputes the alerts of the dyads whose events changed (`tocsin.run.watch.alerting`) and
   delivers what the sinks are owed (`tocsin.run.watch.sinks`).

A source that fails (timeout, HTTP error, malformed feed) is reported and retried after a
back-off that doubles with each failure in a row; the others go on. Everything the watch knows
between cycles is in the store, so a restart resumes without losing or repeating a story.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from tocsin.errors import InputError
from tocsin.io.dedup import DEFAULT_THRESHOLD, NearDuplicateIndex
from tocsin.io.inputs import Incoming, kind_of, read_file
from tocsin.io.inputs_web import Fetched
from tocsin.records import Event, Story
from tocsin.run.ingest import ingest
from tocsin.run.watch.alerting import Dyad, dyad_of, update_alerts
from tocsin.run.watch.feeds import (
    FeedEntry,
    HostLimiter,
    article_story,
    bounded_map,
    conditional_fetch,
    feed_entries,
)
from tocsin.run.watch.sinks import Sink, deliver, event_payload
from tocsin.run.watch.sources import (
    FeedSource,
    FolderSource,
    changed_files,
    failed_state,
    file_story_id,
    is_due,
    ok_state,
    resolve_sources,
)
from tocsin.store import EventFilter, ItemStatus, Outgoing, Store, WatchItem
from tocsin.store.analytics import ShiftSettings

if TYPE_CHECKING:
    from tocsin.coding.coder import Coder
    from tocsin.run.parallel import CoderPool

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WatchSettings:
    """How a watch runs (the `tocsin watch` options)."""

    every: float = 900.0  # seconds from the start of one cycle to the start of the next
    timeout: float = 20.0  # seconds for one HTTP request
    connections: int = 8  # requests in flight at once
    host_rate: float = 2.0  # requests a second to one host, at most
    retry_after: float = 60.0  # first back-off of a failing source or sink (then doubled)
    page_attempts: int = 3  # tries of an article page before the feed's own text is used
    settle: float = 2.0  # seconds a folder's file must be left unchanged before it is read
    dedup_window: int = 2000  # recent stories a new story is checked against for near-copies
    dedup_threshold: float = DEFAULT_THRESHOLD
    shifts: ShiftSettings = field(default_factory=ShiftSettings)
    link_base: str | None = None  # URL of `tocsin serve`, for the evidence links of alerts
    event_filter: EventFilter | None = None  # which new events go to the event sinks


@dataclass(frozen=True, slots=True)
class CycleReport:
    """What one cycle did: the figures of its log line."""

    number: int
    sources: int
    unchanged: int  # feeds that answered 304 Not Modified
    backing_off: int
    failed: tuple[str, ...]  # "source (why; retry in N s)"
    stories: int  # new stories stored
    events: int
    known: int  # already stored (URL or text)
    duplicates: int  # near-copies of a recent story
    rejected: int  # no text, or could not be coded
    retrying: int  # article pages to try again next cycle
    alerts: int  # alerts raised
    closed: int  # alerts closed
    delivered: int  # messages taken by the sinks
    undelivered: tuple[str, ...]  # sinks that refused, with why
    seconds: float
    stopped: bool = False

    def line(self) -> str:
        parts = [
            f"cycle {self.number}: {self.sources} sources ({len(self.failed)} failed, "
            f"{self.backing_off} backing off, {self.unchanged} unchanged)",
            f"{self.stories} new stories ({self.known} known, {self.duplicates} near-duplicates, "
            f"{self.rejected} rejected, {self.retrying} to retry)",
            f"{self.events} events",
            f"{self.alerts} new alerts ({self.closed} closed)",
            f"{self.delivered} messages delivered",
            f"{self.seconds:.1f} s",
        ]
        line = ", ".join(parts)
        if self.stopped:
            line += "; stopped before the end"
        if self.failed:
            line += "; failed: " + "; ".join(self.failed)
        if self.undelivered:
            line += "; undelivered: " + "; ".join(self.undelivered)
        return line


@dataclass
class _Tally:
    unchanged: int = 0
    backing_off: int = 0
    failed: list[str] = field(default_factory=list)
    stories: int = 0
    events: int = 0
    known: int = 0
    duplicates: int = 0
    rejected: int = 0
    retrying: int = 0
    dyads: set[Dyad] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class _Owner:
    """The watch item a story came from; `whole` when the story is the item (a feed entry)."""

    source: str
    item: str
    whole: bool
    seen_at: str = ""  # when the watch first listed the item


class Watcher:
    """Runs cycles over a set of sources against one store. `stop` (an Event) ends the run
    between two stories; `run` sleeps between cycles until the next is due."""

    def __init__(
        self,
        store: Store,
        coder: Coder | CoderPool,
        sources: Sequence[str],
        settings: WatchSettings | None = None,
        alert_sinks: Sequence[Sink] = (),
        event_sinks: Sequence[Sink] = (),
        stop: threading.Event | None = None,
    ) -> None:
        self.store = store
        self.coder = coder
        self.specs = tuple(sources)
        self.settings = settings or WatchSettings()
        self.alert_sinks = tuple(alert_sinks)
        self.event_sinks = tuple(event_sinks)
        self.stop = stop or threading.Event()
        self.limiter = HostLimiter(self.settings.host_rate)
        self.cycles = 0
        self._index: NearDuplicateIndex | None = None
        self._as_of: dt.date | None = None

    # --- the loop -----------------------------------------------------------------------------

    def run(self, on_cycle: Callable[[CycleReport], None], once: bool = False) -> None:
        """Cycle until `stop` is set (or once), calling `on_cycle` after each."""
        while not self.stop.is_set():
            started = time.monotonic()
            on_cycle(self.run_cycle())
            if once:
                return
            self.stop.wait(max(0.0, self.settings.every - (time.monotonic() - started)))

    def run_cycle(self) -> CycleReport:
        """One cycle over every source (see the module's description)."""
        started = time.perf_counter()
        self.cycles += 1
        tally = _Tally()
        sources, problems = resolve_sources(self.specs)
        tally.failed += [f"{p.source} ({p.problem})" for p in problems]
        feeds = [s for s in sources if isinstance(s, FeedSource)]
        folders = [s for s in sources if isinstance(s, FolderSource)]
        with ThreadPoolExecutor(self.settings.connections, "tocsin-watch") as pool:
            self._check_feeds(feeds, pool, tally)
            self._store(self._entry_stories(feeds, pool, tally), tally)
        files = self._folder_files(folders)
        self._store(self._file_stories(files, tally), tally)
        stopped = self.stop.is_set()
        if not stopped:
            for source, key in files:
                self.store.finish_item(source, key, "stored")
        raised, closed = self._alerts(tally)
        delivery = deliver(
            self.store, _unique(self.alert_sinks + self.event_sinks), self.settings.retry_after
        )
        return CycleReport(
            number=self.cycles,
            sources=len(sources),
            unchanged=tally.unchanged,
            backing_off=tally.backing_off,
            failed=tuple(tally.failed),
            stories=tally.stories,
            events=tally.events,
            known=tally.known,
            duplicates=tally.duplicates,
            rejected=tally.rejected,
            retrying=tally.retrying,
            alerts=raised,
            closed=closed,
            delivered=delivery.delivered,
            undelivered=delivery.failed,
            seconds=time.perf_counter() - started,
            stopped=stopped,
        )

    # --- feeds --------------------------------------------------------------------------------

    def _check_feeds(
        self, feeds: list[FeedSource], pool: ThreadPoolExecutor, tally: _Tally
    ) -> None:
        """Fetch the feeds that are due and record their new entries as pending."""
        now = dt.datetime.now(dt.UTC)
        states = {feed.name: self.store.source_state(feed.name) for feed in feeds}
        due = [feed for feed in feeds if is_due(states[feed.name], now)]
        tally.backing_off += len(feeds) - len(due)

        def fetch(feed: FeedSource) -> Fetched | None:
            state = states[feed.name]
            return conditional_fetch(
                feed.url,
                state.etag,
                state.last_modified,
                self.settings.timeout,
                self.limiter,
                self.stop,
            )

        for feed, future in bounded_map(pool, fetch, due, 2 * self.settings.connections):
            state = states[feed.name]
            now = dt.datetime.now(dt.UTC)
            try:
                fetched = future.result()
                if fetched is None:
                    continue  # stopping
                if fetched.status == 304:
                    tally.unchanged += 1
                    self.store.save_source(
                        ok_state(state, now, fetched.etag or state.etag, state.last_modified)
                    )
                    continue
                entries = feed_entries(fetched.body, feed.url)
            except InputError as error:
                failed = failed_state(state, error.problem, self.settings.retry_after, now)
                self.store.save_source(failed)
                wait = dt.datetime.fromisoformat(failed.retry_at or "") - now
                tally.failed.append(
                    f"{feed.url} ({error.problem}; retry in {wait.total_seconds():.0f} s)"
                )
                log.warning("%s: %s", feed.url, error)
                continue
            seen = self.store.known_items(feed.name, [e.key for e in entries])
            new = [(e.key, e.payload()) for e in entries if e.key not in seen]
            self.store.save_source(
                ok_state(state, now, fetched.etag, fetched.last_modified), reversed(new)
            )

    def _entry_stories(
        self, feeds: list[FeedSource], pool: ThreadPoolExecutor, tally: _Tally
    ) -> Iterator[tuple[Incoming, _Owner]]:
        """The stories of the pending entries of the feeds, their article pages read a bounded
        number at a time; entries already stored are marked known without a request."""

        def unstored() -> Iterator[tuple[FeedSource, WatchItem]]:
            for feed in feeds:
                for item in self.store.pending_items(feed.name):
                    if self.stop.is_set():
                        return
                    link = item.payload.get("link") or item.item
                    if self.store.has_story(link):
                        self._known(_Owner(feed.name, item.item, True, item.seen_at), link)
                        tally.known += 1
                        continue
                    yield feed, item

        def page(work: tuple[FeedSource, WatchItem]) -> tuple[Story | None, str]:
            """In a worker thread: the entry's page, fetched and its main text extracted."""
            entry = FeedEntry.of_payload(work[1].item, dict(work[1].payload))
            fetched = None
            if entry.link:
                fetched = conditional_fetch(
                    entry.link, None, None, self.settings.timeout, self.limiter, self.stop
                )
                if fetched is None:
                    return None, "stopped"
            return article_story(entry, fetched)

        window = 4 * self.settings.connections
        for (feed, item), future in bounded_map(pool, page, unstored(), window):
            if self.stop.is_set():
                return
            error = future.exception()
            if isinstance(error, InputError):
                attempts = self.store.retry_item(feed.name, item.item, error.problem)
                if attempts < self.settings.page_attempts:
                    tally.retrying += 1
                    continue
                entry = FeedEntry.of_payload(item.item, dict(item.payload))
                story, why = article_story(entry, None)
                log.info("%s: page failed %d times (%s), %s", entry.link, attempts, error, why)
            elif error is not None:
                raise error
            else:
                story, why = future.result()
            if story is None:
                self.store.finish_item(feed.name, item.item, "rejected", why)
                tally.rejected += 1
                continue
            yield Incoming(story, feed.url), _Owner(feed.name, item.item, True, item.seen_at)

    # --- folders ------------------------------------------------------------------------------

    def _folder_files(self, folders: list[FolderSource]) -> list[tuple[str, str]]:
        """The new and changed files of the folders, recorded as pending: (source, key)."""
        files = []
        for folder in folders:
            for key, signature in changed_files(self.store, folder, self.settings.settle):
                self.store.upsert_item(folder.name, key, {"signature": signature})
            files += [(folder.name, item.item) for item in self.store.pending_items(folder.name)]
        return files

    def _file_stories(
        self, files: list[tuple[str, str]], tally: _Tally
    ) -> Iterator[tuple[Incoming, _Owner]]:
        def reject(error: InputError) -> None:
            tally.rejected += 1
            log.warning("%s", error)

        for source, key in files:
            path = Path(source) / key
            for incoming in read_file(path, kind_of(path), reject, file_story_id(key)):
                if self.stop.is_set():
                    return
                yield incoming, _Owner(source, key, whole=False)

    # --- coding and storing -------------------------------------------------------------------

    def _store(self, candidates: Iterator[tuple[Incoming, _Owner]], tally: _Tally) -> None:
        """Code and store the candidates that are neither stored nor near-copies."""
        owners: dict[str, _Owner] = {}
        index = self._dedup_index()

        def fresh() -> Iterator[Incoming]:
            for incoming, owner in candidates:
                story = incoming.story
                if story.id in owners or self.store.has_story(story.id, story.text):
                    self._known(owner, story.id)
                    tally.known += 1
                    continue
                text = f"{story.title}\n{story.text}" if story.title else story.text
                link = index.add(story.id, text)
                if link is not None:
                    detail = f"copies {link.original_id} (similarity {link.similarity:.2f})"
                    self._finish(owner, "duplicate", detail)
                    tally.duplicates += 1
                    continue
                owners[story.id] = owner
                yield incoming

        def stored(incoming: Incoming, result: str, events: Sequence[Event]) -> None:
            owner = owners.pop(incoming.story.id, None)
            if owner is None:
                return
            if result == "added":
                tally.stories += 1
                tally.events += len({e.id for e in events})
                tally.dyads.update(d for e in events if (d := dyad_of(e, self.settings.shifts)))
                self._finish(owner, "stored", None, self._event_messages(incoming.story.id))
            elif result == "error":
                tally.rejected += 1
                self._finish(owner, "rejected", "could not be coded")
            else:
                tally.known += 1
                self._known(owner, incoming.story.id)

        def rejected(error: InputError) -> None:
            log.warning("%s", error)

        ingest(self.store, self.coder, fresh(), rejected, on_story=stored)

    def _finish(
        self,
        owner: _Owner,
        status: ItemStatus,
        detail: str | None,
        messages: list[Outgoing] | None = None,
    ) -> None:
        if owner.whole:
            self.store.finish_item(owner.source, owner.item, status, detail, messages or ())
        elif messages:
            self.store.enqueue(messages)

    def _known(self, owner: _Owner, story_id: str) -> None:
        """Mark an item whose story is already stored. A story stored after the watch listed
        the item was stored by a run killed before it marked the item: the item is marked
        stored, as an uninterrupted run would have marked it, and its events are queued now (a
        key already queued is not queued twice), so no event is lost."""
        stored = self.store.story(story_id) if owner.whole else None
        by_killed_run = stored is not None and stored.ingested_at >= owner.seen_at[:19] + "Z"
        messages = self._event_messages(story_id) if by_killed_run else []
        self._finish(owner, "stored" if by_killed_run else "known", None, messages)

    def _event_messages(self, story_id: str) -> list[Outgoing]:
        if not self.event_sinks:
            return []
        where = replace(self.settings.event_filter or EventFilter(), story_id=(story_id,))
        messages: list[Outgoing] = []
        for event in self.store.events(where):
            payload = event_payload(event.record, event.story_url)
            messages += [(sink.name, f"event:{event.id}", payload) for sink in self.event_sinks]
        return messages

    def _dedup_index(self) -> NearDuplicateIndex:
        """The near-duplicate index over the recent stories, rebuilt from the store when it has
        grown to twice its window (memory stays bounded)."""
        window = self.settings.dedup_window
        if self._index is None or len(self._index) > 2 * window:
            index = NearDuplicateIndex(threshold=self.settings.dedup_threshold)
            for story_id, title, text in self.store.recent_texts(window):
                index.add(story_id, f"{title}\n{text}" if title else text)
            self._index = index
        return self._index

    # --- alerts -------------------------------------------------------------------------------

    def _alerts(self, tally: _Tally) -> tuple[int, int]:
        """Recompute the alerts: of every dyad in a process's first cycle and when the latest
        event date moved (the windows moved for every dyad), else of the changed dyads."""
        as_of = self.store.date_range()[1]
        full = self.cycles == 1 or as_of != self._as_of
        self._as_of = as_of
        result = update_alerts(
            self.store,
            self.settings.shifts,
            None if full else tally.dyads,
            [sink.name for sink in self.alert_sinks],
            self.settings.link_base,
        )
        return len(result.raised), result.closed


def _unique(sinks: tuple[Sink, ...]) -> list[Sink]:
    seen: dict[str, Sink] = {}
    for sink in sinks:
        seen.setdefault(sink.name, sink)
    return list(seen.values())
