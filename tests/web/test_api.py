"""The JSON API through an ASGI client: what each endpoint answers on the demo store, bad
parameters (422 naming them), the token rule (401), size limits, static files and CORS."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from tocsin.coding.coder import Coder
from tocsin.records import country_of
from tocsin.store import EventFilter, StoredEvent, open_store
from tocsin.web import create_app

from .conftest import TOKEN, Client


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


STATIC = Path(__file__).resolve().parents[2] / "src" / "tocsin" / "web" / "static"
CALLED_OFF = "France has called off joint military operations with the Malian army"


def stored(db: Path, where: EventFilter | None = None) -> list[StoredEvent]:
    with open_store(db, create=False) as store:
        return list(store.events(where))


def test_summary_counts_the_store(demo_api: Client, demo_db: Path) -> None:
    events = stored(demo_db)
    body = demo_api.get("/api/summary").json()
    assert (body["events"], body["stories"]) == (len(events), len({e.story_id for e in events}))
    dates = sorted(e.date.isoformat() for e in events if e.date)
    assert (body["first_date"], body["last_date"]) == (dates[0], dates[-1])
    assert body["writable"] is True


def test_events_pages_newest_first(demo_api: Client, demo_db: Path) -> None:
    with open_store(demo_db, create=False) as store:
        expected = [e.id for e in store.events(newest_first=True)]
    first = demo_api.get("/api/events", params={"limit": 10}).json()
    second = demo_api.get("/api/events", params={"limit": 10, "offset": 10}).json()
    assert first["total"] == second["total"] == len(expected) > 20
    assert [e["id"] for e in first["events"] + second["events"]] == expected[:20]
    latest = max(e.date for e in stored(demo_db) if e.date)
    assert first["events"][0]["date"] == latest.isoformat()  # the last sample story
    oldest = demo_api.get("/api/events", params={"order": "date", "limit": 1}).json()
    assert oldest["events"][0]["id"] == stored(demo_db)[0].id
    assert first["total_exact"] is True


def test_totals_are_counted_up_to_a_limit(demo_api: Client, demo_db: Path) -> None:
    events = len(stored(demo_db))
    capped = demo_api.get("/api/events", params={"count_limit": 5, "limit": 2}).json()
    assert (capped["total"], capped["total_exact"], len(capped["events"])) == (5, False, 2)
    exact = demo_api.get("/api/events", params={"count_limit": events}).json()
    assert (exact["total"], exact["total_exact"]) == (events, True)
    uncounted = demo_api.get("/api/events", params={"count": False, "limit": 10}).json()
    assert (uncounted["total"], uncounted["total_exact"]) == (10, False)
    last = demo_api.get("/api/events", params={"count": False, "offset": events - 3}).json()
    assert (last["total"], last["total_exact"]) == (events, True)


@pytest.mark.parametrize(
    ("params", "where"),
    [
        ({"source": "FRA", "target": "MLI"}, EventFilter(source=("FRA",), target=("MLI",))),
        ({"actor": ["rus", "UKR"]}, EventFilter(actor=("RUS", "UKR"))),
        ({"actor": "RUS,UKR"}, EventFilter(actor=("RUS", "UKR"))),
        ({"code": "1*", "since": "2022-01-01"}, EventFilter(code=("1*",), since=_d("2022-01-01"))),
        ({"quad": [3, 4], "country": "MLI"}, EventFilter(quad=(3, 4), country=("MLI",))),
        ({"root": ["04", "05"]}, EventFilter(root=("04", "05"))),
        ({"story": "demo-horn-4"}, EventFilter(story_id=("demo-horn-4",))),
        ({"topic": "political", "root": "19"}, EventFilter(topic=("political",), root=("19",))),
    ],
)
def test_event_filters_are_those_of_query(
    demo_api: Client, demo_db: Path, params: dict[str, Any], where: EventFilter
) -> None:
    expected = sorted(e.id for e in stored(demo_db, where))
    body = demo_api.get("/api/events", params={**params, "limit": 1000}).json()
    assert sorted(e["id"] for e in body["events"]) == expected
    assert body["total"] == len(expected) > 0
    assert {e["topic"] for e in body["events"]} == {"political"}  # the demo is political news


def test_one_event_with_its_evidence_and_highlighted_words(demo_api: Client) -> None:
    listed = demo_api.get("/api/events", params={"source": "FRA", "code": "1622"}).json()
    event = next(e for e in listed["events"] if e["sentence"].startswith(CALLED_OFF))
    body = demo_api.get(f"/api/events/{event['id']}").json()
    assert body["event"] == event
    assert body["record"]["evidence"]["verb_text"] == "called off"
    assert body["story"]["id"] == "demo-mali-1"
    marked = {(h["role"], h["text"], h["found_by"]) for h in body["highlights"]}
    assert marked == {
        ("source", "France", "tokens"),
        ("verb", "called off", "tokens"),
        ("target", "Malian army", "tokens"),
    }
    sentence = body["record"]["sentence"]
    for h in body["highlights"]:
        assert sentence[h["start"] : h["end"]] == h["text"]
    assert "".join(s["text"] for s in body["segments"]) == sentence
    assert [s["role"] for s in body["segments"] if s["role"]] == ["source", "verb", "target"]


def test_an_unknown_event_is_404(demo_api: Client) -> None:
    response = demo_api.get("/api/events/0123456789abcdef0123")
    assert response.status_code == 404 and "0123456789abcdef0123" in response.json()["detail"]


def test_dyads_are_counted_from_the_events(demo_api: Client, demo_db: Path) -> None:
    events = [e for e in stored(demo_db) if e.target]
    for level, key in (
        ("actor", lambda code: code),
        ("country", lambda code: country_of(code) or code),
    ):
        expected: dict[tuple[str, str], list[int]] = {}
        for e in events:
            quads = expected.setdefault((key(e.source), key(e.target)), [0, 0, 0, 0])
            quads[e.quad_class - 1] += 1
        body = demo_api.get("/api/dyads", params={"level": level, "limit": 500}).json()
        assert {(d["source"], d["target"]): d["balance"]["quads"] for d in body} == {
            k: v for k, v in expected.items()
        }
        counts = [d["balance"]["events"] for d in body]
        assert counts == sorted(counts, reverse=True)
    mali = demo_api.get("/api/dyads", params={"target": "MLI", "level": "country"}).json()
    assert mali and all(d["target"] == "MLI" for d in mali)


def test_actors_places_and_world(demo_api: Client, demo_db: Path) -> None:
    found = demo_api.get("/api/actors", params={"q": "macron"}).json()
    assert [a["code"] for a in found] == ["FRAGOV"] and "Emmanuel Macron" in found[0]["names"]
    events = stored(demo_db)
    top = demo_api.get("/api/actors/top", params={"limit": 1}).json()[0]
    actors = {e.source for e in events} | {e.target for e in events if e.target}
    assert top["events"] == max(
        sum(code in (e.source, e.target) for e in events) for code in actors
    )
    places = demo_api.get("/api/places").json()
    located: dict[tuple[str, str], int] = {}
    for e in events:
        if e.record.get("location_name"):
            name = (e.record["location_name"], e.record["location_country"])
            located[name] = located.get(name, 0) + 1
    assert {(p["name"], p["country"]): p["events"] for p in places} == located
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in places)
    world = demo_api.get("/api/world").json()
    outlines = {c["iso3"]: c for c in world["countries"]}
    assert outlines["FRA"]["d"].startswith("M") and "ATA" not in outlines
    assert len(outlines) > 150


def test_the_time_series_of_a_dyad(demo_api: Client, demo_db: Path) -> None:
    events = stored(demo_db, EventFilter(source=("IGO",), target=("MLI",)))
    weeks: dict[str, int] = {}
    for e in events:
        assert e.date is not None
        monday = e.date - dt.timedelta(days=e.date.weekday())
        weeks[monday.isoformat()] = weeks.get(monday.isoformat(), 0) + 1
    params = {"source": "IGO", "target": "MLI", "by": "week"}
    body = demo_api.get("/api/dyads/series", params=params).json()
    points = {p["period"]: p["balance"]["events"] for p in body["points"]}
    assert {k: v for k, v in points.items() if v} == weeks
    first, last = min(weeks), max(weeks)
    span = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days // 7 + 1
    assert len(points) == span > 1  # the empty weeks between are there
    assert body["balance"]["events"] == len(events)
    assert body["balance"]["goldstein_sum"] == pytest.approx(sum(e.goldstein for e in events))
    monthly = demo_api.get("/api/dyads/series", params={**params, "by": "month", "fill": False})
    months = {e.date.replace(day=1).isoformat() for e in events if e.date}
    assert [p["period"] for p in monthly.json()["points"]] == sorted(months)


def test_alerts_name_the_dyad_that_turned(shift_db: Path, coder: Coder) -> None:
    api = Client(create_app(str(shift_db), coder=coder))
    body = api.get("/api/alerts").json()
    assert body["as_of"] == "2024-06-24" and body["dyads_assessed"] == 1
    (alert,) = body["alerts"]
    assert (alert["source"], alert["target"], alert["direction"]) == ("JPN", "KOR", "worse")
    goldstein = next(s for s in alert["signals"] if s["metric"] == "goldstein_mean")
    assert (goldstein["baseline"], goldstein["recent"]) == (3.4, -10.0)
    assert api.get("/api/alerts", params={"as_of": "2024-05-31"}).json()["alerts"] == []
    assert api.get("/api/alerts", params={"z": 99}).json()["alerts"] == []


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=abc", "limit"),
        ("/api/events?limit=100000", "limit"),
        ("/api/events?offset=-1", "offset"),
        ("/api/events?quad=5", "quad"),
        ("/api/events?since=2021-02-30", "since"),
        ("/api/events?order=up", "order"),
        ("/api/events?source=FR-A", "source"),
        ("/api/events?target=%27%20OR%201=1--", "target"),
        ("/api/events?root=4", "root"),
        ("/api/events?country=FR", "country"),
        ("/api/events?topic=sport", "topic"),
        ("/api/events?since=2022-01-01&until=2021-01-01", "since"),
        ("/api/events?sorce=FRA", "sorce"),
        ("/api/events/not%20an%20id", "event_id"),
        ("/api/dyads?level=city", "level"),
        ("/api/dyads/series?source=FRA", "target"),
        ("/api/dyads/series?source=FRA&target=MLI&by=year", "by"),
        ("/api/actors", "q"),
        ("/api/actors?q=", "q"),
        ("/api/alerts?recent_days=0", "recent_days"),
        ("/api/alerts?as_of=yesterday", "as_of"),
        ("/api/places?limit=-3", "limit"),
    ],
)
def test_bad_parameters_are_422_naming_them(demo_api: Client, url: str, parameter: str) -> None:
    response = demo_api.get(url)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["parameter"] == parameter
    assert f"'{parameter}'" in body["detail"]


STORY = {"id": "web-1", "date": "2024-03-05", "text": "Japan praised South Korea."}


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": "Bearer"},
        {"Authorization": f"Bearer {TOKEN}x"},
    ],
)
def test_posting_stories_needs_the_token(
    empty_db: Path, coder: Coder, headers: dict[str, str]
) -> None:
    api = Client(create_app(str(empty_db), token=TOKEN, coder=coder))
    response = api.post("/api/stories", json=[STORY], headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    # the token is checked before the body is read: a bad body still gets 401
    assert api.post("/api/stories", content=b"not json", headers=headers).status_code == 401
    with open_store(empty_db, create=False) as store:
        assert store.count_stories() == 0


def test_without_a_configured_token_nobody_writes(empty_db: Path, coder: Coder) -> None:
    api = Client(create_app(str(empty_db), coder=coder))
    response = api.post("/api/stories", json=[STORY], headers={"Authorization": "Bearer x"})
    assert response.status_code == 401 and "TOCSIN_API_TOKEN" in response.json()["detail"]
    assert api.get("/api/summary").json()["writable"] is False


def test_posted_stories_are_coded_and_stored_once(empty_db: Path, coder: Coder) -> None:
    api = Client(create_app(str(empty_db), token=TOKEN, coder=coder))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    second = {"id": "web-2", "text": "Japan attacked South Korea.", "date": "2024-03-06T10:00:00Z"}
    body = api.post("/api/stories", json=[STORY, second], headers=auth).json()
    assert (body["stories"], body["events"], body["known"], body["rejected"]) == (2, 2, 0, [])
    again = api.post("/api/stories", json=[STORY], headers=auth).json()
    assert (again["stories"], again["known"]) == (0, 1)
    with open_store(empty_db, create=False) as store:
        codes = {(e.story_id, e.source, e.code, e.target, e.date) for e in store.events()}
    assert codes == {
        ("web-1", "JPN", "051", "KOR", _d("2024-03-05")),
        ("web-2", "JPN", "190", "KOR", _d("2024-03-06")),
    }
    listed = api.get("/api/events", params={"story": "web-2"}).json()["events"]
    assert [e["verb_text"] for e in listed] == ["attacked"]


@pytest.mark.parametrize(
    ("body", "parameter"),
    [
        ([], "body"),
        ({"id": "x", "text": "y"}, "body"),
        ([{"id": "x"}], "body[0].text"),
        ([{"id": "x", "text": "   "}], "body[0].text"),
        ([STORY, {"id": "y", "text": "Fine.", "date": "06/04/2021"}], "body[1].date"),
        ([{"id": "", "text": "y"}], "body[0].id"),
    ],
)
def test_bad_stories_are_422_naming_the_field(
    empty_db: Path, coder: Coder, body: Any, parameter: str
) -> None:
    api = Client(create_app(str(empty_db), token=TOKEN, coder=coder))
    response = api.post("/api/stories", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422, response.text
    assert response.json()["parameter"] == parameter
    assert parameter in response.json()["detail"]


def test_request_size_and_story_count_limits(empty_db: Path, coder: Coder) -> None:
    api = Client(create_app(str(empty_db), token=TOKEN, coder=coder, max_body_bytes=4096,
                            max_stories=2))  # fmt: skip
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = [{"id": "big", "text": "Japan praised South Korea. " * 400}]
    response = api.post("/api/stories", json=big, headers=auth)
    assert response.status_code == 413 and "4096 bytes" in response.json()["detail"]

    async def chunks() -> Any:  # no Content-Length: the limit holds while reading
        yield b'[{"id": "big", "text": "'
        for _ in range(100):
            yield b"Japan praised South Korea. " * 10
        yield b'"}]'

    response = api.post("/api/stories", content=chunks(), headers=auth)
    assert response.status_code == 413
    three = [{"id": f"s{k}", "text": f"Story {k}."} for k in range(3)]
    response = api.post("/api/stories", json=three, headers=auth)
    assert response.status_code == 422 and "at most 2 stories" in response.json()["detail"]
    with open_store(empty_db, create=False) as store:
        assert store.count_stories() == 0


def test_reads_can_require_the_token(demo_db: Path) -> None:
    api = Client(create_app(str(demo_db), token=TOKEN, protect_reads=True))
    assert api.get("/api/events").status_code == 401
    assert api.get("/api/events?sorce=x").status_code == 401  # before anything is said
    wrong = api.get("/api/events", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    right = api.get("/api/events", headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 200 and right.json()["total"] == len(stored(demo_db))
    assert api.get("/").status_code == 200  # the page itself holds no data
    open_reads = Client(create_app(str(demo_db), token=TOKEN))
    assert open_reads.get("/api/events").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e%2f%2e%2e%2fstore%2fbase.py",
        "/static/....//app.py",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
    ],
)
def test_static_files_do_not_leave_their_folder(demo_api: Client, url: str) -> None:
    response = demo_api.get(url)
    assert response.status_code == 404
    assert "import" not in response.text and "root:" not in response.text


def test_the_dashboard_and_its_assets_are_served_offline(demo_api: Client) -> None:
    page = demo_api.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    script = demo_api.get("/static/app.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert demo_api.get("/docs").status_code == 200
    spec = demo_api.get("/openapi.json").json()
    assert {"/api/events", "/api/dyads/series", "/api/stories"} <= set(spec["paths"])
    assert spec["paths"]["/api/stories"]["post"]["security"] == [{"HTTPBearer": []}]
    # nothing is fetched from another host: every URL in the assets is local (the SVG namespace
    # is a name, not a fetch)
    for asset in STATIC.iterdir():
        text = asset.read_text(encoding="utf-8")
        hosts = set(re.findall(r"https?://[^\s\"'`)]+", text)) - {"http://www.w3.org/2000/svg"}
        assert not hosts, (asset.name, hosts)


def test_cors_is_off_unless_origins_are_given(demo_db: Path) -> None:
    origin = {"Origin": "https://analysis.example"}
    closed = Client(create_app(str(demo_db))).get("/api/summary", headers=origin)
    assert "access-control-allow-origin" not in closed.headers
    opened = Client(create_app(str(demo_db), cors_origins=("https://analysis.example",)))
    allowed = opened.get("/api/summary", headers=origin)
    assert allowed.headers["access-control-allow-origin"] == "https://analysis.example"
    other = opened.get("/api/summary", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in other.headers


def test_a_missing_store_is_an_error_at_startup(tmp_path: Path) -> None:
    from tocsin.store import StoreError

    with pytest.raises(StoreError, match="no such store"):
        create_app(str(tmp_path / "missing.sqlite"))
    assert not (tmp_path / "missing.sqlite").exists()
