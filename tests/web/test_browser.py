"""The dashboard in a real browser: Debian's Chromium driven by Playwright against the app served
by uvicorn on loopback, on a store filled from the demo sample. Each page's screenshot goes to
test-artifacts/."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI

from tocsin.coding.coder import Coder
from tocsin.store import EventFilter, open_store
from tocsin.web import create_app

from .conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed (/usr/bin/chromium); .ci/run installs it",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """The app on 127.0.0.1 in a thread, as `tocsin serve` runs it; its base URL."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(demo_db: Path, coder: Coder) -> Iterator[str]:
    with serving(create_app(str(demo_db), coder=coder)) as url:
        yield url


@pytest.fixture(scope="module")
def shift_server(shift_db: Path, coder: Coder) -> Iterator[str]:
    with serving(create_app(str(shift_db), coder=coder)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records every request and script error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.requests = []
    opened.errors = []
    opened.on("request", lambda request: opened.requests.append(request.url))
    opened.on("pageerror", lambda error: opened.errors.append(str(error)))
    opened.set_default_timeout(15_000)
    yield opened
    assert opened.errors == []
    # offline: nothing but the test servers (and inline data: URLs) was asked for anything
    local = ("http://127.0.0.1:", "data:", "blob:http://127.0.0.1:")  # blob: a download
    assert [u for u in opened.requests if not u.startswith(local)] == []
    context.close()


def shoot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def ready(page: Any, name: str) -> None:
    """Wait until the dashboard shows page `name` for the current address."""
    page.wait_for_function(
        "([name]) => { const v = document.getElementById('view');"
        " return v.dataset.page === name && v.dataset.ready === '1'"
        " && v.dataset.route === location.hash; }",
        arg=[name],
    )


def test_from_a_dyad_to_its_timeline_to_an_event(page: Any, server: str, demo_db: Path) -> None:
    with open_store(demo_db, create=False) as store:
        total = store.count_events()
        first, last = store.date_range()
        dyads = store.top_dyads(limit=15, level="country")
        places = [p for p in store.place_totals() if p.lat is not None]
        fra_mli = list(store.events(EventFilter(source=("FRA",), target=("MLI",))))
        stories = len({e.story_id for e in store.events()})
        updated = str(store.last_update()).replace("T", " ").replace("Z", " UTC")

    page.goto(server + "/")
    ready(page, "overview")
    summary = f"{total} events in {stories} stories · {first} to {last} · updated {updated}"
    assert page.text_content("#summary") == summary
    rows = page.locator("#top-dyads tr.dyad-row")
    assert rows.count() == len(dyads)
    assert rows.first.locator("td").nth(1).text_content() == str(dyads[0].events)
    assert page.locator("#map circle.place").count() == len(places)
    assert page.locator("#map path.land").count() > 150
    assert page.locator("#network g.node").count() >= 10
    page.wait_for_selector("#actor-results li a")
    shoot(page, "overview")

    # the dyad France -> Mali: its timeline
    page.click('#top-dyads tr.dyad-row[data-source="FRA"][data-target="MLI"] a')
    ready(page, "dyad")
    assert page.text_content("#dyad-title") == "FRA → MLI"
    periods = page.locator("#timeline g.period")
    shown = sum(int(periods.nth(k).get_attribute("data-events")) for k in range(periods.count()))
    assert shown == len(fra_mli)
    first_day = min(e.date for e in fra_mli if e.date)
    assert periods.first.get_attribute("data-period") == first_day.replace(day=1).isoformat()
    rows = page.locator("#dyad-events tr.event-row")
    assert rows.count() == min(len(fra_mli), 25)  # the latest page
    shoot(page, "dyad-timeline")

    # week by week, then the event France called off its operations with the Malian army
    page.click("#timeline .switch a:text('week')")
    page.wait_for_function("location.hash.includes('by=week')")
    ready(page, "dyad")
    monday = first_day - dt.timedelta(days=first_day.weekday())
    assert page.locator("#timeline g.period").first.get_attribute("data-period") == str(monday)
    page.locator("#dyad-events tr.event-row", has_text="called off").locator("a").click()
    ready(page, "event")
    marks = page.locator("#sentence mark")
    found = {marks.nth(k).get_attribute("data-role"): marks.nth(k).text_content()
             for k in range(marks.count())}  # fmt: skip
    assert found == {"source": "France", "verb": "called off", "target": "Malian army"}
    assert page.text_content("#sentence") == (
        "France has called off joint military operations with the Malian army after a second "
        "coup in nine months."
    )
    assert "1622" in page.text_content("h1") or "1622" in page.text_content("#facts")
    assert "called off" in page.text_content("#evidence")
    assert page.locator("mark.hl-verb").first.evaluate(
        "m => getComputedStyle(m).backgroundColor"
    ) != page.locator("mark.hl-source").first.evaluate("m => getComputedStyle(m).backgroundColor")
    shoot(page, "event")

    # and back to the dyad from the event
    page.click("#dyad-link")
    ready(page, "dyad")
    assert page.text_content("#dyad-title").startswith("FRA → MLI")


def test_the_events_table_filters(page: Any, server: str, demo_db: Path) -> None:
    with open_store(demo_db, create=False) as store:
        russian = list(store.events(EventFilter(source=("RUS",))))
    page.goto(server + "/#/events")
    ready(page, "events")
    page.fill("form.filters input[name=source]", "RUS")
    page.click("form.filters button[type=submit]")
    page.wait_for_function("location.hash.includes('source=RUS')")
    ready(page, "events")
    rows = page.locator("tr.event-row")
    shown = min(len(russian), 25)  # a page
    assert rows.count() == shown > 0
    sources = [rows.nth(k).locator("td").nth(1).text_content() for k in range(rows.count())]
    assert all(s.startswith("RUS") for s in sources)
    assert page.text_content("#events-count") == f"1–{shown} of {len(russian)} events"
    shoot(page, "events")

    page.fill("form.filters input[name=source]", "r-u")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("#filter-error")
    assert "'source'" in page.text_content("#filter-error")


def test_alerts_and_api_reference_pages(page: Any, server: str) -> None:
    page.goto(server + "/#/alerts")
    ready(page, "alerts")
    alert = page.locator(".alert")  # the sample's Ethiopia-Somalia turn at its end
    assert alert.count() == 1 and alert.locator("a.code").text_content() == "ETH → SOM"
    shoot(page, "alerts")
    page.goto(server + "/docs")
    page.wait_for_selector('#docs[data-ready="1"]')
    headings = page.locator("section.endpoint h2").all_text_contents()
    assert "GET /api/events" in headings and "POST /api/stories" in headings
    page.screenshot(path=str(ARTIFACTS / "docs.png"))


def test_an_alert_leads_to_the_dyad_that_turned(page: Any, shift_server: str) -> None:
    page.goto(shift_server + "/#/alerts")
    ready(page, "alerts")
    alert = page.locator(".alert")
    assert alert.count() == 1
    assert alert.locator("a.code").text_content() == "JPN → KOR"
    assert "turning worse" in alert.text_content()
    assert "Goldstein mean -10.0 vs +3.4 before" in alert.text_content()
    shoot(page, "alerts-shift")
    alert.locator("a.code").click()
    ready(page, "dyad")
    assert page.text_content("#dyad-title") == "JPN → KOR"
    periods = page.locator("#timeline g.period")
    assert periods.count() > 40  # weeks from July 2023 to June 2024, the empty ones too
    counts = [int(periods.nth(k).get_attribute("data-events")) for k in range(periods.count())]
    assert sum(counts) == 16
    assert page.locator("#timeline rect.q4").count() == 4  # the four weeks of attacks
    shoot(page, "alerts-dyad")
