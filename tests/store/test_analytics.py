"""tocsin.store.analytics on stored events (both backends): periods, dyad time series, the
cooperation/conflict balance, and shift detection with its thresholds."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from tocsin.store import DyadWindows, EventFilter, WindowTotal, open_store
from tocsin.store.analytics import (
    Balance,
    ShiftSettings,
    assess_dyad,
    balance,
    detect_shifts,
    dyad_series,
    next_period,
    period_start,
    total_balance,
)

from .synthetic import Act, days, store_acts

FRA_MLI = EventFilter(source=("FRA",), target=("MLI",))
SERIES_ACTS = [
    Act("2021-06-01", "FRA", "MLI", 4, -10.0),  # a Tuesday
    Act("2021-06-03", "FRAGOV", "MLI", 1, 2.0),
    Act("2021-06-10", "FRA", "MLIMIL", 3, -2.0),
    Act("2021-07-01", "FRA", "MLI", 2, 7.0),
    Act("2021-06-02", "MLI", "FRA", 1, 1.0),  # the other direction: not in FRA -> MLI
]


@pytest.mark.parametrize(
    ("day", "by", "start", "following"),
    [
        ("2021-06-03", "day", "2021-06-03", "2021-06-04"),
        ("2021-06-03", "week", "2021-05-31", "2021-06-07"),
        ("2021-06-06", "week", "2021-05-31", "2021-06-07"),  # Sunday ends the ISO week
        ("2021-06-30", "month", "2021-06-01", "2021-07-01"),
        ("2021-12-31", "month", "2021-12-01", "2022-01-01"),
        ("2024-02-29", "month", "2024-02-01", "2024-03-01"),
    ],
)
def test_periods(day: str, by: str, start: str, following: str) -> None:
    begins = period_start(dt.date.fromisoformat(day), by)  # type: ignore[arg-type]
    assert begins.isoformat() == start
    assert next_period(begins, by).isoformat() == following  # type: ignore[arg-type]


def test_balance_of_events() -> None:
    mixed = Balance((2, 1, 1, 0), 9.0)
    assert (mixed.events, mixed.cooperation, mixed.conflict) == (4, 3, 1)
    assert (mixed.goldstein_mean, mixed.conflict_share, mixed.net) == (2.25, 0.25, 0.5)
    assert mixed.tone == "cooperation"
    assert Balance((0, 0, 1, 2), -20.0).tone == "conflict"
    assert Balance((1, 0, 1, 0), 0.0).tone == "mixed"
    assert Balance().tone == "none" and Balance().goldstein_mean is None
    assert mixed.plus(Balance((0, 0, 0, 1), -10.0)) == Balance((2, 1, 1, 1), -1.0)


def test_weekly_series_of_a_dyad_with_empty_weeks(db_url: str) -> None:
    with open_store(db_url) as store:
        store_acts(store, SERIES_ACTS)
        points = dyad_series(store, FRA_MLI, by="week")
    summary = [(p.period.isoformat(), p.balance.quads, p.balance.goldstein_sum) for p in points]
    assert summary == [
        ("2021-05-31", (1, 0, 0, 1), -8.0),
        ("2021-06-07", (0, 0, 1, 0), -2.0),
        ("2021-06-14", (0, 0, 0, 0), 0.0),
        ("2021-06-21", (0, 0, 0, 0), 0.0),
        ("2021-06-28", (0, 1, 0, 0), 7.0),
    ]
    assert points[0].balance.goldstein_mean == -4.0
    assert points[2].balance.goldstein_mean is None
    assert points[0].end == dt.date(2021, 6, 7)
    whole = total_balance(points)
    assert (whole.events, whole.goldstein_sum, whole.conflict_share) == (4, -3.0, 0.5)


def test_monthly_and_daily_series(db_url: str) -> None:
    with open_store(db_url) as store:
        store_acts(store, SERIES_ACTS)
        months = dyad_series(store, FRA_MLI, by="month")
        daily = dyad_series(store, FRA_MLI, by="day", fill=False)
        framed = EventFilter(source=("FRA",), target=("MLI",), since=dt.date(2021, 5, 20),
                             until=dt.date(2021, 8, 2))  # fmt: skip
        framed_months = dyad_series(store, framed, by="month")
        everything = balance(store)
    assert [(p.period.isoformat(), p.balance.events) for p in months] == [
        ("2021-06-01", 3),
        ("2021-07-01", 1),
    ]
    assert [p.period.isoformat() for p in daily] == [
        "2021-06-01",
        "2021-06-03",
        "2021-06-10",
        "2021-07-01",
    ]
    assert [(p.period.isoformat(), p.balance.events) for p in framed_months] == [
        ("2021-05-01", 0),
        ("2021-06-01", 3),
        ("2021-07-01", 1),
        ("2021-08-01", 0),
    ]
    assert everything.events == 5 and everything.goldstein_sum == -2.0


def test_a_series_of_nothing_is_empty(db_url: str) -> None:
    with open_store(db_url) as store:
        assert dyad_series(store, FRA_MLI) == []
        assert detect_shifts(store).as_of is None


def shift_acts() -> list[Act]:
    """A year of history and a last month (June 2024) that changes for some dyads."""
    acts: list[Act] = []
    history = days("2023-07-01", 20, step=15)  # within the baseline year
    recent = days("2024-06-05", 5, step=5)  # 2024-06-05 .. 2024-06-25
    # RUS -> UKR: cooperation, then attacks
    acts += [Act(d, "RUS", "UKR", 1, 1.0 + 2 * (k % 2)) for k, d in enumerate(history)]
    acts += [Act(d, "RUSMIL", "UKR", 4, -10.0) for d in recent]
    # JPN -> KOR: criticism, then an agreement
    acts += [Act(d, "JPN", "KOR", 3, -2.0) for d in history]
    acts += [Act(d, "JPN", "KOR", 2, 7.0) for d in recent[:4]]
    # DEU -> FRA: the same mix before and after
    acts += [Act(d, "DEU", "FRA", 1 if k % 2 else 3, 1.0 if k % 2 else -2.0)
             for k, d in enumerate(history + days("2023-07-02", 4, step=30))]  # fmt: skip
    acts += [Act(d, "DEU", "FRA", 1 if k % 2 else 3, 1.0 if k % 2 else -2.0)
             for k, d in enumerate(recent[:4])]  # fmt: skip
    # USA -> GBR: a small, well-measured dip (-1), under the size threshold
    acts += [Act(d, "USA", "GBR", 1, 4.0) for d in days("2023-07-01", 60, step=5)]
    acts += [Act(d, "USA", "GBR", 1, 3.0) for d in days("2024-06-01", 30)]
    # CHN -> PHL: a big change but too little history to judge
    acts += [Act(d, "CHN", "PHL", 1, 3.0) for d in history[:5]]
    acts += [Act(d, "CHN", "PHL", 4, -9.5) for d in recent]
    return acts


def test_shift_detection_flags_sharp_departures_only(db_url: str) -> None:
    with open_store(db_url) as store:
        store_acts(store, shift_acts())
        report = detect_shifts(store)
    assert report.as_of == dt.date(2024, 6, 30)  # the latest event
    assert report.recent_start == dt.date(2024, 6, 1)
    assert report.baseline_start == dt.date(2023, 6, 2)
    assert report.dyads_assessed == 4  # CHN -> PHL has 5 events of history, fewer than 10
    flagged = {(a.source, a.target): a for a in report.alerts}
    assert set(flagged) == {("RUS", "UKR"), ("JPN", "KOR")}
    rus = flagged[("RUS", "UKR")]
    assert rus.direction == "worse"
    assert {s.metric for s in rus.signals} == {"goldstein_mean", "conflict_share"}
    goldstein = next(s for s in rus.signals if s.metric == "goldstein_mean")
    assert (goldstein.baseline, goldstein.recent) == (2.0, -10.0)
    assert goldstein.z < -3 and goldstein.worse
    assert (rus.recent.events, rus.baseline.events) == (5, 20)
    assert flagged[("JPN", "KOR")].direction == "better"
    assert report.alerts[0].severity >= report.alerts[1].severity
    assert "RUS -> UKR worse: Goldstein mean -10.0 vs +2.0 before" in rus.describe()


def test_shift_detection_settings(db_url: str) -> None:
    with open_store(db_url) as store:
        store_acts(store, shift_acts())
        lenient = detect_shifts(store, ShiftSettings(min_baseline=5, min_goldstein_change=0.5))
        by_actor = detect_shifts(store, ShiftSettings(level="actor"))
        earlier = detect_shifts(store, as_of=dt.date(2024, 5, 31))
        only_rus = detect_shifts(store, where=EventFilter(actor=("RUS*",)))
    assert {(a.source, a.target) for a in lenient.alerts} == {
        ("RUS", "UKR"),
        ("JPN", "KOR"),
        ("USA", "GBR"),  # a one-point dip counts once the size threshold is lowered
        ("CHN", "PHL"),
    }
    # at the actor level RUSMIL -> UKR has no history of its own, RUS -> UKR no recent events
    assert {(a.source, a.target) for a in by_actor.alerts} == {("JPN", "KOR")}
    assert earlier.alerts == ()  # before June nothing had changed
    assert [(a.source, a.target) for a in only_rus.alerts] == [("RUS", "UKR")]


def test_the_z_scores_follow_the_documented_formulas() -> None:
    # baseline: 10 events, Goldstein sum 20 and squares 50 (mean 2, variance 10/9); 1 in conflict
    # recent: 4 events, sum -12 (mean -3); all 4 in conflict
    baseline = WindowTotal((6, 3, 1, 0), 20.0, 50.0)
    windows = DyadWindows("A", "B", baseline, recent=WindowTotal((0, 0, 1, 3), -12.0, 40.0))
    alert = assess_dyad(windows, ShiftSettings())
    assert alert is not None and alert.direction == "worse"
    goldstein, share = alert.signals
    sd = math.sqrt((50 - 20**2 / 10) / 9)
    assert goldstein.z == pytest.approx(-5 / (max(sd, 1.0) * math.sqrt(1 / 4 + 1 / 10)))
    pooled = (4 + 1 + 1) / (4 + 10 + 2)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / 4 + 1 / 10))
    assert share.z == pytest.approx((1.0 - 0.1) / spread)
    assert alert.severity == pytest.approx(max(abs(goldstein.z), abs(share.z)))
    strict = ShiftSettings(z_threshold=50.0)
    assert assess_dyad(windows, strict) is None
    with pytest.raises(ValueError, match="recent_days"):
        ShiftSettings(recent_days=0)
