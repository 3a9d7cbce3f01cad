"""A watch is polite to the servers it reads: a failing feed is left alone for a back-off that
doubles with each failure, and requests to one host keep to the rate limit."""

from __future__ import annotations

import time
from pathlib import Path

from tocsin.coding.coder import Coder
from tocsin.run.watch import Watcher, WatchSettings
from tocsin.run.watch.feeds import HostLimiter
from tocsin.run.watch.sources import BACKOFF_MAX_S, backoff
from tocsin.store import open_store

from .server import FeedServer, Route
from .stories import add_article, serve_feed


def test_the_back_off_doubles_up_to_six_hours() -> None:
    assert [backoff(n, 60) for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert backoff(40, 60) == BACKOFF_MAX_S == 6 * 3600


def test_a_failing_feed_is_not_asked_again_before_its_back_off_ends(
    server: FeedServer, store_coder: Coder, tmp_path: Path
) -> None:
    server.routes["/down.rss"] = Route(status=500)
    good = serve_feed(server, "/good.rss", [add_article(server, 1)])
    settings = WatchSettings(timeout=2, host_rate=1000, retry_after=3600, settle=0)
    with open_store(tmp_path / "w.sqlite") as store:
        watcher = Watcher(store, store_coder, [server.url("/down.rss"), good], settings)
        first = watcher.run_cycle()
        assert first.failed == (f"{server.url('/down.rss')} (HTTP error 500; retry in 3600 s)",)
        server.routes["/down.rss"] = Route(status=200)
        second = watcher.run_cycle()
        state = store.source_state(server.url("/down.rss"))
    assert (second.backing_off, second.failed, second.unchanged) == (1, (), 1)
    assert server.gets("/down.rss") == 1, "asked again during its back-off"
    assert server.gets("/good.rss") == 2
    assert state.failures == 1 and state.last_error == "HTTP error 500"


def test_requests_to_one_host_keep_to_the_rate() -> None:
    limiter = HostLimiter(rate=20)  # one request every 50 ms
    started = time.monotonic()
    for _ in range(5):
        limiter.wait("http://one.test/feed")
    assert time.monotonic() - started >= 4 * 0.05 - 0.005
