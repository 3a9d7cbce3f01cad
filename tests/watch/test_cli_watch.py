"""`tocsin watch` from the command line: options, the cycle line, the exit status of --once,
SIGTERM as a clean stop, and a kill -9 in the middle of a cycle followed by a restart, which
must leave exactly the store of an uninterrupted run."""

from __future__ import annotations

import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from store.helpers import INGEST_DICT_ARGS, cli_process  # type: ignore[import-not-found]
from tocsin.cli import main
from tocsin.cli.watch import parse_duration
from tocsin.coding.coder import Coder
from tocsin.run.watch import CycleReport, Retry, Watcher, WatchSettings, open_sink
from tocsin.store import open_store

from .server import FeedServer, Hook, Route
from .stories import PAIRS, add_article, serve_feed
from .test_alerts import ATTACK, write_history

FAST_ARGS = ("--timeout", "5s", "--retry-after", "0.001", "--settle", "0.01s")
WATCH = WatchSettings(timeout=5.0, host_rate=1000, retry_after=0.001, settle=0.01)


@pytest.mark.parametrize(
    ("text", "seconds"), [("90", 90.0), ("90s", 90.0), ("15m", 900.0), ("1h30m", 5400.0)]
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


def test_a_bad_duration_names_the_option(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["watch", "http://127.0.0.1:9/x", "--db", str(tmp_path / "w.sqlite"), "--every", "soon"],
    )
    assert result.exit_code == 2
    assert "--every" in result.output and "'soon' is not a duration" in result.output


def test_once_prints_the_cycle_and_fails_when_a_source_failed(
    server: FeedServer, tmp_path: Path, store_coder: Coder
) -> None:
    good = serve_feed(server, "/good.rss", [add_article(server, n) for n in range(2)])
    server.routes["/down.rss"] = Route(status=503)
    db = str(tmp_path / "w.sqlite")
    args = ["watch", good, server.url("/down.rss"), "--db", db, "--once", *FAST_ARGS]
    result = CliRunner().invoke(main, [*args, *INGEST_DICT_ARGS])
    assert result.exit_code == 1
    assert "cycle 1: 2 sources (1 failed" in result.stderr
    assert "2 new stories" in result.stderr
    assert f"{server.url('/down.rss')} (HTTP error 503; retry in 0 s)" in result.stderr
    with open_store(db) as store:
        assert store.source_state(good).etag, "the feed's ETag is kept for the next run"
        assert store.source_state(server.url("/down.rss")).failures == 1


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute("SELECT count(*) FROM stories").fetchone()[0])
    except sqlite3.Error:
        return 0


def _snapshot(db: Path) -> dict[str, object]:
    with open_store(db) as store:
        assert store.check() == []
        assert store.item_counts().get("pending", 0) == 0
        return {
            "stories": store.story_ids(),
            "events": store.event_ids(),
            "items": store.item_counts(),
            "alerts": [
                (a.record["dyad"]["source"], a.record["dyad"]["target"], a.record["direction"])
                for a in store.raised_alerts()
            ],
        }


def _scenario(server: FeedServer, tmp_path: Path) -> list[str]:
    """Three feeds of 14 articles (attacks of France on Mali among them) and a year of history."""
    write_history(tmp_path / "inbox")
    feeds = []
    for f in range(3):
        items = [
            add_article(server, n, f"2021-06-{n % 28 + 1:02d}", ATTACK if n % 3 == 0 else None)
            for n in range(f * 14, f * 14 + 14)
        ]
        feeds.append(serve_feed(server, f"/feed{f}.rss", items))
    assert len(PAIRS) > 1
    return [*feeds, str(tmp_path / "inbox")]


def run_once(db: Path, sources: list[str], coder: Coder, hook: str) -> CycleReport:
    """A cycle as `tocsin watch --once` runs it, in this process (the coder is loaded once)."""
    sink = open_sink(hook, sys.stdout, Retry(tries=2, first=0.01, timeout=1.0))
    with open_store(db) as store:
        return Watcher(store, coder, sources, WATCH, alert_sinks=[sink]).run_cycle()


@pytest.mark.slow
def test_kill_9_during_a_cycle_then_restart_gives_the_store_of_an_uninterrupted_run(
    server: FeedServer, tmp_path: Path, store_coder: Coder
) -> None:
    sources = _scenario(server, tmp_path)
    server.hooks["/clean"] = clean_hook = Hook()
    server.hooks["/killed"] = killed_hook = Hook()

    def command(db: Path, hook: str) -> list[str]:
        return [
            "watch",
            *sources,
            "--db",
            str(db),
            "--once",
            "--host-rate",
            "12",  # about 4 s of page requests: time to be killed in the middle
            "--alerts-to",
            server.url(hook),
            *FAST_ARGS,
            *INGEST_DICT_ARGS,
        ]

    clean_db = tmp_path / "clean.sqlite"
    run_once(clean_db, sources, store_coder, server.url("/clean"))
    want = _snapshot(clean_db)
    stories = want["stories"]
    assert isinstance(stories, list) and len(stories) == 12 + 42
    assert want["alerts"] == [("FRA", "MLI", "worse")]

    killed_db = tmp_path / "killed.sqlite"
    process = cli_process(*command(killed_db, "/killed"))
    deadline = time.monotonic() + 60
    while _count(killed_db) < 12 + 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    killed_at = _count(killed_db)
    assert 12 < killed_at < 12 + 42, "the kill should come in the middle of the cycle"
    resumed = run_once(killed_db, sources, store_coder, server.url("/killed"))
    assert resumed.stories == 12 + 42 - killed_at
    assert _snapshot(killed_db) == want
    assert len(clean_hook.received) == len(killed_hook.received) == 1


@pytest.mark.slow
def test_sigterm_stops_cleanly_and_the_next_run_finishes(
    server: FeedServer, tmp_path: Path, store_coder: Coder
) -> None:
    sources = _scenario(server, tmp_path)
    db = tmp_path / "w.sqlite"
    args = ["watch", *sources, "--db", str(db), "--every", "1h", "--host-rate", "12"]
    process = cli_process(*args, *FAST_ARGS, *INGEST_DICT_ARGS)
    deadline = time.monotonic() + 60
    while _count(db) < 12 + 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=30)
    stopped_at = _count(db)
    assert process.returncode == 0, stderr
    assert "SIGTERM: stopping after the story in hand" in stderr
    assert "stopped before the end" in stderr and "run the same command to resume" in stderr
    with open_store(db) as store:
        assert store.check() == []
    with open_store(db) as store:
        finish = Watcher(store, store_coder, sources, WATCH).run_cycle()
    assert finish.stories == 12 + 42 - stopped_at
    assert _count(db) == 12 + 42
