"""The store's aggregate reads (tocsin.store.stats) and event paging, on both backends."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from tocsin.store import EventFilter, open_store

from .synthetic import Act, days, store_acts

BAMAKO = ("Bamako", "MLI", 12.65, -7.99)
PARIS = ("Paris", "FRA", 48.85, 2.35)

ACTS = [
    Act("2021-06-01", "FRA", "MLI", 4, -5.0, place=BAMAKO, source_text="France"),
    Act("2021-06-01", "FRAGOV", "MLIMIL", 3, -2.0, place=BAMAKO, source_text="Emmanuel Macron"),
    Act("2021-06-03", "FRA", "MLI", 1, 1.0, place=PARIS),
    Act("2021-06-10", "MLI", "FRA", 2, 7.0),
    Act("2021-07-01", "IGOWAFWAS", "MLI", 4, -4.0, place=BAMAKO, source_text="ECOWAS"),
    Act("2021-07-02", "RUS", "", 1, 0.0),
]


def test_daily_totals_and_date_range(db_url: str) -> None:
    with open_store(db_url) as store:
        assert store.date_range() == (None, None)
        store_acts(store, ACTS)
        totals = [(t.date.isoformat(), t.quad_class, t.events, t.goldstein_sum)
                  for t in store.daily_totals(EventFilter(source=("FRA",)))]  # fmt: skip
        assert totals == [
            ("2021-06-01", 3, 1, -2.0),
            ("2021-06-01", 4, 1, -5.0),
            ("2021-06-03", 1, 1, 1.0),
        ]
        assert store.date_range() == (dt.date(2021, 6, 1), dt.date(2021, 7, 2))
        assert store.date_range(EventFilter(target=("FRA",))) == (
            dt.date(2021, 6, 10),
            dt.date(2021, 6, 10),
        )


def test_top_dyads_by_actor_and_by_country(db_url: str) -> None:
    with open_store(db_url) as store:
        store_acts(store, ACTS)
        by_actor = {(d.source, d.target): (d.events, d.goldstein_sum, d.quads)
                    for d in store.top_dyads(level="actor")}  # fmt: skip
        assert by_actor == {
            ("FRA", "MLI"): (2, -4.0, (1, 0, 0, 1)),
            ("FRAGOV", "MLIMIL"): (1, -2.0, (0, 0, 1, 0)),
            ("MLI", "FRA"): (1, 7.0, (0, 1, 0, 0)),
            ("IGOWAFWAS", "MLI"): (1, -4.0, (0, 0, 0, 1)),
        }  # the event without a target has no dyad
        by_country = store.top_dyads(level="country", limit=2)
        assert [(d.source, d.target, d.events) for d in by_country] == [
            ("FRA", "MLI", 3),
            ("IGOWAFWAS", "MLI", 1),  # ties in code order; international actors keep their code
        ]
        assert by_country[0].quads == (1, 0, 1, 1)
        since = store.top_dyads(EventFilter(since=dt.date(2021, 6, 5)), level="country")
        assert {(d.source, d.target) for d in since} == {("MLI", "FRA"), ("IGOWAFWAS", "MLI")}


def test_top_actors_and_search(db_url: str) -> None:
    with open_store(db_url) as store:
        store_acts(store, ACTS)
        top = store.top_actors(limit=3)
        assert [(a.code, a.events, a.as_source, a.as_target) for a in top] == [
            ("MLI", 4, 1, 3),
            ("FRA", 3, 2, 1),
            ("FRAGOV", 1, 1, 0),
        ]
        assert top[1].names == ("Fra", "France")
        assert [a.code for a in store.search_actors("macron")] == ["FRAGOV"]
        assert [a.code for a in store.search_actors("fra")] == ["FRA", "FRAGOV"]
        assert [a.code for a in store.search_actors("ecowas")] == ["IGOWAFWAS"]
        # LIKE wildcards in the words are literal; quotes are only words
        assert store.search_actors("_") == []
        assert store.search_actors("%") == []
        assert store.search_actors("' OR 1=1 --") == []
        assert store.search_actors("   ") == []


def test_place_totals(db_url: str) -> None:
    with open_store(db_url) as store:
        store_acts(store, ACTS)
        places = store.place_totals()
        assert [(p.name, p.country, p.events, p.goldstein_sum, p.conflict) for p in places] == [
            ("Bamako", "MLI", 3, -11.0, 3),
            ("Paris", "FRA", 1, 1.0, 0),
        ]
        assert places[0].lat == 12.65 and places[0].lon == -7.99
        assert [p.name for p in store.place_totals(EventFilter(source=("IGO*",)))] == ["Bamako"]


def test_dyad_windows_split_each_dyad_at_a_date(db_url: str) -> None:
    with open_store(db_url) as store:
        store_acts(store, ACTS)
        windows = store.dyad_windows(
            dt.date(2021, 6, 1), dt.date(2021, 6, 3), dt.date(2021, 6, 30), level="country"
        )
        found = {(w.source, w.target): w for w in windows}
        assert set(found) == {("FRA", "MLI"), ("MLI", "FRA")}  # ECOWAS acted in July
        fra_mli = found[("FRA", "MLI")]
        assert fra_mli.baseline.quads == (0, 0, 1, 1)
        assert (fra_mli.baseline.goldstein_sum, fra_mli.baseline.goldstein_squares) == (-7.0, 29.0)
        assert fra_mli.recent.quads == (1, 0, 0, 0) and fra_mli.recent.conflict == 0
        assert found[("MLI", "FRA")].baseline.events == 0


def test_one_event_and_pages_of_events(db_url: str) -> None:
    acts = [Act(day, "FRA", "MLI", 1, 1.0) for day in days("2021-01-01", 12, step=3)]
    with open_store(db_url) as store:
        store_acts(store, acts)
        oldest_first = [e.id for e in store.events()]
        newest_first = [e.id for e in store.events(newest_first=True)]
        assert newest_first == oldest_first[::-1]
        assert [e.id for e in store.events(limit=5, offset=5)] == oldest_first[5:10]
        assert [e.id for e in store.events(offset=10)] == oldest_first[10:]
        assert [e.id for e in store.events(limit=4, offset=8, newest_first=True)] == (
            newest_first[8:12]
        )
        one = store.event(oldest_first[3])
        assert one is not None and one.date == dt.date(2021, 1, 10)
        assert one.record["source"] == "FRA" and one.story_date == dt.date(2021, 1, 10)
        assert store.event("no-such-event") is None
        assert store.count_events_upto(None, 5) == 6  # "more than 5"
        assert store.count_events_upto(None, 100) == 12
        assert store.count_events_upto(EventFilter(since=dt.date(2021, 1, 30)), 100) == 2


def test_a_sqlite_store_that_was_written_keeps_planner_statistics(tmp_path: Path) -> None:
    db = tmp_path / "events.sqlite"
    with open_store(db) as store:
        store_acts(store, ACTS)
    with sqlite3.connect(db) as conn:
        analysed = {row[0] for row in conn.execute("SELECT idx FROM sqlite_stat1")}
    assert {"events_dyad", "events_date", "events_target"} <= analysed
