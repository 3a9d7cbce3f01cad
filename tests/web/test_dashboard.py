"""The dashboard's first hour, in Debian's Chromium: legends, a network of real links with its
labels inside the picture, gaps left as gaps, dyad counts that include undated events, sortable
and downloadable event tables, a phone layout, and a "how it was coded" link from every view.
Screenshots of each view go to test-artifacts/ (see docs/web.md)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tocsin.coding.coder import Coder
from tocsin.store import EventFilter, open_store
from tocsin.web import create_app

from .test_browser import ARTIFACTS, CHROMIUM, browser, page, ready, serving, shoot

__all__ = ["browser", "page"]  # fixtures shared with test_browser

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed (/usr/bin/chromium); .ci/run installs it",
)


@pytest.fixture(scope="module")
def demo_server(demo_db: Path, coder: Coder) -> Iterator[str]:
    with serving(create_app(str(demo_db), coder=coder)) as url:
        yield url


@pytest.fixture(scope="module")
def mixed_server(mixed_db: Path, coder: Coder) -> Iterator[str]:
    with serving(create_app(str(mixed_db), coder=coder)) as url:
        yield url


def test_the_overview_explains_its_colours_and_draws_only_real_links(
    page: Any, demo_server: str, demo_db: Path
) -> None:
    page.goto(demo_server + "/")
    ready(page, "overview")
    legend = page.locator("#top-dyads .quad-legend span")
    assert legend.all_text_contents() == [
        "verbal cooperation",
        "material cooperation",
        "verbal conflict",
        "material conflict",
    ]
    for card in ("#map", "#network"):
        scale = page.locator(f"{card} .goldstein-legend")
        assert "−10 conflict" in scale.text_content() and "+10 cooperation" in scale.text_content()
        assert scale.locator(".scale i").count() == 21
    # every node of the network is joined to another one: no self-dyad stands alone
    with open_store(demo_db, create=False) as store:
        dyads = store.top_dyads(limit=40, level="country")
    linked = {side for d in dyads if d.source != d.target for side in (d.source, d.target)}
    nodes = page.locator("#network g.node")
    assert {nodes.nth(k).get_attribute("data-actor") for k in range(nodes.count())} == linked
    ends = page.evaluate(
        "() => [...document.querySelectorAll('#network line.edge')].flatMap(l =>"
        " [[l.getAttribute('x1'), l.getAttribute('y1')],"
        " [l.getAttribute('x2'), l.getAttribute('y2')]])"
        ".map(p => p.join(','))"
    )
    centres = page.evaluate(
        "() => [...document.querySelectorAll('#network g.node circle')]"
        ".map(c => c.getAttribute('cx') + ',' + c.getAttribute('cy'))"
    )
    assert set(centres) <= set(ends)
    # no label runs past the picture's edges
    boxes = page.evaluate(
        "() => { const svg = document.querySelector('#network svg');"
        " const width = svg.viewBox.baseVal.width;"
        " return [...svg.querySelectorAll('g.node text')].map(t => { const b = t.getBBox();"
        " return [t.textContent, b.x, b.x + b.width, width]; }); }"
    )
    assert boxes and all(left >= 0 and right <= width for _, left, right, width in boxes), boxes
    shoot(page, "overview-legends")


def test_a_dyad_counts_its_undated_events_and_leaves_empty_months_empty(
    page: Any, mixed_server: str, mixed_db: Path
) -> None:
    with open_store(mixed_db, create=False) as store:
        events = list(store.events(EventFilter(source=("FRA",), target=("MLI",))))
    undated = [e for e in events if e.date is None]
    assert len(undated) == 2 and len(events) > len(undated)
    page.goto(mixed_server + "/#/dyad/FRA/MLI")
    ready(page, "dyad")
    count = page.locator("#dyad-count").text_content()
    assert count.startswith(str(len(events))) and "2 undated" in count
    periods = page.locator("#timeline g.period")
    counts = [int(periods.nth(k).get_attribute("data-events")) for k in range(periods.count())]
    assert sum(counts) == len(events) - len(undated)
    assert counts[:6] == [1, 1, 0, 0, 1, 2]  # January to June 2021: March and April empty
    # the Goldstein line stops before the empty months and starts again after them
    lines = page.locator("#timeline polyline.gline")
    assert lines.count() == 2
    assert [len(lines.nth(k).get_attribute("points").split()) for k in range(2)] == [2, 2]
    shoot(page, "dyad-gaps")


def test_the_events_table_sorts_by_a_column(page: Any, demo_server: str, demo_db: Path) -> None:
    page.goto(demo_server + "/#/events?source=RUS")
    ready(page, "events")
    page.click("th[data-sort=goldstein] button.sort")
    page.wait_for_function("location.hash.includes('order=goldstein')")
    ready(page, "events")

    def column(k: int) -> list[str]:
        cells = page.locator(f"tr.event-row td:nth-child({k})")
        return [cells.nth(i).text_content() for i in range(cells.count())]

    scores = [float(v) for v in column(6)]
    with open_store(demo_db, create=False) as store:
        lowest = sorted(e.goldstein for e in store.events(EventFilter(source=("RUS",))))
    assert scores == lowest[: len(scores)] and len(scores) == 25
    assert page.get_attribute("th[data-sort=goldstein]", "aria-sort") == "ascending"
    page.click("th[data-sort=goldstein] button.sort")
    page.wait_for_function("location.hash.includes('order=-goldstein')")
    ready(page, "events")
    assert [float(v) for v in column(6)] == sorted(lowest, reverse=True)[:25]
    page.click("th[data-sort=source] button.sort")
    page.wait_for_function("location.hash.includes('order=source')")
    ready(page, "events")
    sources = column(2)
    assert sources == sorted(sources) and all(s.startswith("RUS") for s in sources)
    page.click("button:text('older →')")  # the next page keeps the filter and the order
    page.wait_for_function("location.hash.includes('offset=25')")
    assert "order=source" in page.evaluate("location.hash") and "source=RUS" in page.evaluate(
        "location.hash"
    )
    shoot(page, "events-sorted")


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_the_filtered_events_download(
    page: Any, demo_server: str, demo_db: Path, tmp_path: Path, fmt: str
) -> None:
    with open_store(demo_db, create=False) as store:
        expected = [e.id for e in store.events(EventFilter(source=("ETH",), target=("SOM",)))]
    page.goto(demo_server + "/#/events?source=ETH&target=SOM")
    ready(page, "events")
    with page.expect_download() as waiting:
        page.click(f".downloads button[data-format={fmt}]")
    saved = tmp_path / f"events.{fmt}"
    waiting.value.save_as(saved)
    assert waiting.value.suggested_filename == f"tocsin-events.{fmt}"
    if fmt == "csv":
        frame = pd.read_csv(saved, dtype={"code": str})
        rows = list(csv.DictReader(io.StringIO(saved.read_text("utf-8"))))
        assert [r["id"] for r in rows] == expected
    else:
        frame = pd.read_parquet(saved)
    assert sorted(frame["id"]) == sorted(expected) and len(expected) > 10  # all, not a page
    assert (frame["source"].str[:3] == "ETH").all()
    assert frame["code"].str.fullmatch(r"\d{3,4}").all()  # "0311" stays a string


def test_every_view_links_to_how_it_was_coded(page: Any, demo_server: str) -> None:
    page.goto(demo_server + "/#/events?source=ETH&target=SOM")
    ready(page, "events")
    event_route = page.locator("tr.event-row a").first.get_attribute("href")
    for route, name in [
        ("#/", "overview"),
        ("#/dyad/ETH/SOM", "dyad"),
        ("#/events", "events"),
        (event_route, "event"),
        ("#/alerts", "alerts"),
    ]:
        page.goto(demo_server + "/" + route)
        ready(page, name)
        assert page.locator("#view a.how-link").count() == 1, name
        assert page.locator("header a.how-link").count() == 1, name
    page.click("#view a.how-link")
    ready(page, "about")
    text = page.text_content("#about")
    for words in ("Goldstein", "never invented", "dictionar", "--count-by dyad"):
        assert words in text
    assert page.locator("#about .quad-legend span").count() == 4
    shoot(page, "about")


@pytest.mark.parametrize(
    ("route", "name", "shot"),
    [
        ("#/", "overview", "phone-overview"),
        ("#/events", "events", "phone-events"),
        ("#/dyad/RUS/UKR", "dyad", "phone-dyad"),
    ],
)
def test_a_phone_shows_every_view_without_sideways_scrolling(
    browser: Any, demo_server: str, route: str, name: str, shot: str
) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    phone = context.new_page()
    errors: list[str] = []
    phone.on("pageerror", lambda error: errors.append(str(error)))
    phone.goto(demo_server + "/" + route)
    ready(phone, name)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{name} is {width}px wide on a 390px phone"
    header = phone.evaluate("document.querySelector('header.top').scrollWidth")
    assert header <= 390
    if name != "overview":  # a wide table scrolls inside its card, not the page
        assert phone.locator(".scroll table").count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / f"{shot}.png"), full_page=True)
    assert errors == []
    context.close()


def test_actor_labels_are_never_pronouns(page: Any, mixed_server: str, mixed_db: Path) -> None:
    with open_store(mixed_db, create=False) as store:
        found = {name for actor in store.actors() for name in actor.names}
        words = {e.record["source_text"] for e in store.events()}
    assert {"He", "They"} <= words  # the coder resolved the pronouns to actors ...
    assert not found & {"He", "They"}  # ... and stored the names they stand for
    assert {"Israel's prime minister", "Kenyan police"} <= found
    page.goto(mixed_server + "/")
    ready(page, "overview")
    page.wait_for_selector("#actor-results li a")
    names = page.locator("#actor-results li span:not(.muted)").all_text_contents()
    shown = {n.strip() for text in names for n in text.split(",")}
    assert shown and not shown & {"He", "They"}  # ... but the dashboard names them properly
