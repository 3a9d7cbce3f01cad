"""Alerts of a watch: raised once when a dyad turns, delivered to a webhook that fails at first,
kept open (not raised again) while the dyad stays alarming, across a restart; served to the
dashboard by /api/summary and /api/watch/alerts."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from tocsin.coding.coder import Coder
from tocsin.run.watch import Retry, Watcher, WatchSettings, open_sink
from tocsin.store import EventFilter, open_store

from .server import FeedServer, Hook
from .stories import add_article, news_text, serve_feed

MEETING = ("France", "met", "Mali")
ATTACK = ("France", "attacked", "Mali")
FAST = WatchSettings(timeout=5.0, host_rate=1000, retry_after=0.001, settle=0.0)


def write_history(folder: Path) -> None:
    """A year of France meeting Mali, month by month, up to May 2021."""
    folder.mkdir()
    lines = []
    for k in range(12):
        day = dt.date(2020, 6, 3) + dt.timedelta(days=30 * k)
        record = {
            "id": f"meeting-{k}",
            "date": day.isoformat(),
            "text": news_text(200 + k, MEETING),
        }
        lines.append(json.dumps(record))
    (folder / "history.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def attacks(server: FeedServer, numbers: range) -> list[tuple[str, str, str, str]]:
    return [add_article(server, n, f"2021-06-{n % 28 + 1:02d}", ATTACK) for n in numbers]


def test_an_alert_is_raised_once_and_reaches_the_webhook_once(
    server: FeedServer, store_coder: Coder, tmp_path: Path, db_url: str
) -> None:
    write_history(tmp_path / "inbox")
    feed = serve_feed(server, "/wire.rss", [])
    hook = server.hooks["/hook"] = Hook(fail=1)  # the receiver is down for the first POST
    retry = Retry(tries=3, first=0.01, timeout=1.0)
    sinks = [
        open_sink(server.url("/hook"), sys.stdout, retry),
        open_sink(str(tmp_path / "alerts.jsonl"), sys.stdout),
    ]
    db = db_url
    sources = [feed, str(tmp_path / "inbox")]
    with open_store(db) as store:
        watcher = Watcher(store, store_coder, sources, FAST, alert_sinks=sinks)
        quiet = watcher.run_cycle()
        assert (quiet.stories, quiet.alerts) == (12, 0)
        serve_feed(server, "/wire.rss", attacks(server, range(1, 4)))
        turned = watcher.run_cycle()
        assert (turned.stories, turned.alerts, turned.delivered) == (3, 1, 2)
        serve_feed(server, "/wire.rss", attacks(server, range(1, 5)))
        still = watcher.run_cycle()
        assert (still.stories, still.alerts) == (1, 0), "an open alert is not raised again"
        attack_ids = {e.id for e in store.events(EventFilter(code=("190",)))}
    with open_store(db) as store:  # a restart recomputes every dyad: still nothing new
        again = Watcher(store, store_coder, sources, FAST, alert_sinks=sinks).run_cycle()
        assert again.alerts == 0
        assert store.undelivered() == 0
    assert len(hook.received) == 1 and hook.keys == ["alert:1"]
    alert = hook.received[0]
    assert alert["dyad"] == {"source": "FRA", "target": "MLI", "level": "country"}
    assert alert["direction"] == "worse"
    change = {c["metric"]: c for c in alert["change"]}
    assert change["goldstein_mean"]["recent"] == -10.0 and change["goldstein_mean"]["z"] < -3
    evidence = {e["event_id"] for e in alert["evidence"]}
    assert evidence and evidence <= attack_ids
    assert alert["evidence"][0]["api"] == f"/api/events/{alert['evidence'][0]['event_id']}"
    written = (tmp_path / "alerts.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line)["id"] for line in written] == [1]


def test_the_dashboard_api_shows_the_last_update_and_new_alerts(
    server: FeedServer, store_coder: Coder, tmp_path: Path
) -> None:
    from tocsin.web import create_app
    from web.conftest import Client  # type: ignore[import-not-found]

    write_history(tmp_path / "inbox")
    feed = serve_feed(server, "/wire.rss", attacks(server, range(1, 5)))
    db = str(tmp_path / "w.sqlite")
    with open_store(db) as store:
        Watcher(store, store_coder, [str(tmp_path / "inbox")], FAST).run_cycle()
    client = Client(create_app(db))
    before = client.get("/api/summary").json()
    assert before["last_update"] and before["last_alert_id"] == 0
    with open_store(db) as store:
        Watcher(store, store_coder, [feed], FAST).run_cycle()
    after = client.get("/api/summary").json()
    assert after["last_alert_id"] == 1 and after["last_update"] >= before["last_update"]
    raised = client.get("/api/watch/alerts", params={"after": 0}).json()
    assert raised["last_id"] == 1
    assert [a["record"]["dyad"]["source"] for a in raised["alerts"]] == ["FRA"]
    assert raised["alerts"][0]["closed_at"] is None
    newer = client.get("/api/watch/alerts", params={"after": 1}).json()
    assert newer == {"last_id": 1, "alerts": []}
