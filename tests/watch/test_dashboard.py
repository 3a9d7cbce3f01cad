"""The dashboard of `tocsin serve` while a watch writes to its store: the header shows when the
store was last updated and names new alerts, without a reload (headless Chromium)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tocsin.coding.coder import Coder
from tocsin.run.watch import Watcher
from tocsin.store import open_store
from tocsin.web import create_app
from web.test_browser import (  # type: ignore[import-not-found]  # noqa: F401 - the skip
    pytestmark,
    ready,
    serving,
)

from .server import FeedServer
from .stories import serve_feed
from .test_alerts import FAST, attacks, write_history


def test_new_alerts_appear_without_a_reload(
    page: Any, server: FeedServer, store_coder: Coder, tmp_path: Path
) -> None:
    write_history(tmp_path / "inbox")
    db = str(tmp_path / "w.sqlite")
    with open_store(db) as store:
        Watcher(store, store_coder, [str(tmp_path / "inbox")], FAST).run_cycle()
    page.add_init_script("window.tocsinPollMs = 200")
    with serving(create_app(db)) as url:
        page.goto(url + "/#/alerts")
        ready(page, "alerts")
        page.wait_for_selector("#no-alerts")
        assert "· updated " in (page.text_content("#summary") or "")
        assert page.locator("#new-alerts").count() == 0
        feed = serve_feed(server, "/wire.rss", attacks(server, range(1, 5)))
        with open_store(db) as store:
            report = Watcher(store, store_coder, [feed], FAST).run_cycle()
        assert report.alerts == 1
        page.wait_for_selector("#new-alerts")
        assert page.text_content("#new-alerts") == "1 new alert: FRA → MLI worse"
        page.wait_for_selector(".alert.worse")  # the alerts page redrew itself
        assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert page.errors == []
