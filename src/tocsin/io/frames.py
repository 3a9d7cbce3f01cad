"""Events as a pandas DataFrame, with the types an analyst expects.

    >>> import tocsin                                                         # doctest: +SKIP
    >>> events = tocsin.read_events("demo.sqlite", source="RUS", since="2022-01-01")
    >>> events.groupby("target").size()

`read_events` reads a store (a SQLite path, a postgresql:// URL or an open `Store`), with the
filters of `tocsin query` as keyword arguments, or an events file written by tocsin (`tocsin code
--out`, `tocsin export`: .jsonl, .csv or .parquet). Whatever the source, the columns have one set
of types: codes and ids are strings (pandas "string": "0841" keeps its zero), a missing target or
place is <NA> (never ""), `date` is datetime64 (NaT for an undated event; `date_precision` says
whether it stands for a day, week, month or year), counts are nullable integers and scores
floats. `evidence` holds the evidence as a dict.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tocsin.records import EVENT_FIELDS
from tocsin.store import EventFilter, Store, open_store

if TYPE_CHECKING:
    import pandas as pd

INTEGER_COLUMNS = ("sentence_index", "quad_class", "phoenix_quad", "geonameid")
FLOAT_COLUMNS = ("goldstein", "lat", "lon")
NESTED_COLUMNS = ("evidence",)
FILE_SUFFIXES = (".jsonl", ".json", ".csv", ".parquet")
# the filters of `tocsin query` that take one value or a list (since and until take a date)
FILTER_NAMES = tuple(f.name for f in fields(EventFilter) if f.name not in ("since", "until"))


def read_events(path_or_db: str | Path | Store, /, **filters: Any) -> pd.DataFrame:
    """The events of a store or of an events file as a DataFrame (see the module docs).

    Filters (stores only) are those of `tocsin query`: source, target, actor, code (a string
    or a list of them; `*` ends a prefix, "19*"), root, quad, country (ISO3), story_id, topic
    (political, sports ...), and since/until (a date or "YYYY-MM-DD").
    """
    if isinstance(path_or_db, Store):
        return _frame(e.record for e in path_or_db.events(event_filter(**filters)))
    path = Path(str(path_or_db))
    if path.suffix.lower() in FILE_SUFFIXES and path.is_file():
        if filters:
            raise ValueError(
                f"{path}: filters apply to a store; filter the DataFrame of a file instead"
            )
        return _frame(_file_records(path))
    if not str(path_or_db).startswith(("postgresql://", "postgres://")) and not path.is_file():
        raise FileNotFoundError(f"{path_or_db}: no such store or events file")
    with open_store(str(path_or_db), create=False) as store:
        return _frame(e.record for e in store.events(event_filter(**filters)))


def event_filter(**filters: Any) -> EventFilter:
    """An EventFilter from keyword arguments as users write them (a value or a list)."""
    unknown = set(filters) - {*FILTER_NAMES, "since", "until", "story"}
    if unknown:
        names = ", ".join(sorted(unknown))
        raise TypeError(f"unknown filter(s) {names}; use {', '.join(FILTER_NAMES)}, since, until")
    values: dict[str, Any] = {}
    for name, value in filters.items():
        if value is None:
            continue
        key = "story_id" if name == "story" else name
        if key in ("since", "until"):
            values[key] = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
        elif key == "quad":
            values[key] = tuple(int(v) for v in _many(value))
        elif key in ("source", "target", "actor", "country"):
            values[key] = tuple(str(v).upper() for v in _many(value))
        else:
            values[key] = tuple(str(v) for v in _many(value))
    return EventFilter(**values)


def _many(value: Any) -> Sequence[Any]:
    if isinstance(value, str | int):
        return [value]
    return list(value)


def _file_records(path: Path) -> Iterable[Mapping[str, Any]]:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pyarrow.parquet as pq  # type: ignore[import-untyped]

        return list(pq.read_table(path).to_pylist())
    if suffix == ".csv":
        import csv

        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _frame(records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """The records as a DataFrame with tocsin's column types."""
    import pandas as pd

    rows = list(records)
    frame = pd.DataFrame.from_records(rows) if rows else pd.DataFrame()
    columns = list(EVENT_FIELDS) + [c for c in frame.columns if c not in EVENT_FIELDS]
    frame = frame.reindex(columns=columns)
    for column in frame.columns:
        frame[column] = _typed(frame[column], column)
    return frame


def _typed(values: pd.Series, column: str) -> pd.Series:
    import pandas as pd

    if column in NESTED_COLUMNS:
        return values.map(_nested)
    blank = values.map(lambda v: v is None or v == "" or (isinstance(v, float) and v != v))
    values = values.mask(blank)
    if column == "date":
        return pd.to_datetime(values.map(lambda v: None if pd.isna(v) else str(v)[:10]))
    if column in INTEGER_COLUMNS:
        return pd.to_numeric(values).astype("Int64")
    if column in FLOAT_COLUMNS:
        return pd.to_numeric(values).astype("float64")
    if values.map(lambda v: isinstance(v, list | dict)).any():
        return values  # a merged record's lists (story_ids, urls)
    return values.astype("string")


def _nested(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(("{", "[")):
        return json.loads(value)
    return None if value == "" else value
