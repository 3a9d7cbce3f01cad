"""Event filters (the `tocsin query` options) and the SQL WHERE clause they become.

Actor and code patterns: a value with `*` or `?` is a glob (`16*`, `*GOV`); otherwise an actor value
matches every code that starts with it (`FRA` matches FRA, FRAGOV, FRAMIL ...) and an event code
matches exactly. Prefix matches become index-friendly ranges (`code >= '16' AND code < '17'`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from tocsin.errors import TocsinError
from tocsin.knowledge.topics import TOPIC_VALUES, TOPICS

_PATTERN_RE = re.compile(r"^[A-Z0-9*?]+$")


class FilterError(TocsinError):
    """A query filter value that cannot be used."""

    code = "E012"

    def __init__(self, option: str, value: str, hint: str) -> None:
        super().__init__(f"{option} {value!r}: {hint}")
        self.option = option
        self.value = value


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to read. Each tuple is OR-ed within itself; the fields are AND-ed."""

    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()  # source or target
    code: tuple[str, ...] = ()
    root: tuple[str, ...] = ()
    quad: tuple[int, ...] = ()  # GDELT quad class 1-4
    since: dt.date | None = None
    until: dt.date | None = None
    country: tuple[str, ...] = ()  # ISO3: located in, or source or target of that country
    story_id: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()  # the story's topic: political, sports, markets ...

    def __post_init__(self) -> None:
        for option, values in (
            ("--source", self.source),
            ("--target", self.target),
            ("--actor", self.actor),
            ("--code", self.code),
        ):
            for value in values:
                _check_pattern(option, value)
        for value in self.country:
            if not re.fullmatch(r"[A-Z]{3}", value):
                raise FilterError("--country", value, "give an ISO 3166 alpha-3 code, e.g. MLI")
        for value in self.root:
            if not re.fullmatch(r"\d{2}", value):
                raise FilterError("--root", value, "give a two-digit CAMEO root, e.g. 04 or 19")
        for value in self.topic:
            if value not in TOPIC_VALUES:
                raise FilterError("--topic", value, f"give one of {TOPICS}")
        if self.since and self.until and self.since > self.until:
            raise FilterError("--since", self.since.isoformat(), "must not be after --until")


def _check_pattern(option: str, value: str) -> None:
    if not _PATTERN_RE.fullmatch(value):
        raise FilterError(
            option, value, "use capital letters, digits and the wildcards * and ? only"
        )


def where_clause(where: EventFilter | None, dates: Any) -> tuple[str, list[Any]]:
    """SQL condition on the `events` table (alias e) with `?` placeholders, and its parameters.

    `dates` converts a date into the backend's parameter value.
    """
    if where is None:
        return "1 = 1", []
    parts: list[str] = []
    params: list[Any] = []

    def any_of(columns: tuple[str, ...], values: tuple[str, ...], prefix: bool) -> None:
        if not values:
            return
        options = []
        for value in values:
            for column in columns:
                sql, args = _pattern_sql(column, value, prefix)
                options.append(sql)
                params.extend(args)
        parts.append("(" + " OR ".join(options) + ")")

    any_of(("e.source",), where.source, True)
    any_of(("e.target",), where.target, True)
    any_of(("e.source", "e.target"), where.actor, True)
    any_of(("e.code",), where.code, False)
    if where.root:
        parts.append("e.root IN (" + ", ".join("?" for _ in where.root) + ")")
        params.extend(where.root)
    if where.quad:
        parts.append("e.quad IN (" + ", ".join("?" for _ in where.quad) + ")")
        params.extend(where.quad)
    if where.since is not None:
        parts.append("e.date >= ?")
        params.append(dates(where.since))
    if where.until is not None:
        parts.append("e.date <= ?")
        params.append(dates(where.until))
    if where.country:
        marks = ", ".join("?" for _ in where.country)
        parts.append(
            f"(e.location_country IN ({marks}) OR e.source_country IN ({marks}) "
            f"OR e.target_country IN ({marks}))"
        )
        params.extend(list(where.country) * 3)
    if where.story_id:
        parts.append("e.story_id IN (" + ", ".join("?" for _ in where.story_id) + ")")
        params.extend(where.story_id)
    if where.topic:
        parts.append("e.topic IN (" + ", ".join("?" for _ in where.topic) + ")")
        params.extend(where.topic)
    return (" AND ".join(parts) or "1 = 1"), params


def _pattern_sql(column: str, value: str, prefix: bool) -> tuple[str, list[str]]:
    stem = value.rstrip("*")
    if "*" not in stem and "?" not in stem and (prefix or value.endswith("*")):
        if not stem:
            return "1 = 1", []
        upper = stem[:-1] + chr(ord(stem[-1]) + 1)
        return f"({column} >= ? AND {column} < ?)", [stem, upper]
    if "*" not in value and "?" not in value:
        return f"{column} = ?", [value]
    return f"{column} LIKE ?", [value.replace("*", "%").replace("?", "_")]
