"""Fuzzing every GET parameter of the API (hypothesis): whatever the values, the answer is never
a 500 or a traceback, every error is JSON with a stable code, and reading changes nothing in the
store."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import Client

EXAMPLES = 150
LEAKS = ("Traceback", "sqlite", ".py", "Error:", "/tmp/")
VALUE = st.one_of(
    st.text(max_size=40),
    st.dates().map(lambda d: d.isoformat()),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.floats().map(str),
    st.lists(st.sampled_from(["FRA", "MLI", "", "*", "04", "1?2", "fra", "\u00e9", "%"]),
             max_size=8).map(",".join),
    st.sampled_from(["day", "week", "month", "date", "-date", "true", "false", "country"]),
)  # fmt: skip


@pytest.fixture(scope="module")
def get_routes(demo_api: Client) -> list[tuple[str, list[str]]]:
    """Every GET path of the OpenAPI document with the names of its parameters."""
    spec = demo_api.get("/openapi.json").json()
    routes = []
    for path, methods in spec["paths"].items():
        if "get" in methods:
            names = [p["name"] for p in methods["get"].get("parameters", [])]
            routes.append((path, names))
    assert len(routes) >= 9
    return routes


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_get_parameter_gives_a_500_or_a_traceback(
    demo_api: Client, get_routes: list[tuple[str, list[str]]], data: st.DataObject
) -> None:
    path, names = data.draw(st.sampled_from(get_routes), label="route")
    params: dict[str, Any] = {}
    for name in names:
        if name == "event_id":
            continue
        if data.draw(st.booleans(), label=f"give {name}"):
            params[name] = data.draw(st.lists(VALUE, min_size=1, max_size=3), label=name)
    if "{event_id}" in path:
        event_id = data.draw(st.text(min_size=1, max_size=30), label="event_id")
        path = path.replace("{event_id}", quote(event_id, safe=""))
    response = demo_api.get(path, params=params)
    assert response.status_code < 500, (path, params, response.text)
    if response.status_code >= 400:
        body = response.json()
        assert body["error"] and body["detail"], body
        for leak in LEAKS:
            assert leak not in response.text, (path, params, response.text)


def test_reading_changes_nothing(demo_api: Client) -> None:
    before = demo_api.get("/api/summary").json()
    for query in ("/api/events?source=,,", "/api/dyads/series?source=FRA&target=MLI&by=day"):
        demo_api.get(query)
    assert demo_api.get("/api/summary").json() == before
