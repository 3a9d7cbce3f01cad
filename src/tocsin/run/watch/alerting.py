"""The alerts of `tocsin watch`: after each cycle, shift detection (`tocsin.analytics`) is run
again for the dyads whose events changed, and an alert is *raised* when a dyad starts to depart
from its own history (or turns the other way), and *closed* when it no longer does. A raised
alert is stored with its record (the dyad, the change measured, links to its evidence events) and
queued for the alert sinks in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tocsin.records import Event, country_of
from tocsin.store import EventFilter, RaisedAlert, Store
from tocsin.store.analytics import Alert, ShiftReport, ShiftSettings, detect_shifts

EVIDENCE_EVENTS = 10  # evidence events linked from an alert: the most extreme of the recent window

Dyad = tuple[str, str]


def dyad_of(event: Event, settings: ShiftSettings) -> Dyad | None:
    """The dyad an event counts for at the settings' level (None without a target)."""
    if not event.target:
        return None
    if settings.level == "actor":
        return event.source, event.target
    return country_of(event.source) or event.source, country_of(event.target) or event.target


@dataclass(frozen=True, slots=True)
class AlertRound:
    """What one recomputation did: alerts raised (new), closed, and the dyads assessed."""

    raised: tuple[RaisedAlert, ...]
    closed: int
    dyads: int  # dyads recomputed (all when `full`)
    full: bool


def update_alerts(
    store: Store,
    settings: ShiftSettings,
    changed: Iterable[Dyad] | None,
    sinks: Sequence[str],
    link_base: str | None = None,
) -> AlertRound:
    """Recompute the alerts of the `changed` dyads (of every dyad when None), raise the new ones
    (queued for `sinks`) and close those that no longer hold."""
    scope = None if changed is None else set(changed)
    if scope is not None and not scope:
        return AlertRound((), 0, 0, False)
    where = None
    if scope is not None:
        where = EventFilter(
            source=tuple(sorted({s for s, _ in scope})), target=tuple(sorted({t for _, t in scope}))
        )
    as_of = store.date_range()[1]  # the same reference date as `tocsin alerts` and the API
    report = detect_shifts(store, settings, as_of, where)
    current = {(a.source, a.target): a for a in report.alerts}
    if scope is not None:
        current = {dyad: a for dyad, a in current.items() if dyad in scope}
    closing = []
    still_open = {}
    for opened in store.open_alerts(settings.level):
        dyad = (opened.source, opened.target)
        if scope is not None and dyad not in scope:
            continue
        now = current.get(dyad)
        if now is None or now.direction != opened.direction:
            closing.append(opened.id)
        else:
            still_open[dyad] = opened
    store.close_alerts(closing)
    raised = []
    for dyad, shift in sorted(current.items()):
        if dyad in still_open:
            continue
        record = alert_record(store, report, shift, link_base)
        stored = store.raise_alert(
            settings.level, *dyad, shift.direction, shift.severity, record, sinks
        )
        if stored is not None:
            raised.append(stored)
    dyads = report.dyads_assessed if scope is None else len(scope)
    return AlertRound(tuple(raised), len(closing), dyads, scope is None)


def alert_record(
    store: Store, report: ShiftReport, alert: Alert, link_base: str | None = None
) -> dict[str, Any]:
    """An alert as its sinks receive it: the dyad, the change measured and its evidence events
    (with links to the event pages of `tocsin serve` when `link_base` is given)."""
    settings = report.settings
    evidence = evidence_events(store, report, alert)
    base = (link_base or "").rstrip("/")
    return {
        "type": "alert",
        "dyad": {"source": alert.source, "target": alert.target, "level": settings.level},
        "direction": alert.direction,
        "severity": round(alert.severity, 3),
        "summary": alert.describe(),
        "as_of": _iso(report.as_of),
        "recent_window": [_iso(report.recent_start), _iso(report.as_of)],
        "baseline_window": [
            _iso(report.baseline_start),
            _iso(report.recent_start - dt.timedelta(days=1) if report.recent_start else None),
        ],
        "change": [
            {
                "metric": s.metric,
                "baseline": round(s.baseline, 4),
                "recent": round(s.recent, 4),
                "change": round(s.change, 4),
                "z": round(s.z, 3),
            }
            for s in alert.signals
        ],
        "recent_events": alert.recent.events,
        "baseline_events": alert.baseline.events,
        "evidence": [
            {
                **event,
                "api": f"{base}/api/events/{event['event_id']}",
                "page": f"{base}/#/event/{event['event_id']}",
            }
            for event in evidence
        ],
    }


def evidence_events(store: Store, report: ShiftReport, alert: Alert) -> list[dict[str, Any]]:
    """The dyad's events of the recent window that moved it most (the lowest Goldstein values
    for a turn for the worse, the highest for one for the better)."""
    if report.recent_start is None or report.as_of is None:
        return []
    where = EventFilter(
        source=(alert.source,),
        target=(alert.target,),
        since=report.recent_start,
        until=report.as_of,
    )
    found = list(store.events(where))  # a country matches its actors: FRA is FRAGOV, FRAMIL ...
    found.sort(key=lambda e: (e.goldstein if alert.direction == "worse" else -e.goldstein, e.id))
    return [
        {
            "event_id": e.id,
            "date": _iso(e.date),
            "source": e.source,
            "target": e.target,
            "code": e.code,
            "goldstein": e.goldstein,
            "sentence": str(e.record.get("sentence", "")),
            "story_id": e.story_id,
            "url": e.story_url,
        }
        for e in found[:EVIDENCE_EVENTS]
    ]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
