"""The HTTP edge's shapes: pydantic models of what the API takes and answers (they make the
OpenAPI document), built from the library's own frozen records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, Field, field_validator

from tocsin.coding.naming import is_pronoun, record_name
from tocsin.io.stories import SURROGATE_RE
from tocsin.records import Story, parse_date
from tocsin.store import ActorTotal, DyadTotal, PlaceTotal, StoredEvent
from tocsin.store.analytics import Alert, Balance, SeriesPoint, ShiftReport, Signal
from tocsin.web.highlight import Highlight, Segment

MAX_TEXT_CHARS = 200_000


class Problem(BaseModel):
    """An error: a stable code (`invalid-parameter`, `not-found`, `store-unavailable` ...; see
    docs/errors.md), what is wrong and, for a bad parameter, which one."""

    error: str
    detail: str
    parameter: str | None = None


class BalanceOut(BaseModel):
    """Events by GDELT quad class (1 verbal cooperation, 2 material cooperation, 3 verbal
    conflict, 4 material conflict), their Goldstein sum and mean, and the share of conflict."""

    events: int
    quads: list[int] = Field(description="events of quad class 1, 2, 3, 4")
    cooperation: int
    conflict: int
    goldstein_sum: float
    goldstein_mean: float | None
    conflict_share: float | None
    net: float | None = Field(description="(cooperation - conflict) / events, -1 to +1")
    tone: str = Field(description="cooperation, conflict, mixed or none")

    @classmethod
    def of(cls, b: Balance) -> BalanceOut:
        return cls(
            events=b.events,
            quads=list(b.quads),
            cooperation=b.cooperation,
            conflict=b.conflict,
            goldstein_sum=round(b.goldstein_sum, 3),
            goldstein_mean=_round(b.goldstein_mean),
            conflict_share=_round(b.conflict_share),
            net=_round(b.net),
            tone=b.tone,
        )


class EventSummary(BaseModel):
    """An event as listed: who did what to whom, when and where, and the sentence."""

    id: str
    date: dt.date | None
    story_id: str
    sentence_index: int
    source: str
    source_text: str
    source_name: str = Field(
        description="who the source is: its words, or for a pronoun the name it stands for"
    )
    target: str
    target_text: str
    target_name: str = Field(description="who the target is, as `source_name`")
    code: str
    name: str
    quad_class: int
    goldstein: float
    verb_text: str
    sentence: str
    location_name: str | None
    location_country: str | None
    lat: float | None
    lon: float | None
    topic: str  # the story's topic: political unless kept with --keep-nonpolitical

    @classmethod
    def of(cls, e: StoredEvent) -> EventSummary:
        r = e.record
        evidence = r.get("evidence") or {}
        return cls(
            id=e.id,
            date=e.date,
            story_id=e.story_id,
            sentence_index=e.sentence_index,
            source=e.source,
            source_text=str(r.get("source_text") or ""),
            source_name=record_name(r, "source"),
            target=e.target,
            target_text=str(r.get("target_text") or ""),
            target_name=record_name(r, "target"),
            code=e.code,
            name=str(r.get("name") or ""),
            quad_class=e.quad_class,
            goldstein=e.goldstein,
            verb_text=str(evidence.get("verb_text") or ""),
            sentence=str(r.get("sentence") or ""),
            location_name=r.get("location_name"),
            location_country=r.get("location_country"),
            lat=r.get("lat"),
            lon=r.get("lon"),
            topic=str(r.get("topic") or "political"),
        )


class EventPage(BaseModel):
    """One page of events and how many match in all (up to the count limit)."""

    total: int
    total_exact: bool = Field(description="false when more events match than were counted")
    limit: int
    offset: int
    order: str
    events: list[EventSummary]


class StoryOut(BaseModel):
    id: str
    date: dt.date | None
    title: str | None
    url: str | None
    source: str | None


class HighlightOut(BaseModel):
    """Characters [start, end) of the sentence that name the event's source, target or verb."""

    role: str
    start: int
    end: int
    text: str
    found_by: str = Field(description="tokens (the evidence's token span) or text (searched)")

    @classmethod
    def of(cls, h: Highlight) -> HighlightOut:
        return cls(role=h.role, start=h.start, end=h.end, text=h.text, found_by=h.found_by)


class SegmentOut(BaseModel):
    text: str
    role: str | None

    @classmethod
    def of(cls, s: Segment) -> SegmentOut:
        return cls(text=s.text, role=s.role)


class EventDetail(BaseModel):
    """One event with its full record (evidence included), its story, and the sentence cut into
    segments with the words of the source, target and verb marked."""

    event: EventSummary
    record: dict[str, Any]
    story: StoryOut
    highlights: list[HighlightOut]
    segments: list[SegmentOut]


class DyadOut(BaseModel):
    source: str
    target: str
    balance: BalanceOut

    @classmethod
    def of(cls, d: DyadTotal) -> DyadOut:
        return cls(
            source=d.source,
            target=d.target,
            balance=BalanceOut.of(Balance(d.quads, d.goldstein_sum)),
        )


class PointOut(BaseModel):
    """One period: from `period` to the day before `end`."""

    period: dt.date
    end: dt.date
    balance: BalanceOut

    @classmethod
    def of(cls, p: SeriesPoint) -> PointOut:
        return cls(period=p.period, end=p.end, balance=BalanceOut.of(p.balance))


class SeriesOut(BaseModel):
    """A dyad's time series and its balance over the whole range."""

    source: str
    target: str
    by: str
    points: list[PointOut]
    balance: BalanceOut


def actor_labels(names: Iterable[str]) -> list[str]:
    """The names worth showing for an actor: no pronouns (a store written before events had
    names holds the words "He" and "They" found for an actor)."""
    return [n for n in names if not is_pronoun(n)]


class ActorOut(BaseModel):
    code: str
    country: str | None
    role: str
    names: list[str]
    events: int
    as_source: int
    as_target: int

    @classmethod
    def of(cls, a: ActorTotal) -> ActorOut:
        return cls(
            code=a.code,
            country=a.country,
            role=a.role,
            names=actor_labels(a.names),
            events=a.events,
            as_source=a.as_source,
            as_target=a.as_target,
        )


class PlaceOut(BaseModel):
    name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    events: int
    goldstein_mean: float
    conflict: int

    @classmethod
    def of(cls, p: PlaceTotal) -> PlaceOut:
        return cls(
            name=p.name,
            country=p.country,
            lat=p.lat,
            lon=p.lon,
            events=p.events,
            goldstein_mean=round(p.goldstein_sum / p.events, 3),
            conflict=p.conflict,
        )


class SignalOut(BaseModel):
    metric: str
    baseline: float
    recent: float
    change: float
    z: float
    text: str

    @classmethod
    def of(cls, s: Signal) -> SignalOut:
        return cls(
            metric=s.metric,
            baseline=round(s.baseline, 4),
            recent=round(s.recent, 4),
            change=round(s.change, 4),
            z=round(s.z, 3),
            text=s.describe(),
        )


class AlertOut(BaseModel):
    source: str
    target: str
    direction: str
    severity: float
    text: str
    signals: list[SignalOut]
    recent: BalanceOut
    baseline: BalanceOut

    @classmethod
    def of(cls, a: Alert) -> AlertOut:
        return cls(
            source=a.source,
            target=a.target,
            direction=a.direction,
            severity=round(a.severity, 3),
            text=a.describe(),
            signals=[SignalOut.of(s) for s in a.signals],
            recent=BalanceOut.of(a.recent),
            baseline=BalanceOut.of(a.baseline),
        )


class AlertsOut(BaseModel):
    """Shift detection: the windows compared, the settings, and the alerts (most severe first)."""

    as_of: dt.date | None
    recent_start: dt.date | None
    baseline_start: dt.date | None
    dyads_assessed: int
    settings: dict[str, Any]
    alerts: list[AlertOut]

    @classmethod
    def of(cls, r: ShiftReport, limit: int) -> AlertsOut:
        s = r.settings
        return cls(
            as_of=r.as_of,
            recent_start=r.recent_start,
            baseline_start=r.baseline_start,
            dyads_assessed=r.dyads_assessed,
            settings={name: getattr(s, name) for name in s.__dataclass_fields__},
            alerts=[AlertOut.of(a) for a in r.alerts[:limit]],
        )


class SummaryOut(BaseModel):
    stories: int
    events: int
    first_date: dt.date | None
    last_date: dt.date | None
    writable: bool = Field(description="whether POST /api/stories is enabled (a token is set)")
    last_update: str | None = Field(
        default=None, description="when a story was last stored (ISO 8601 UTC)"
    )
    last_alert_id: int = Field(
        default=0, description="id of the latest alert raised by `tocsin watch` (0: none)"
    )


class WatchAlertOut(BaseModel):
    """An alert raised by `tocsin watch`: the dyad, the change measured, its evidence events."""

    id: int
    raised_at: str
    closed_at: str | None = Field(description="when the dyad stopped departing (null: open)")
    record: dict[str, Any]


class WatchAlertsOut(BaseModel):
    last_id: int = Field(description="give it as `after` to ask only for newer alerts")
    alerts: list[WatchAlertOut]


class CountryOutline(BaseModel):
    iso3: str
    name: str
    d: str = Field(description="SVG path in the map's coordinates")


class WorldOut(BaseModel):
    """Country outlines in an equirectangular projection: x = lon + 180, y = top_lat - lat."""

    width: float
    height: float
    top_lat: float
    countries: list[CountryOutline]


class StoryIn(BaseModel):
    """A story to code, with the fields of `tocsin code`'s input."""

    id: str = Field(min_length=1, max_length=500)
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    date: str | None = Field(default=None, description="YYYY-MM-DD (or an ISO timestamp)")
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=500)

    @field_validator("id", "text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value

    @field_validator("id", "text", "title", "url", "source")
    @classmethod
    def _storable(cls, value: str | None) -> str | None:
        if value is not None and ("\x00" in value or SURROGATE_RE.search(value)):
            raise ValueError("contains a NUL character or a lone surrogate, which is not text")
        return value

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        parse_date(value)  # raises ValueError naming the value
        return value

    def story(self) -> Story:
        date = parse_date(self.date) if self.date else None
        return Story(self.id, self.text, date, self.title, self.url, self.source)


class IngestOut(BaseModel):
    """What POST /api/stories did."""

    stories: int = Field(description="new stories stored")
    events: int = Field(description="events of the new stories")
    known: int = Field(description="stories already stored (same id or same text), skipped")
    rejected: list[str] = Field(description="stories that could not be coded, with the reason")
    seconds: float


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)
