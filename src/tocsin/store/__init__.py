"""The event store: stories, their coded events with the evidence, actors and places.

Two backends behind one interface, chosen by the URL: a path (or `sqlite:///path`) opens an
embedded SQLite file, `postgresql://...` a PostgreSQL database. The schema is created and migrated
automatically when a store is opened.

>>> from tocsin.store import open_store                     # doctest: +SKIP
>>> with open_store("events.sqlite") as store:               # doctest: +SKIP
...     store.add_story(story, events)
...     for event in store.events(EventFilter(source=("FRA",), since=date(2021, 1, 1))):
...         print(event.source, event.code, event.target)
"""

from __future__ import annotations

from pathlib import Path

from tocsin.store.base import (
    COUNT_KEYS,
    Actor,
    AddResult,
    Count,
    Store,
    StoredEvent,
    StoredStory,
    StoryStatus,
    content_hash,
)
from tocsin.store.errors import ExportError, StoreError
from tocsin.store.query import EventFilter, FilterError
from tocsin.store.schema import SCHEMA_VERSION
from tocsin.store.stats import (
    DYAD_LEVELS,
    ActorTotal,
    DailyTotal,
    DyadLevel,
    DyadTotal,
    DyadWindows,
    PlaceTotal,
    WindowTotal,
)
from tocsin.store.watch import (
    DONE_STATUSES,
    ItemStatus,
    Message,
    OpenAlert,
    Outgoing,
    RaisedAlert,
    SourceState,
    WatchItem,
    utc_now,
    utc_text,
)

__all__ = [
    "COUNT_KEYS",
    "DONE_STATUSES",
    "DYAD_LEVELS",
    "SCHEMA_VERSION",
    "Actor",
    "ActorTotal",
    "AddResult",
    "Count",
    "DailyTotal",
    "DyadLevel",
    "DyadTotal",
    "DyadWindows",
    "EventFilter",
    "ExportError",
    "FilterError",
    "ItemStatus",
    "Message",
    "OpenAlert",
    "Outgoing",
    "PlaceTotal",
    "RaisedAlert",
    "SourceState",
    "Store",
    "StoreError",
    "StoredEvent",
    "StoredStory",
    "StoryStatus",
    "WatchItem",
    "WindowTotal",
    "content_hash",
    "is_postgres_url",
    "open_store",
    "utc_now",
    "utc_text",
]


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def open_store(url: str | Path, create: bool = True, upto: int | None = None) -> Store:
    """Open (and, with `create`, make) the store at a path or URL, migrating its schema.

    `upto` stops the migrations at that schema version (for tests of upgrades).
    """
    text = str(url)
    if is_postgres_url(text):
        from tocsin.store.postgres import PostgresStore

        return PostgresStore(text, create=create, upto=upto)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    from tocsin.store.sqlite import SQLiteStore

    return SQLiteStore(text, create=create, upto=upto)
