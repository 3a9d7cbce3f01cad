"""Aggregate queries for analytics and the HTTP API: daily totals, top dyads and actors, places,
and per-dyad statistics of two time windows (for shift detection).

The SQL lives here, with `?` placeholders and the shared `where_clause` of the event filters; the
arithmetic on the results (weeks, months, means, tests) is in `tocsin.store.analytics`.
"""

from __future__ import annotations

import datetime as dt
from abc import abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from tocsin.store.query import EventFilter, where_clause

DyadLevel = Literal["actor", "country"]
DYAD_LEVELS: tuple[DyadLevel, ...] = ("actor", "country")

# How a dyad's sides are keyed: the full actor codes, or their country (international actors,
# which have none, keep their code).
_DYAD_COLUMNS: dict[str, tuple[str, str]] = {
    "actor": ("e.source", "e.target"),
    "country": ("COALESCE(e.source_country, e.source)", "COALESCE(e.target_country, e.target)"),
}
_QUAD_SUMS = ", ".join(f"sum(CASE WHEN e.quad = {q} THEN 1 ELSE 0 END)" for q in (1, 2, 3, 4))
_CONFLICT = "sum(CASE WHEN e.quad >= 3 THEN 1 ELSE 0 END)"


@dataclass(frozen=True, slots=True)
class DailyTotal:
    """Events of one date and GDELT quad class, and the sum of their Goldstein values."""

    date: dt.date
    quad_class: int
    events: int
    goldstein_sum: float


@dataclass(frozen=True, slots=True)
class DyadTotal:
    """A dyad's events: how many, of which quad class, and their Goldstein sum."""

    source: str
    target: str
    events: int
    goldstein_sum: float
    quads: tuple[int, int, int, int]  # events of GDELT quad class 1, 2, 3, 4


@dataclass(frozen=True, slots=True)
class ActorTotal:
    """An actor code with the words it was found under and its events as source and target."""

    code: str
    country: str | None
    role: str
    names: tuple[str, ...]
    events: int
    as_source: int
    as_target: int


@dataclass(frozen=True, slots=True)
class PlaceTotal:
    """A place events were located at, with their number, Goldstein sum and conflict events."""

    name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    events: int
    goldstein_sum: float
    conflict: int  # events of quad class 3 or 4


@dataclass(frozen=True, slots=True)
class WindowTotal:
    """A dyad's events in one time window: by quad class, Goldstein sum and sum of squares."""

    quads: tuple[int, int, int, int]  # events of GDELT quad class 1, 2, 3, 4
    goldstein_sum: float
    goldstein_squares: float

    @property
    def events(self) -> int:
        return sum(self.quads)

    @property
    def conflict(self) -> int:
        """Events of quad class 3 or 4."""
        return self.quads[2] + self.quads[3]


@dataclass(frozen=True, slots=True)
class DyadWindows:
    """A dyad's totals before the split date (`baseline`) and from it on (`recent`)."""

    source: str
    target: str
    baseline: WindowTotal
    recent: WindowTotal


_NO_EVENTS = WindowTotal((0, 0, 0, 0), 0.0, 0.0)


class StoreStats:
    """Aggregate reads of a store (mixed into `Store`)."""

    @abstractmethod
    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """All rows of a query."""

    @abstractmethod
    def _date_param(self, value: dt.date | None) -> Any:
        """A date as the backend's parameter."""

    @abstractmethod
    def _date_value(self, value: Any) -> dt.date | None:
        """A date column's value as a date."""

    def _where(self, where: EventFilter | None) -> tuple[str, list[Any]]:
        return where_clause(where, self._date_param)

    def date_range(self, where: EventFilter | None = None) -> tuple[dt.date | None, dt.date | None]:
        """The first and last event dates (None, None when no dated event matches)."""
        condition, params = self._where(where)
        row = self._rows(f"SELECT min(e.date), max(e.date) FROM events e WHERE {condition}", params)
        return self._date_value(row[0][0]), self._date_value(row[0][1])

    def count_events_upto(self, where: EventFilter | None, cap: int) -> int:
        """The number of matching events, counted no further than `cap` + 1: a page's "more than
        N" without counting a million rows."""
        condition, params = self._where(where)
        row = self._rows(
            f"SELECT count(*) FROM (SELECT 1 FROM events e WHERE {condition} LIMIT ?) x",
            [*params, int(cap) + 1],
        )
        return int(row[0][0])

    def daily_totals(self, where: EventFilter | None = None) -> list[DailyTotal]:
        """Dated events counted by date and quad class, in date order."""
        condition, params = self._where(where)
        rows = self._rows(
            "SELECT e.date, e.quad, count(*), sum(e.goldstein) FROM events e "
            f"WHERE {condition} AND e.date IS NOT NULL "
            "GROUP BY e.date, e.quad ORDER BY e.date, e.quad",
            params,
        )
        return [
            DailyTotal(d, int(r[1]), int(r[2]), float(r[3]))
            for r in rows
            if (d := self._date_value(r[0])) is not None
        ]

    def top_dyads(
        self, where: EventFilter | None = None, limit: int = 20, level: DyadLevel = "actor"
    ) -> list[DyadTotal]:
        """Dyads with the most events (events without a target have no dyad)."""
        source, target = _DYAD_COLUMNS[level]
        condition, params = self._where(where)
        rows = self._rows(
            f"SELECT {source}, {target}, count(*), sum(e.goldstein), {_QUAD_SUMS} "
            f"FROM events e WHERE {condition} AND e.target <> '' "
            "GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?",
            [*params, int(limit)],
        )
        return [
            DyadTotal(
                r[0], r[1], int(r[2]), float(r[3]), (int(r[4]), int(r[5]), int(r[6]), int(r[7]))
            )
            for r in rows
        ]

    def top_actors(self, where: EventFilter | None = None, limit: int = 20) -> list[ActorTotal]:
        """Actor codes in the most events, as source or target."""
        condition, params = self._where(where)
        rows = self._rows(
            "SELECT a, sum(ns) + sum(nt), sum(ns), sum(nt) FROM ("
            f"SELECT e.source AS a, count(*) AS ns, 0 AS nt FROM events e WHERE {condition} "
            "GROUP BY e.source UNION ALL "
            f"SELECT e.target AS a, 0 AS ns, count(*) AS nt FROM events e WHERE {condition} "
            "AND e.target <> '' GROUP BY e.target) x "
            "GROUP BY a ORDER BY 2 DESC, a LIMIT ?",
            [*params, *params, int(limit)],
        )
        counts = {r[0]: (int(r[1]), int(r[2]), int(r[3])) for r in rows}
        return self._actor_totals([r[0] for r in rows], counts)

    def search_actors(self, text: str, limit: int = 20) -> list[ActorTotal]:
        """Actors whose code starts with `text` or one of whose names contains it (any case),
        those in the most events first."""
        needle = text.strip()
        if not needle:
            return []
        code_pattern = _escape_like(needle.upper()) + "%"
        name_pattern = "%" + _escape_like(needle.lower()) + "%"
        codes = [
            r[0]
            for r in self._rows(
                "SELECT code FROM actors WHERE code LIKE ? ESCAPE '\\' UNION "
                "SELECT code FROM actor_names WHERE lower(name) LIKE ? ESCAPE '\\' "
                "ORDER BY 1 LIMIT 500",
                (code_pattern, name_pattern),
            )
        ]
        if not codes:
            return []
        marks = ", ".join("?" for _ in codes)
        counts = {code: (0, 0, 0) for code in codes}
        for code, as_source, as_target in self._rows(
            f"SELECT a, sum(ns), sum(nt) FROM (SELECT e.source AS a, count(*) AS ns, 0 AS nt "
            f"FROM events e WHERE e.source IN ({marks}) GROUP BY e.source UNION ALL "
            f"SELECT e.target AS a, 0 AS ns, count(*) AS nt FROM events e "
            f"WHERE e.target IN ({marks}) GROUP BY e.target) x GROUP BY a",
            [*codes, *codes],
        ):
            counts[code] = (int(as_source) + int(as_target), int(as_source), int(as_target))
        ranked = sorted(codes, key=lambda c: (-counts[c][0], c))[: int(limit)]
        return self._actor_totals(ranked, counts)

    def _actor_totals(
        self, codes: list[str], counts: dict[str, tuple[int, int, int]]
    ) -> list[ActorTotal]:
        if not codes:
            return []
        marks = ", ".join("?" for _ in codes)
        known = {
            r[0]: (r[1], r[2])
            for r in self._rows(
                f"SELECT code, country, role FROM actors WHERE code IN ({marks})", codes
            )
        }
        names: dict[str, list[str]] = {}
        for code, name in self._rows(
            f"SELECT code, name FROM actor_names WHERE code IN ({marks}) ORDER BY code, name", codes
        ):
            names.setdefault(code, []).append(name)
        totals = []
        for code in codes:
            country, role = known.get(code, (None, code[3:]))
            events, as_source, as_target = counts[code]
            totals.append(
                ActorTotal(
                    code, country, role, tuple(names.get(code, ())), events, as_source, as_target
                )
            )
        return totals

    def place_totals(self, where: EventFilter | None = None, limit: int = 500) -> list[PlaceTotal]:
        """Places with the most located events."""
        condition, params = self._where(where)
        rows = self._rows(
            f"SELECT p.name, p.country, p.lat, p.lon, count(*), sum(e.goldstein), {_CONFLICT} "
            f"FROM events e JOIN places p ON p.id = e.place_id WHERE {condition} "
            "GROUP BY p.id, p.name, p.country, p.lat, p.lon ORDER BY 5 DESC, p.name, p.id LIMIT ?",
            [*params, int(limit)],
        )
        return [
            PlaceTotal(
                r[0],
                r[1],
                None if r[2] is None else float(r[2]),
                None if r[3] is None else float(r[3]),
                int(r[4]),
                float(r[5]),
                int(r[6]),
            )
            for r in rows
        ]

    def dyad_windows(
        self,
        start: dt.date,
        split: dt.date,
        end: dt.date,
        where: EventFilter | None = None,
        level: DyadLevel = "actor",
    ) -> list[DyadWindows]:
        """Per dyad, the totals of its events dated in [start, split) and in [split, end]."""
        source, target = _DYAD_COLUMNS[level]
        condition, params = self._where(where)
        rows = self._rows(
            f"SELECT {source}, {target}, CASE WHEN e.date >= ? THEN 1 ELSE 0 END, "
            f"sum(e.goldstein), sum(e.goldstein * e.goldstein), {_QUAD_SUMS} "
            f"FROM events e WHERE {condition} AND e.target <> '' AND e.date >= ? AND e.date <= ? "
            "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
            [
                self._date_param(split),
                *params,
                self._date_param(start),
                self._date_param(end),
            ],
        )
        found: dict[tuple[str, str], dict[int, WindowTotal]] = {}
        for r in rows:
            quads = (int(r[5]), int(r[6]), int(r[7]), int(r[8]))
            window = WindowTotal(quads, float(r[3]), float(r[4]))
            found.setdefault((r[0], r[1]), {})[int(r[2])] = window
        return [
            DyadWindows(s, t, windows.get(0, _NO_EVENTS), windows.get(1, _NO_EVENTS))
            for (s, t), windows in found.items()
        ]


def _escape_like(text: str) -> str:
    """A literal for LIKE: its wildcards and the escape character escaped."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
