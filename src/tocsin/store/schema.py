"""Versioned schema migrations, one SQL script per backend for each version.

A store records the versions applied in `tocsin_schema`; opening a store applies the missing ones
in order, in one transaction, under a lock so that two processes opening a new store at once do not
race. Never edit a released migration: add a new one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    sqlite: tuple[str, ...]
    postgres: tuple[str, ...]


def _events_table(text: str, real: str, date: str, json: str) -> str:
    return f"""
CREATE TABLE events (
    id {text} PRIMARY KEY,
    story_id {text} NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    sentence_index INTEGER NOT NULL,
    date {date},
    source {text} NOT NULL,
    target {text} NOT NULL,
    code {text} NOT NULL,
    root {text} NOT NULL,
    quad INTEGER NOT NULL,
    phoenix_quad INTEGER NOT NULL,
    goldstein {real} NOT NULL,
    plover {text},
    pattern_id {text},
    source_country {text},
    target_country {text},
    location_country {text},
    place_id {text} REFERENCES places(id),
    record {json} NOT NULL
)"""


def _core(text: str, real: str, date: str, json: str) -> tuple[str, ...]:
    return (
        f"""
CREATE TABLE stories (
    id {text} PRIMARY KEY,
    content_hash {text} NOT NULL UNIQUE,
    date {date},
    title TEXT,
    url TEXT,
    source TEXT,
    origin TEXT,
    text TEXT NOT NULL,
    event_count INTEGER NOT NULL DEFAULT 0,
    ingested_at TEXT NOT NULL
)""",
        "CREATE INDEX stories_date ON stories(date)",
        f"""
CREATE TABLE sentences (
    story_id {text} NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    sentence_index INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (story_id, sentence_index)
)""",
        f"""
CREATE TABLE places (
    id {text} PRIMARY KEY,
    name TEXT,
    country {text},
    lat {real},
    lon {real}
)""",
        _events_table(text, real, date, json),
        "CREATE INDEX events_dyad ON events(source, target, date)",
        "CREATE INDEX events_target ON events(target, date)",
        "CREATE INDEX events_date ON events(date)",
        "CREATE INDEX events_code ON events(code, date)",
        "CREATE INDEX events_root ON events(root, date)",
        "CREATE INDEX events_quad ON events(quad, date)",
        "CREATE INDEX events_goldstein ON events(goldstein)",
        "CREATE INDEX events_story ON events(story_id)",
        "CREATE INDEX events_source_country ON events(source_country, date)",
        "CREATE INDEX events_target_country ON events(target_country, date)",
        "CREATE INDEX events_location_country ON events(location_country, date)",
        f"CREATE TABLE event_fields (name {text} PRIMARY KEY, position INTEGER NOT NULL)",
    )


def _actors(text: str) -> tuple[str, ...]:
    return (
        f"CREATE TABLE actors (code {text} PRIMARY KEY, country {text}, role {text} NOT NULL)",
        f"""
CREATE TABLE actor_names (
    code {text} NOT NULL REFERENCES actors(code),
    name TEXT NOT NULL,
    PRIMARY KEY (code, name)
)""",
    )


def _watch(text: str, serial: str, json: str) -> tuple[str, ...]:
    """The state of `tocsin watch`: per source, its conditional-request validators and back-off;
    per item (a feed entry, a file) what became of it; the alerts raised; the messages owed to
    the alert and event sinks. Times are ISO 8601 UTC text, which sorts as time."""
    return (
        f"""
CREATE TABLE watch_sources (
    source {text} PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    retry_at TEXT,
    last_error TEXT,
    checked_at TEXT,
    ok_at TEXT
)""",
        f"""
CREATE TABLE watch_items (
    source {text} NOT NULL,
    item {text} NOT NULL,
    status {text} NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    payload {json},
    detail TEXT,
    seen_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (source, item)
)""",
        "CREATE INDEX watch_items_status ON watch_items(status, source)",
        f"""
CREATE TABLE watch_alerts (
    id {serial},
    level {text} NOT NULL,
    source {text} NOT NULL,
    target {text} NOT NULL,
    direction {text} NOT NULL,
    severity REAL NOT NULL,
    raised_at TEXT NOT NULL,
    closed_at TEXT,
    record {json} NOT NULL
)""",
        "CREATE UNIQUE INDEX watch_alerts_open ON watch_alerts(level, source, target) "
        "WHERE closed_at IS NULL",
        f"""
CREATE TABLE watch_outbox (
    id {serial},
    sink TEXT NOT NULL,
    key {text} NOT NULL,
    payload {json} NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    retry_at TEXT,
    last_error TEXT,
    delivered_at TEXT,
    UNIQUE (sink, key)
)""",
        "CREATE INDEX watch_outbox_due ON watch_outbox(sink, delivered_at, id)",
    )


_PG_TEXT = 'TEXT COLLATE "C"'  # byte order: prefix ranges on codes use the indexes

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "stories, sentences, places and events",
        sqlite=_core("TEXT", "REAL", "TEXT", "TEXT"),
        postgres=_core(_PG_TEXT, "DOUBLE PRECISION", "DATE", "JSON"),
    ),
    Migration(
        2,
        "actors and the names they were found under",
        sqlite=(
            *_actors("TEXT"),
            "INSERT OR IGNORE INTO actors (code, country, role) "
            "SELECT source, source_country, substr(source, 4) FROM events "
            "UNION SELECT target, target_country, substr(target, 4) FROM events WHERE target <> ''",
            "INSERT OR IGNORE INTO actor_names (code, name) "
            "SELECT source, json_extract(record, '$.source_text') FROM events "
            "WHERE json_extract(record, '$.source_text') <> '' "
            "UNION SELECT target, json_extract(record, '$.target_text') FROM events "
            "WHERE target <> '' AND json_extract(record, '$.target_text') <> ''",
        ),
        postgres=(
            *_actors(_PG_TEXT),
            "INSERT INTO actors (code, country, role) "
            "SELECT source, source_country, substr(source, 4) FROM events "
            "UNION SELECT target, target_country, substr(target, 4) FROM events WHERE target <> '' "
            "ON CONFLICT DO NOTHING",
            "INSERT INTO actor_names (code, name) "
            "SELECT source, record->>'source_text' FROM events "
            "WHERE record->>'source_text' <> '' "
            "UNION SELECT target, record->>'target_text' FROM events "
            "WHERE target <> '' AND record->>'target_text' <> '' "
            "ON CONFLICT DO NOTHING",
        ),
    ),
)

MIGRATIONS += (
    Migration(
        3,
        "how each event's source and target were resolved (dictionary, title, context, home...)",
        sqlite=(
            "ALTER TABLE events ADD COLUMN source_resolution TEXT",
            "ALTER TABLE events ADD COLUMN target_resolution TEXT",
            "UPDATE events SET source_resolution = json_extract(record, '$.source_resolution'), "
            "target_resolution = json_extract(record, '$.target_resolution')",
            "CREATE INDEX events_source_resolution ON events(source_resolution)",
        ),
        postgres=(
            "ALTER TABLE events ADD COLUMN source_resolution TEXT",
            "ALTER TABLE events ADD COLUMN target_resolution TEXT",
            "UPDATE events SET source_resolution = record->>'source_resolution', "
            "target_resolution = record->>'target_resolution'",
            "CREATE INDEX events_source_resolution ON events(source_resolution)",
        ),
    ),
)

MIGRATIONS += (
    Migration(
        4,
        "the state of tocsin watch: sources, items, alerts and the sinks' outbox",
        sqlite=_watch("TEXT", "INTEGER PRIMARY KEY AUTOINCREMENT", "TEXT"),
        postgres=_watch(_PG_TEXT, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "TEXT"),
    ),
)

MIGRATIONS += (
    Migration(
        5,
        "each event's story topic (political, sports, markets ...); events stored before were "
        "coded as political news",
        sqlite=(
            "ALTER TABLE events ADD COLUMN topic TEXT",
            "UPDATE events SET topic = coalesce(json_extract(record, '$.topic'), 'political')",
            "CREATE INDEX events_topic ON events(topic, date)",
        ),
        postgres=(
            "ALTER TABLE events ADD COLUMN topic TEXT",
            "UPDATE events SET topic = coalesce(record->>'topic', 'political')",
            "CREATE INDEX events_topic ON events(topic, date)",
        ),
    ),
)

SCHEMA_VERSION = MIGRATIONS[-1].version
