"""The store interface and the SQL both backends share.

A backend supplies a connection, a transaction context, placeholder style and date conversion; the
statements themselves are written once here, with `?` placeholders.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Literal

from tocsin.coding.naming import is_pronoun
from tocsin.records import Event, Story, country_of, role_of
from tocsin.store.query import EventFilter, where_clause
from tocsin.store.schema import MIGRATIONS, SCHEMA_VERSION, Migration
from tocsin.store.stats import StoreStats
from tocsin.store.watch import WatchState

log = logging.getLogger(__name__)

AddResult = Literal["added", "known-id", "known-content"]
EVENT_COLUMNS = (
    "id",
    "story_id",
    "sentence_index",
    "date",
    "source",
    "target",
    "code",
    "root",
    "quad",
    "phoenix_quad",
    "goldstein",
    "plover",
    "pattern_id",
    "source_country",
    "target_country",
    "location_country",
    "place_id",
    "record",
)
RESOLUTION_COLUMNS = ("source_resolution", "target_resolution")  # schema version 3
TOPIC_COLUMNS = ("topic",)  # schema version 5
# How a story stands against the store: not there, there with the same text, its id there with
# another text, or its text there under another id.
StoryStatus = Literal["new", "same", "changed", "copy"]

# Fields every event record has, in the order of `Event.to_dict()`; later fields follow them.
_EVENT_SELECT = (
    "e.id, e.story_id, e.sentence_index, e.date, e.source, e.target, e.code, e.root, e.quad, "
    "e.phoenix_quad, e.goldstein, e.plover, e.record, s.url, s.source, s.title, s.date, "
    "s.ingested_at"
)
# Undated events last; written with NULLS LAST so that SQLite walks the date index (with a LIMIT
# it stops early instead of sorting every matching event).
# Events drive the join (SQLite keeps a CROSS JOIN's order): the filter and order use the events'
# indexes, and a page of 50 stops after 50 events instead of sorting every story's.
_EVENTS_THEN_STORIES = "FROM events e CROSS JOIN stories s WHERE s.id = e.story_id"
_NO_LIMIT = 2**62  # LIMIT for "all rows" that both backends accept
_ORDER = "ORDER BY e.date NULLS LAST, e.story_id, e.sentence_index, e.id"
_ORDER_NEWEST = "ORDER BY e.date DESC NULLS LAST, e.story_id, e.sentence_index, e.id"
# The orders `events` can give besides by date: a column, then the date order as a tie-break.
SORT_COLUMNS: dict[str, str] = {
    "source": "e.source",
    "target": "e.target",
    "code": "e.code",
    "goldstein": "e.goldstein",
    "quad": "e.quad",
}


def content_hash(text: str) -> str:
    """The key of a story's content: SHA-256 of its words, whitespace normalised."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class StoredStory:
    """A story as stored, with where it came from and how many events it gave."""

    id: str
    content_hash: str
    text: str
    date: dt.date | None
    title: str | None
    url: str | None
    source: str | None
    origin: str | None
    event_count: int
    ingested_at: str


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event read back from a store: the typed columns, the full record and its story's
    publication details. `record` is exactly `Event.to_dict()` as it was stored, so fields added to
    events after this module was written are kept."""

    id: str
    story_id: str
    sentence_index: int
    date: dt.date | None
    source: str
    target: str
    code: str
    root_code: str
    quad_class: int
    phoenix_quad: int
    goldstein: float
    plover: str | None
    record: Mapping[str, Any]
    story_url: str | None
    story_source: str | None
    story_title: str | None
    story_date: dt.date | None
    ingested_at: str


@dataclass(frozen=True, slots=True)
class Count:
    """How many events share a key (a dyad, a root code ...)."""

    key: tuple[str, ...]
    events: int


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor code seen in the store, with the words it was found under."""

    code: str
    country: str | None
    role: str
    names: tuple[str, ...]


COUNT_KEYS: dict[str, tuple[str, ...]] = {
    "dyad": ("e.source", "e.target"),
    "source": ("e.source",),
    "target": ("e.target",),
    "code": ("e.code",),
    "root": ("e.root",),
    "quad": ("e.quad",),
    "date": ("e.date",),
    "story": ("e.story_id",),
}


class Store(StoreStats, WatchState, ABC):
    """Stories and their coded events, with the evidence, actors and places.

    Open one with `tocsin.store.open_store(url_or_path)`. Writing a story and its events is one
    transaction: a store is never left with half a story, so an interrupted ingest can simply be
    run again. Stories are keyed by id and by content hash; adding a known story adds nothing.
    """

    url: str
    version: int
    _fields_seen: set[str] | None = None  # cache of event_fields, dropped on rollback

    # --- what a backend provides -------------------------------------------------------------

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[None]:
        """A write transaction: committed on success, rolled back on error."""

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; the number of rows it changed."""

    @abstractmethod
    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters."""

    @abstractmethod
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """All rows of a query."""

    @abstractmethod
    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        """The rows of a query, read in batches (for exports of millions of events)."""

    @abstractmethod
    def _migration_sql(self, migration: Migration) -> tuple[str, ...]:
        """The backend's script of one migration."""

    @abstractmethod
    def _lock_schema(self) -> None:
        """Inside a transaction: keep other processes from migrating at the same time."""

    @abstractmethod
    def _applied_version(self) -> int:
        """The schema version the store has (0 for an empty database)."""

    def _date_param(self, value: dt.date | None) -> Any:
        return value

    def _date_value(self, value: Any) -> dt.date | None:
        if value is None or isinstance(value, dt.date):
            return value
        return dt.date.fromisoformat(str(value))

    def _record_value(self, value: Any) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        loaded: dict[str, Any] = json.loads(value)
        return loaded

    # --- schema ------------------------------------------------------------------------------

    def _migrate(self, upto: int | None = None) -> None:
        """Apply the migrations this store lacks (all of them for a new store)."""
        from tocsin.store.errors import StoreError

        target = SCHEMA_VERSION if upto is None else upto
        self.version = self._applied_version()
        if self.version > SCHEMA_VERSION:
            raise StoreError(
                self.url,
                f"the store has schema version {self.version}, newer than this tocsin "
                f"knows ({SCHEMA_VERSION})",
                "upgrade tocsin to open it",
            )
        if self.version >= target:
            return
        with self._transaction():
            self._lock_schema()
            self._execute(
                "CREATE TABLE IF NOT EXISTS tocsin_schema (version INTEGER PRIMARY KEY, "
                "description TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            current = self._applied_version()
            for migration in MIGRATIONS:
                if current < migration.version <= target:
                    log.info("%s: applying schema migration %d", self.url, migration.version)
                    for statement in self._migration_sql(migration):
                        self._execute(statement)
                    self._execute(
                        "INSERT INTO tocsin_schema (version, description, applied_at) "
                        "VALUES (?, ?, ?)",
                        (migration.version, migration.description, _now()),
                    )
            self.version = max(current, target)

    # --- writing -----------------------------------------------------------------------------

    def has_story(self, story_id: str, text: str | None = None) -> bool:
        """Whether a story with this id (or, given its text, this content) is stored."""
        if text is None:
            rows = self._rows("SELECT 1 FROM stories WHERE id = ?", (story_id,))
        else:
            rows = self._rows(
                "SELECT 1 FROM stories WHERE id = ? OR content_hash = ?",
                (story_id, content_hash(text)),
            )
        return bool(rows)

    def ping(self) -> None:
        """Check the connection answers; raises StoreError when it does not."""
        self._rows("SELECT 1")

    def story_status(self, story_id: str, text: str) -> StoryStatus:
        """Whether a story is new, stored as it is, stored under its id with another text
        (`changed`), or stored with the same content under another id (`copy`)."""
        key = content_hash(text)
        rows = self._rows("SELECT content_hash FROM stories WHERE id = ?", (story_id,))
        if rows:
            return "same" if rows[0][0] == key else "changed"
        if self._rows("SELECT 1 FROM stories WHERE content_hash = ?", (key,)):
            return "copy"
        return "new"

    def replace_story(
        self, story: Story, events: Sequence[Event], origin: str | None = None
    ) -> AddResult:
        """Store a story in place of the one stored under its id (with its sentences and
        events), in one transaction: `tocsin ingest --update` of a story whose text changed."""
        with self._transaction():
            self._execute("DELETE FROM stories WHERE id = ?", (story.id,))
            return self._add(story, events, origin)

    def add_story(
        self, story: Story, events: Sequence[Event], origin: str | None = None
    ) -> AddResult:
        """Store a story with its events in one transaction. A story whose id or content is
        already stored adds nothing: the result says which."""
        with self._transaction():
            return self._add(story, events, origin)

    def add_stories(
        self,
        items: Iterable[tuple[Story, Sequence[Event]]],
        origin: str | None = None,
        batch_size: int = 200,
    ) -> dict[AddResult, int]:
        """Store many stories, `batch_size` whole stories per transaction (for bulk loads)."""
        counts: dict[AddResult, int] = {"added": 0, "known-id": 0, "known-content": 0}
        batch: list[tuple[Story, Sequence[Event]]] = []

        def flush() -> None:
            with self._transaction():
                for story, events in batch:
                    counts[self._add(story, events, origin)] += 1
            batch.clear()

        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        return counts

    def _add(self, story: Story, events: Sequence[Event], origin: str | None) -> AddResult:
        key = content_hash(story.text)
        records = _unique_records(events)
        added = self._execute(
            "INSERT INTO stories (id, content_hash, date, title, url, source, origin, text, "
            "event_count, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            (
                story.id,
                key,
                self._date_param(story.date),
                story.title,
                story.url,
                story.source,
                origin,
                story.text,
                len(records),
                _now(),
            ),
        )
        if not added:
            known = self._rows("SELECT 1 FROM stories WHERE id = ?", (story.id,))
            return "known-id" if known else "known-content"
        if not records:
            return "added"
        sentences = {(r["story_id"], r["sentence_index"]): r.get("sentence", "") for r in records}
        self._execute_many(
            "INSERT INTO sentences (story_id, sentence_index, text) VALUES (?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            [(sid, index, text) for (sid, index), text in sentences.items()],
        )
        places = {}
        rows = []
        for record in records:
            place = _place(record)
            if place is not None:
                places[place[0]] = place
            rows.append(self._event_row(record, place[0] if place else None))
        if places:
            self._execute_many(
                "INSERT INTO places (id, name, country, lat, lon) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                list(places.values()),
            )
        columns = EVENT_COLUMNS + (RESOLUTION_COLUMNS if self.version >= 3 else ())
        if self.version >= 3:
            rows = [(*row, *_resolutions(r)) for row, r in zip(rows, records, strict=True)]
        if self.version >= 5:
            columns += TOPIC_COLUMNS
            rows = [
                (*row, r.get("topic") or "political") for row, r in zip(rows, records, strict=True)
            ]
        self._execute_many(
            f"INSERT INTO events ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)}) ON CONFLICT DO NOTHING",
            rows,
        )
        self._note_fields(records)
        if self.version >= 2:
            self._note_actors(records)
        return "added"

    def _event_row(self, record: Mapping[str, Any], place_id: str | None) -> tuple[Any, ...]:
        date = record.get("date")
        evidence = record.get("evidence") or {}
        return (
            record["id"],
            record["story_id"],
            record["sentence_index"],
            self._date_param(dt.date.fromisoformat(date) if date else None),
            record["source"],
            record.get("target") or "",
            str(record["code"]),
            str(record.get("root_code") or str(record["code"])[:2]),
            record["quad_class"],
            record["phoenix_quad"],
            record["goldstein"],
            record.get("plover"),
            evidence.get("pattern_id"),
            country_of(record["source"]),
            country_of(record["target"]) if record.get("target") else None,
            record.get("location_country"),
            place_id,
            json.dumps(record, ensure_ascii=False),
        )

    def _note_fields(self, records: Sequence[Mapping[str, Any]]) -> None:
        known = self._fields_seen
        if known is None:
            known = self._fields_seen = set(self.event_fields())
        new = [key for record in records for key in record if key not in known]
        if not new:
            return
        ordered = list(dict.fromkeys(new))
        start = len(known)
        self._execute_many(
            "INSERT INTO event_fields (name, position) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(name, start + k) for k, name in enumerate(ordered)],
        )
        known.update(ordered)

    def _note_actors(self, records: Sequence[Mapping[str, Any]]) -> None:
        actors: dict[str, tuple[str, str | None, str]] = {}
        names: set[tuple[str, str]] = set()
        for record in records:
            for role in ("source", "target"):
                code = record.get(role) or ""
                if not code:
                    continue
                actors[code] = (code, country_of(code), role_of(code))
                # the name coded for the actor; a record coded before names: its words, never
                # a pronoun ("He" is not a name of ISRGOV)
                name = record.get(f"{role}_name") or record.get(f"{role}_text") or ""
                if name and not is_pronoun(name):
                    names.add((code, name))
        self._execute_many(
            "INSERT INTO actors (code, country, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            sorted(actors.values()),
        )
        if names:
            self._execute_many(
                "INSERT INTO actor_names (code, name) VALUES (?, ?) ON CONFLICT DO NOTHING",
                sorted(names),
            )

    def delete_story(self, story_id: str) -> bool:
        """Delete a story with its sentences and events. Whether it was there."""
        with self._transaction():
            return bool(self._execute("DELETE FROM stories WHERE id = ?", (story_id,)))

    # --- reading -----------------------------------------------------------------------------

    def story(self, story_id: str) -> StoredStory | None:
        rows = self._rows(
            "SELECT id, content_hash, text, date, title, url, source, origin, event_count, "
            "ingested_at FROM stories WHERE id = ?",
            (story_id,),
        )
        if not rows:
            return None
        r = rows[0]
        return StoredStory(
            r[0], r[1], r[2], self._date_value(r[3]), r[4], r[5], r[6], r[7], r[8], r[9]
        )

    def story_ids(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT id FROM stories ORDER BY id")]

    def count_stories(self) -> int:
        return int(self._rows("SELECT count(*) FROM stories")[0][0])

    def count_events(self, where: EventFilter | None = None) -> int:
        condition, params = where_clause(where, self._date_param)
        return int(self._rows(f"SELECT count(*) FROM events e WHERE {condition}", params)[0][0])

    def events(
        self,
        where: EventFilter | None = None,
        limit: int | None = None,
        offset: int = 0,
        newest_first: bool = False,
        sort: str | None = None,
    ) -> Iterator[StoredEvent]:
        """Events matching the filter, by date, story and sentence (undated events last);
        `newest_first` puts the latest dates first (undated still last); `sort` orders by one of
        SORT_COLUMNS first ("-goldstein": descending); `offset` skips rows."""
        condition, params = where_clause(where, self._date_param)
        order = _ORDER_NEWEST if newest_first else _ORDER
        if sort is not None:
            column = SORT_COLUMNS.get(sort.lstrip("-"))
            if column is None:
                raise ValueError(f"cannot sort events by {sort!r}; use {', '.join(SORT_COLUMNS)}")
            direction = "DESC" if sort.startswith("-") else "ASC"
            order = order.replace("ORDER BY ", f"ORDER BY {column} {direction}, ", 1)
        sql = f"SELECT {_EVENT_SELECT} {_EVENTS_THEN_STORIES} AND {condition} {order}"
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [_NO_LIMIT if limit is None else int(limit), int(offset)]
        for r in self._stream(sql, params):
            yield self._stored_event(r)

    def event(self, event_id: str) -> StoredEvent | None:
        """One event by its id, or None."""
        rows = self._rows(
            f"SELECT {_EVENT_SELECT} {_EVENTS_THEN_STORIES} AND e.id = ?",
            (event_id,),
        )
        return self._stored_event(rows[0]) if rows else None

    def _stored_event(self, r: Sequence[Any]) -> StoredEvent:
        return StoredEvent(
            id=r[0],
            story_id=r[1],
            sentence_index=r[2],
            date=self._date_value(r[3]),
            source=r[4],
            target=r[5],
            code=r[6],
            root_code=r[7],
            quad_class=r[8],
            phoenix_quad=r[9],
            goldstein=float(r[10]),
            plover=r[11],
            record=self._record_value(r[12]),
            story_url=r[13],
            story_source=r[14],
            story_title=r[15],
            story_date=self._date_value(r[16]),
            ingested_at=r[17],
        )

    def event_ids(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT id FROM events ORDER BY id")]

    def event_fields(self) -> list[str]:
        """Every top-level field of the stored event records, in the order first seen."""
        rows = self._rows("SELECT name FROM event_fields ORDER BY position, name")
        return [r[0] for r in rows]

    def count_by(self, key: str, where: EventFilter | None = None) -> list[Count]:
        """Events counted by `dyad`, `source`, `target`, `code`, `root`, `quad`, `date` or
        `story`, most frequent first."""
        columns = ", ".join(COUNT_KEYS[key])
        condition, params = where_clause(where, self._date_param)
        rows = self._rows(
            f"SELECT {columns}, count(*) FROM events e WHERE {condition} "
            f"GROUP BY {columns} ORDER BY count(*) DESC, {columns}",
            params,
        )
        return [Count(tuple("" if v is None else str(v) for v in r[:-1]), int(r[-1])) for r in rows]

    def check(self) -> list[str]:
        """Ids of stories whose stored events are not the ones they were stored with (always
        empty: a story and its events are written in one transaction)."""
        rows = self._rows(
            "SELECT s.id FROM stories s LEFT JOIN events e ON e.story_id = s.id "
            "GROUP BY s.id, s.event_count HAVING count(e.id) <> s.event_count ORDER BY s.id"
        )
        return [r[0] for r in rows]

    def actors(self) -> list[Actor]:
        """Every actor code stored as a source or target, with the words found for it."""
        names: dict[str, list[str]] = {}
        for code, name in self._rows("SELECT code, name FROM actor_names ORDER BY code, name"):
            names.setdefault(code, []).append(name)
        return [
            Actor(code, country, role, tuple(names.get(code, ())))
            for code, country, role in self._rows(
                "SELECT code, country, role FROM actors ORDER BY code"
            )
        ]

    def places(self) -> list[tuple[str | None, str | None, float | None, float | None]]:
        """Every place events were located at: (name, country ISO3, lat, lon)."""
        return [
            (r[0], r[1], r[2], r[3])
            for r in self._rows("SELECT name, country, lat, lon FROM places ORDER BY name, id")
        ]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _unique_records(events: Sequence[Event]) -> list[dict[str, Any]]:
    """The events' records, each id once (a story coded twice gives the same ids)."""
    seen: dict[str, dict[str, Any]] = {}
    for event in events:
        record = event.to_dict()
        seen.setdefault(record["id"], record)
    return list(seen.values())


def _place(record: Mapping[str, Any]) -> tuple[str, Any, Any, Any, Any] | None:
    name = record.get("location_name")
    country = record.get("location_country")
    lat, lon = record.get("lat"), record.get("lon")
    if name is None and lat is None and lon is None:
        return None
    key = json.dumps([name, country, lat, lon])
    return (hashlib.sha1(key.encode("utf-8")).hexdigest()[:16], name, country, lat, lon)


def _resolutions(record: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """How the record's source and target were resolved (absent from records coded before)."""
    return record.get("source_resolution"), record.get("target_resolution") or None
