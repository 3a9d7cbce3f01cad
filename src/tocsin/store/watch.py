"""The state `tocsin watch` keeps in the store, so that a restart (or a kill -9) resumes where the
last run stopped: per source its validators (ETag, Last-Modified) and back-off, per item (a feed
entry, a file of a folder) what became of it, the alerts raised, and the messages the sinks are
owed (an outbox: a message is written in the transaction that decides it, and marked delivered
once a sink took it).

Times are ISO 8601 UTC text with microseconds, which sort as time in both backends.
"""

from __future__ import annotations

import datetime as dt
import json
from abc import abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Literal

ItemStatus = Literal["pending", "stored", "known", "duplicate", "rejected", "failed"]
DONE_STATUSES: tuple[ItemStatus, ...] = ("stored", "known", "duplicate", "rejected", "failed")


def utc_now() -> str:
    """The current time as the watch tables store it."""
    return utc_text(dt.datetime.now(dt.UTC))


def utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True, slots=True)
class SourceState:
    """What the watch remembers of a source between cycles."""

    source: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0  # consecutive failed cycles
    retry_at: str | None = None  # no attempt before this time (back-off)
    last_error: str | None = None
    checked_at: str | None = None
    ok_at: str | None = None


@dataclass(frozen=True, slots=True)
class WatchItem:
    """A feed entry or a file the watch has seen, with what became of it."""

    source: str
    item: str
    status: ItemStatus
    attempts: int
    payload: Mapping[str, Any]
    detail: str | None
    seen_at: str


@dataclass(frozen=True, slots=True)
class OpenAlert:
    """An alert raised and not yet closed (its dyad still departs from its history)."""

    id: int
    level: str
    source: str
    target: str
    direction: str


@dataclass(frozen=True, slots=True)
class RaisedAlert:
    """An alert as stored: its id, when it was raised and its full record."""

    id: int
    raised_at: str
    closed_at: str | None
    record: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Message:
    """One message owed to a sink (an alert or an event, as JSON)."""

    id: int
    sink: str
    key: str
    payload: Mapping[str, Any]
    attempts: int


Outgoing = tuple[str, str, Mapping[str, Any]]  # (sink, key, payload)


class WatchState:
    """Reads and writes of the watch tables (mixed into `Store`)."""

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[None]:
        """A write transaction."""

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; the number of rows it changed."""

    @abstractmethod
    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each row."""

    @abstractmethod
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """All rows of a query."""

    # --- sources ------------------------------------------------------------------------------

    def source_state(self, source: str) -> SourceState:
        """The remembered state of a source (a fresh one if it was never watched)."""
        rows = self._rows(
            "SELECT source, etag, last_modified, failures, retry_at, last_error, checked_at, "
            "ok_at FROM watch_sources WHERE source = ?",
            (source,),
        )
        return SourceState(*rows[0]) if rows else SourceState(source)

    def source_states(self) -> list[SourceState]:
        rows = self._rows(
            "SELECT source, etag, last_modified, failures, retry_at, last_error, checked_at, "
            "ok_at FROM watch_sources ORDER BY source"
        )
        return [SourceState(*r) for r in rows]

    def save_source(
        self, state: SourceState, new_items: Iterable[tuple[str, Mapping[str, Any]]] = ()
    ) -> int:
        """Save a source's state and, in the same transaction, the items it newly lists (as
        pending; items already known are left as they are). The number of items added."""
        start = dt.datetime.now(dt.UTC)
        rows = []
        for k, (item, payload) in enumerate(new_items):  # seen_at keeps the order given
            seen = utc_text(start + dt.timedelta(microseconds=k))
            rows.append(
                (state.source, item, "pending", json.dumps(payload, ensure_ascii=False), seen, seen)
            )
        with self._transaction():
            self._execute(
                "INSERT INTO watch_sources (source, etag, last_modified, failures, retry_at, "
                "last_error, checked_at, ok_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (source) DO UPDATE SET etag = excluded.etag, "
                "last_modified = excluded.last_modified, failures = excluded.failures, "
                "retry_at = excluded.retry_at, last_error = excluded.last_error, "
                "checked_at = excluded.checked_at, ok_at = excluded.ok_at",
                (
                    state.source,
                    state.etag,
                    state.last_modified,
                    state.failures,
                    state.retry_at,
                    state.last_error,
                    state.checked_at,
                    state.ok_at,
                ),
            )
            before = self._count_items(state.source)
            if rows:
                self._execute_many(
                    "INSERT INTO watch_items (source, item, status, payload, seen_at, "
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    rows,
                )
            return self._count_items(state.source) - before

    def _count_items(self, source: str) -> int:
        return int(self._rows("SELECT count(*) FROM watch_items WHERE source = ?", (source,))[0][0])

    # --- items --------------------------------------------------------------------------------

    def known_items(self, source: str, items: Sequence[str]) -> dict[str, ItemStatus]:
        """The status of those of `items` the watch has already seen."""
        found: dict[str, ItemStatus] = {}
        for start in range(0, len(items), 500):
            chunk = list(items[start : start + 500])
            marks = ", ".join("?" for _ in chunk)
            for item, status in self._rows(
                f"SELECT item, status FROM watch_items WHERE source = ? AND item IN ({marks})",
                [source, *chunk],
            ):
                found[item] = status
        return found

    def pending_items(self, source: str) -> list[WatchItem]:
        """The items of a source still to be read, in the order they were seen."""
        rows = self._rows(
            "SELECT source, item, status, attempts, payload, detail, seen_at FROM watch_items "
            "WHERE source = ? AND status = 'pending' ORDER BY seen_at, item",
            (source,),
        )
        return [_item(r) for r in rows]

    def items(self, source: str) -> dict[str, WatchItem]:
        """Every item of a source, by its key."""
        rows = self._rows(
            "SELECT source, item, status, attempts, payload, detail, seen_at FROM watch_items "
            "WHERE source = ?",
            (source,),
        )
        return {r[1]: _item(r) for r in rows}

    def item(self, source: str, item: str) -> WatchItem | None:
        rows = self._rows(
            "SELECT source, item, status, attempts, payload, detail, seen_at FROM watch_items "
            "WHERE source = ? AND item = ?",
            (source, item),
        )
        return _item(rows[0]) if rows else None

    def upsert_item(
        self, source: str, item: str, payload: Mapping[str, Any], status: ItemStatus = "pending"
    ) -> None:
        """Record an item (a file whose content changed is pending again)."""
        now = utc_now()
        with self._transaction():
            self._execute(
                "INSERT INTO watch_items (source, item, status, payload, seen_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source, item) DO UPDATE SET "
                "status = excluded.status, payload = excluded.payload, attempts = 0, "
                "updated_at = excluded.updated_at",
                (source, item, status, json.dumps(payload, ensure_ascii=False), now, now),
            )

    def finish_item(
        self,
        source: str,
        item: str,
        status: ItemStatus,
        detail: str | None = None,
        messages: Iterable[Outgoing] = (),
    ) -> None:
        """Mark an item done and queue the messages it gives the sinks, in one transaction."""
        with self._transaction():
            self._execute(
                "UPDATE watch_items SET status = ?, detail = ?, updated_at = ? "
                "WHERE source = ? AND item = ?",
                (status, detail, utc_now(), source, item),
            )
            self._enqueue(messages)

    def retry_item(self, source: str, item: str, error: str) -> int:
        """Count a failed attempt at an item (it stays pending); the attempts so far."""
        with self._transaction():
            self._execute(
                "UPDATE watch_items SET attempts = attempts + 1, detail = ?, updated_at = ? "
                "WHERE source = ? AND item = ?",
                (error, utc_now(), source, item),
            )
            rows = self._rows(
                "SELECT attempts FROM watch_items WHERE source = ? AND item = ?", (source, item)
            )
        return int(rows[0][0]) if rows else 0

    def item_counts(self) -> dict[str, int]:
        """Items by status, over every source."""
        return {
            str(r[0]): int(r[1])
            for r in self._rows("SELECT status, count(*) FROM watch_items GROUP BY status")
        }

    # --- alerts -------------------------------------------------------------------------------

    def open_alerts(self, level: str) -> list[OpenAlert]:
        rows = self._rows(
            "SELECT id, level, source, target, direction FROM watch_alerts "
            "WHERE closed_at IS NULL AND level = ? ORDER BY id",
            (level,),
        )
        return [OpenAlert(int(r[0]), r[1], r[2], r[3], r[4]) for r in rows]

    def close_alerts(self, ids: Sequence[int]) -> None:
        if not ids:
            return
        now = utc_now()
        with self._transaction():
            self._execute_many(
                "UPDATE watch_alerts SET closed_at = ? WHERE id = ? AND closed_at IS NULL",
                [(now, int(i)) for i in ids],
            )

    def raise_alert(
        self,
        level: str,
        source: str,
        target: str,
        direction: str,
        severity: float,
        record: Mapping[str, Any],
        sinks: Sequence[str] = (),
    ) -> RaisedAlert | None:
        """Store a new alert and queue it for the sinks, in one transaction; None when the dyad
        already has an open alert (raised meanwhile by another watch on the same store). The
        record gets the alert's `id` and `raised_at`."""
        now = utc_now()
        with self._transaction():
            rows = self._rows(
                "INSERT INTO watch_alerts (level, source, target, direction, severity, "
                "raised_at, record) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING "
                "RETURNING id",
                (level, source, target, direction, float(severity), now, "{}"),
            )
            if not rows:
                return None
            alert_id = int(rows[0][0])
            full = {"id": alert_id, "raised_at": now, **record}
            self._execute(
                "UPDATE watch_alerts SET record = ? WHERE id = ?",
                (json.dumps(full, ensure_ascii=False), alert_id),
            )
            self._enqueue((sink, f"alert:{alert_id}", full) for sink in sinks)
        return RaisedAlert(alert_id, now, None, full)

    def raised_alerts(self, after: int = 0, limit: int = 100) -> list[RaisedAlert]:
        """Alerts raised by the watch with an id above `after`, oldest first."""
        rows = self._rows(
            "SELECT id, raised_at, closed_at, record FROM watch_alerts WHERE id > ? "
            "ORDER BY id LIMIT ?",
            (int(after), int(limit)),
        )
        return [RaisedAlert(int(r[0]), r[1], r[2], json.loads(r[3])) for r in rows]

    def last_alert_id(self) -> int:
        return int(self._rows("SELECT coalesce(max(id), 0) FROM watch_alerts")[0][0])

    # --- outbox -------------------------------------------------------------------------------

    def enqueue(self, messages: Iterable[Outgoing]) -> None:
        """Queue messages for sinks (a key already queued for a sink is not queued again)."""
        with self._transaction():
            self._enqueue(messages)

    def _enqueue(self, messages: Iterable[Outgoing]) -> None:
        rows = [
            (sink, key, json.dumps(payload, ensure_ascii=False)) for sink, key, payload in messages
        ]
        if rows:
            self._execute_many(
                "INSERT INTO watch_outbox (sink, key, payload) VALUES (?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                rows,
            )

    def due_messages(self, sink: str, limit: int = 500) -> list[Message]:
        """Undelivered messages of a sink whose retry time has come, oldest first."""
        rows = self._rows(
            "SELECT id, sink, key, payload, attempts FROM watch_outbox WHERE sink = ? "
            "AND delivered_at IS NULL AND (retry_at IS NULL OR retry_at <= ?) ORDER BY id LIMIT ?",
            (sink, utc_now(), int(limit)),
        )
        return [Message(int(r[0]), r[1], r[2], json.loads(r[3]), int(r[4])) for r in rows]

    def mark_delivered(self, ids: Sequence[int]) -> None:
        if not ids:
            return
        now = utc_now()
        with self._transaction():
            self._execute_many(
                "UPDATE watch_outbox SET delivered_at = ?, attempts = attempts + 1 WHERE id = ?",
                [(now, int(i)) for i in ids],
            )

    def mark_undelivered(self, message_id: int, error: str, retry_at: str) -> None:
        with self._transaction():
            self._execute(
                "UPDATE watch_outbox SET attempts = attempts + 1, last_error = ?, retry_at = ? "
                "WHERE id = ?",
                (error, retry_at, int(message_id)),
            )

    def undelivered(self) -> int:
        rows = self._rows("SELECT count(*) FROM watch_outbox WHERE delivered_at IS NULL")
        return int(rows[0][0])

    # --- for the dashboard --------------------------------------------------------------------

    def last_update(self) -> str | None:
        """When a story was last stored (ISO UTC), or None for an empty store."""
        rows = self._rows("SELECT max(ingested_at) FROM stories")
        return None if rows[0][0] is None else str(rows[0][0])

    def recent_texts(self, limit: int) -> Iterator[tuple[str, str | None, str]]:
        """(id, title, text) of the last `limit` stories stored, oldest first: the window the
        watch checks new stories against for near-duplicates."""
        rows = self._rows(
            "SELECT id, title, text FROM stories ORDER BY ingested_at DESC, id DESC LIMIT ?",
            (int(limit),),
        )
        for r in reversed(rows):
            yield r[0], r[1], r[2]


def _item(r: Sequence[Any]) -> WatchItem:
    return WatchItem(r[0], r[1], r[2], int(r[3]), json.loads(r[4] or "{}"), r[5], r[6])
