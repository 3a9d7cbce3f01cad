"""The API under hostile parameters and a failing store: every parameter validated with a 422
that names it, expensive series bounded, error bodies without paths, URLs or exception text,
and a PostgreSQL store reconnected after its connections are dropped."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from tocsin.coding.coder import Coder
from tocsin.store import StoreError, open_store
from tocsin.store.pgserver import TemporaryPostgres, find_bindir
from tocsin.web import create_app

from .conftest import SAMPLE, Client, ingest_files


@pytest.mark.parametrize(
    ("query", "parameter", "words"),
    [
        ("/api/dyads/series?source=,,,,&target=MLI", "source", "empty item"),
        ("/api/events?source=FRA,,MLI", "source", "empty item"),
        ("/api/dyads/series?source=FRA&target=MLI&until=9999-12-31", "until", "2999-12-31"),
        ("/api/events?since=0001-01-01", "since", "1000-01-01"),
        ("/api/alerts?as_of=9999-12-31", "as_of", "2999-12-31"),
        ("/api/events?code=" + ",".join(["040"] * 1000), "code", "at most 100 values"),
        ("/api/events?" + "&".join(["actor=FRA"] * 101), "actor", "at most 100 values"),
        ("/api/dyads/series?source=FRA&target=MLI&since=1000-01-01&until=2999-12-31", "by",
         "at most 5000 points"),
        ("/api/dyads/series?source=FRA&target=MLI&by=day&since=2000-01-01&until=2020-01-01",
         "by", "at most 5000 points"),
        ("/api/events?count_limit=100000000", "count_limit", "1000000"),
    ],
)  # fmt: skip
def test_bad_parameters_are_422_naming_them(
    demo_api: Client, query: str, parameter: str, words: str
) -> None:
    response = demo_api.get(query)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "invalid-parameter" and body["parameter"] == parameter
    assert words in body["detail"]


def test_a_series_within_the_bounds_is_answered(demo_api: Client) -> None:
    query = "/api/dyads/series?source=FRA&target=MLI&since=1950-01-01&until=2040-12-31&by=week"
    response = demo_api.get(query)
    assert response.status_code == 200
    assert 4000 < len(response.json()["points"]) <= 5000


def test_errors_inside_answer_with_a_code_and_no_details(
    demo_db: Path, coder: Coder, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(str(demo_db), coder=coder)
    client = Client(app)
    store_type = type(app.state.tocsin.pool._opened[0])
    secret = "postgresql://tocsin:hunter2@db.internal/events?password=hunter2"

    def refused(*_args: object, **_kwargs: object) -> None:
        raise StoreError(secret, f"cannot read {demo_db}", "check it")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise IndexError(f"tuple index out of range in {demo_db}")

    with caplog.at_level(logging.ERROR):
        monkeypatch.setattr(store_type, "count_stories", refused)
        unavailable = client.get("/api/summary")
        monkeypatch.setattr(store_type, "count_stories", broken)
        crashed = client.get("/api/summary")
    assert unavailable.status_code == 503 and unavailable.json()["error"] == "store-unavailable"
    assert crashed.status_code == 500 and crashed.json()["error"] == "internal-error"
    for response in (unavailable, crashed):
        assert set(response.json()) == {"error", "detail"}
        for leak in ("hunter2", str(demo_db), "sqlite", "IndexError", "tuple index"):
            assert leak not in response.text
    assert "hunter2" in caplog.text or str(demo_db) in caplog.text, "the details go to the log"
    app.state.tocsin.pool.close()


@pytest.mark.parametrize(
    ("path", "status", "error"),
    [("/api/events/nope", 404, "not-found"), ("/api/events?sorce=FRA", 422, "unknown-parameter")],
)
def test_every_error_has_a_stable_code(
    demo_api: Client, path: str, status: int, error: str
) -> None:
    response = demo_api.get(path)
    assert response.status_code == status
    assert response.json()["error"] in {error, "invalid-parameter"}


@pytest.fixture(scope="module")
def pg_url(tmp_path_factory: pytest.TempPathFactory, coder: Coder) -> Iterator[str]:
    if find_bindir() is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    with TemporaryPostgres() as server:
        ingest_files(server.url, coder, SAMPLE)  # type: ignore[arg-type]
        yield server.url


def _drop_connections(url: str) -> None:
    """What a restart of the database does to its clients: every other session is ended."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE pid <> pg_backend_pid() AND datname = current_database()"
        )


def test_the_app_reconnects_to_postgres_after_a_restart(pg_url: str, coder: Coder) -> None:
    app = create_app(pg_url, coder=coder)
    client = Client(app)
    first = client.get("/api/summary")
    assert first.status_code == 200
    for _ in range(3):
        _drop_connections(pg_url)
        again = client.get("/api/summary")
        assert again.status_code == 200, again.text
        assert again.json() == first.json()
    app.state.tocsin.pool.close()


def test_a_story_with_nul_or_a_surrogate_is_refused_by_the_api(pg_url: str, coder: Coder) -> None:
    from .conftest import TOKEN

    app = create_app(pg_url, token=TOKEN, coder=coder)
    client = Client(app)
    before = client.get("/api/summary").json()["stories"]
    for text in ("France met Mali.\u0000", "France met Mali \ud83d."):
        body = json.dumps([{"id": "hostile", "text": text}])
        response = client.post(
            "/api/stories",
            content=body,
            headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
        )
        assert response.status_code == 422 and response.json()["error"] == "invalid-parameter"
    with open_store(pg_url) as store:
        assert store.count_stories() == before
    app.state.tocsin.pool.close()
