"""Analytics on stored events: dyad time series, the cooperation/conflict balance, and shift
detection (a dyad whose recent Goldstein mean or conflict share departs sharply from its own
history). Used by the HTTP API and the CLI alike; the method and thresholds are in
docs/analytics.md.

>>> from tocsin.store import EventFilter, open_store                     # doctest: +SKIP
>>> with open_store("events.sqlite") as store:                          # doctest: +SKIP
...     points = dyad_series(store, EventFilter(source=("FRA",), target=("MLI",)), by="week")
...     report = detect_shifts(store)
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from tocsin.store import DyadLevel, DyadWindows, EventFilter, Store, WindowTotal

Period = Literal["day", "week", "month"]
PERIODS: tuple[Period, ...] = ("day", "week", "month")
QUAD_NAMES = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
# A balance whose net score (cooperation minus conflict, over all events) is at least this far from
# zero is called cooperative or conflictual; nearer to zero it is mixed.
TONE_MARGIN = 0.25


def period_start(day: dt.date, by: Period) -> dt.date:
    """The first day of the period holding `day`: itself, the Monday of its ISO week, or the first
    of its month."""
    if by == "day":
        return day
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def next_period(start: dt.date, by: Period) -> dt.date:
    """The first day of the period after the one starting at `start`."""
    if by == "day":
        return start + dt.timedelta(days=1)
    if by == "week":
        return start + dt.timedelta(days=7)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


@dataclass(frozen=True, slots=True)
class Balance:
    """Events by GDELT quad class and their Goldstein sum: the cooperation/conflict balance of a
    dyad, a period or any set of events."""

    quads: tuple[int, int, int, int] = (0, 0, 0, 0)  # quad class 1, 2, 3, 4
    goldstein_sum: float = 0.0

    @property
    def events(self) -> int:
        return sum(self.quads)

    @property
    def cooperation(self) -> int:
        """Verbal and material cooperation (quad classes 1 and 2)."""
        return self.quads[0] + self.quads[1]

    @property
    def conflict(self) -> int:
        """Verbal and material conflict (quad classes 3 and 4)."""
        return self.quads[2] + self.quads[3]

    @property
    def goldstein_mean(self) -> float | None:
        return self.goldstein_sum / self.events if self.events else None

    @property
    def conflict_share(self) -> float | None:
        return self.conflict / self.events if self.events else None

    @property
    def net(self) -> float | None:
        """(cooperation - conflict) / events, from -1 (all conflict) to +1 (all cooperation)."""
        return (self.cooperation - self.conflict) / self.events if self.events else None

    @property
    def tone(self) -> str:
        """`cooperation`, `conflict`, `mixed`, or `none` when there are no events."""
        net = self.net
        if net is None:
            return "none"
        if net >= TONE_MARGIN:
            return "cooperation"
        if net <= -TONE_MARGIN:
            return "conflict"
        return "mixed"

    def plus(self, other: Balance) -> Balance:
        a, b = self.quads, other.quads
        return Balance(
            (a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]),
            self.goldstein_sum + other.goldstein_sum,
        )


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One period of a time series: it starts on `period` and ends the day before `end`."""

    period: dt.date
    end: dt.date
    balance: Balance


def series(
    store: Store,
    where: EventFilter | None = None,
    by: Period = "week",
    fill: bool = True,
) -> list[SeriesPoint]:
    """Counts by quad class and Goldstein sum and mean per day, week or month of the events the
    filter matches (a dyad: `EventFilter(source=("FRA",), target=("MLI",))`). With `fill`, the
    periods without events between the first and last (or between the filter's `since` and
    `until`) are included with zero events. Undated events are left out."""
    if by not in PERIODS:
        raise ValueError(f"period {by!r}: give one of {', '.join(PERIODS)}")
    totals: dict[dt.date, Balance] = {}
    for day in store.daily_totals(where):
        start = period_start(day.date, by)
        quads = [0, 0, 0, 0]
        quads[day.quad_class - 1] = day.events
        one = Balance((quads[0], quads[1], quads[2], quads[3]), day.goldstein_sum)
        totals[start] = totals.get(start, Balance()).plus(one)
    if not fill:
        return [SeriesPoint(p, next_period(p, by), b) for p, b in sorted(totals.items())]
    first = (
        where.since if where is not None and where.since is not None else min(totals, default=None)
    )
    last = (
        where.until if where is not None and where.until is not None else max(totals, default=None)
    )
    if first is None or last is None:
        return []
    points = []
    current = period_start(first, by)
    while current <= last:
        following = next_period(current, by)
        points.append(SeriesPoint(current, following, totals.get(current, Balance())))
        current = following
    return points


def dyad_series(
    store: Store, where: EventFilter, by: Period = "week", fill: bool = True
) -> list[SeriesPoint]:
    """The time series of a dyad: `where` names its source and target (and maybe dates, codes)."""
    return series(store, where, by, fill)


def total_balance(points: Iterable[SeriesPoint]) -> Balance:
    """The balance of all the points of a series."""
    result = Balance()
    for point in points:
        result = result.plus(point.balance)
    return result


def balance(store: Store, where: EventFilter | None = None) -> Balance:
    """The cooperation/conflict balance of the dated events the filter matches."""
    return total_balance(series(store, where, "day", fill=False))


# --- shift detection ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ShiftSettings:
    """Windows and thresholds of shift detection (see docs/analytics.md)."""

    recent_days: int = 30  # the recent window ends on the reference date
    baseline_days: int = 365  # the history it is compared with: the days just before it
    min_recent: int = 3  # events the dyad needs in the recent window ...
    min_baseline: int = 10  # ... and in the baseline, to be assessed
    z_threshold: float = 3.0  # |z| at least this ...
    min_goldstein_change: float = 2.0  # ... and the Goldstein mean moved at least this far
    min_share_change: float = 0.25  # ... or the conflict share moved at least this far
    goldstein_sd_floor: float = 1.0  # a steady history still has this much spread
    level: DyadLevel = "country"  # dyads of countries, or of full actor codes

    def __post_init__(self) -> None:
        for name in ("recent_days", "baseline_days", "min_recent", "min_baseline"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        for name in ("z_threshold", "min_goldstein_change", "min_share_change"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.goldstein_sd_floor <= 0:
            raise ValueError("goldstein_sd_floor must be positive")


Metric = Literal["goldstein_mean", "conflict_share"]


@dataclass(frozen=True, slots=True)
class Signal:
    """One metric of a dyad that moved: its value in the baseline and recently, and the z score
    of the change."""

    metric: Metric
    baseline: float
    recent: float
    z: float

    @property
    def change(self) -> float:
        return self.recent - self.baseline

    @property
    def worse(self) -> bool:
        """Lower Goldstein values, or more conflict, are a turn for the worse."""
        return self.change < 0 if self.metric == "goldstein_mean" else self.change > 0

    def describe(self) -> str:
        if self.metric == "goldstein_mean":
            return (
                f"Goldstein mean {self.recent:+.1f} vs {self.baseline:+.1f} before "
                f"(z {self.z:+.1f})"
            )
        return f"conflict share {self.recent:.0%} vs {self.baseline:.0%} before (z {self.z:+.1f})"


@dataclass(frozen=True, slots=True)
class Alert:
    """A dyad whose recent events depart sharply from its own history."""

    source: str
    target: str
    direction: Literal["worse", "better"]
    severity: float  # the largest |z| of its signals
    signals: tuple[Signal, ...]
    recent: Balance
    baseline: Balance

    def describe(self) -> str:
        return f"{self.source} -> {self.target} {self.direction}: " + "; ".join(
            s.describe() for s in self.signals
        )


@dataclass(frozen=True, slots=True)
class ShiftReport:
    """The alerts of one run of shift detection, with the windows it compared."""

    as_of: dt.date | None  # the reference date: the recent window ends on it
    recent_start: dt.date | None
    baseline_start: dt.date | None
    settings: ShiftSettings
    dyads_assessed: int
    alerts: tuple[Alert, ...] = field(default=())


def detect_shifts(
    store: Store,
    settings: ShiftSettings | None = None,
    as_of: dt.date | None = None,
    where: EventFilter | None = None,
) -> ShiftReport:
    """Dyads whose Goldstein mean or conflict share in the last `recent_days` days (up to `as_of`,
    by default the latest event date) departs sharply from the `baseline_days` before; the most
    severe first."""
    settings = settings or ShiftSettings()
    if as_of is None:
        as_of = store.date_range(where)[1]
    if as_of is None:
        return ShiftReport(None, None, None, settings, 0)
    recent_start = as_of - dt.timedelta(days=settings.recent_days - 1)
    baseline_start = recent_start - dt.timedelta(days=settings.baseline_days)
    windows = store.dyad_windows(baseline_start, recent_start, as_of, where, settings.level)
    assessed = [
        w
        for w in windows
        if w.recent.events >= settings.min_recent and w.baseline.events >= settings.min_baseline
    ]
    alerts = [a for w in assessed if (a := assess_dyad(w, settings)) is not None]
    alerts.sort(key=lambda a: (-a.severity, a.source, a.target))
    return ShiftReport(as_of, recent_start, baseline_start, settings, len(assessed), tuple(alerts))


def assess_dyad(windows: DyadWindows, settings: ShiftSettings) -> Alert | None:
    """The dyad's alert, or None when neither metric moved past both of its thresholds."""
    recent, base = windows.recent, windows.baseline
    if recent.events < settings.min_recent or base.events < settings.min_baseline:
        return None
    signals = [
        s
        for s in (goldstein_signal(recent, base, settings), share_signal(recent, base, settings))
        if s is not None
    ]
    if not signals:
        return None
    strongest = max(signals, key=lambda s: abs(s.z))
    return Alert(
        windows.source,
        windows.target,
        "worse" if strongest.worse else "better",
        abs(strongest.z),
        tuple(signals),
        _balance(recent),
        _balance(base),
    )


def goldstein_signal(
    recent: WindowTotal, base: WindowTotal, settings: ShiftSettings
) -> Signal | None:
    """The recent Goldstein mean against the baseline's: z = difference / (baseline standard
    deviation, floored, x sqrt(1/n_recent + 1/n_baseline))."""
    mean_r = recent.goldstein_sum / recent.events
    mean_b = base.goldstein_sum / base.events
    sd = max(_sd(base), settings.goldstein_sd_floor)
    z = (mean_r - mean_b) / (sd * math.sqrt(1 / recent.events + 1 / base.events))
    if abs(z) < settings.z_threshold or abs(mean_r - mean_b) < settings.min_goldstein_change:
        return None
    return Signal("goldstein_mean", mean_b, mean_r, z)


def share_signal(recent: WindowTotal, base: WindowTotal, settings: ShiftSettings) -> Signal | None:
    """The recent conflict share against the baseline's: a two-proportion z test on the pooled
    share, smoothed (one conflict and one cooperation event added) so that a history of only
    cooperation or only conflict still has a spread."""
    share_r = recent.conflict / recent.events
    share_b = base.conflict / base.events
    pooled = (recent.conflict + base.conflict + 1) / (recent.events + base.events + 2)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / recent.events + 1 / base.events))
    z = (share_r - share_b) / spread
    if abs(z) < settings.z_threshold or abs(share_r - share_b) < settings.min_share_change:
        return None
    return Signal("conflict_share", share_b, share_r, z)


def _sd(window: WindowTotal) -> float:
    n = window.events
    if n < 2:
        return 0.0
    variance = (window.goldstein_squares - window.goldstein_sum**2 / n) / (n - 1)
    return math.sqrt(max(variance, 0.0))


def _balance(window: WindowTotal) -> Balance:
    return Balance(window.quads, window.goldstein_sum)


def series_rows(points: Sequence[SeriesPoint]) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The header and rows of a series as text, for tables and CSV."""
    header = (
        "period",
        "events",
        "verbal_coop",
        "material_coop",
        "verbal_conflict",
        "material_conflict",
        "goldstein_sum",
        "goldstein_mean",
        "conflict_share",
    )
    rows = []
    for point in points:
        b = point.balance
        rows.append(
            (
                point.period.isoformat(),
                str(b.events),
                *(str(q) for q in b.quads),
                f"{b.goldstein_sum:.1f}",
                "" if b.goldstein_mean is None else f"{b.goldstein_mean:.2f}",
                "" if b.conflict_share is None else f"{b.conflict_share:.2f}",
            )
        )
    return header, rows
