"""Fixtures of the web tests: stores filled through the real ingest API (the demo sample, and
stories written here whose last month turns a dyad to conflict), and an in-process client."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tocsin.coding.coder import Coder
from tocsin.errors import InputError
from tocsin.run.ingest import ingest_inputs
from tocsin.store import open_store
from tocsin.web import create_app

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "src" / "tocsin" / "data" / "sample" / "stories.jsonl"
TOKEN = "test-token-5f2c"


class Client:
    """Requests to an app in-process, through httpx's ASGI transport (no server, no port)."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://tocsin.test") as c:
                return await c.request(method, url, **kwargs)

        return asyncio.run(send())

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)


def ingest_files(db: Path, coder: Coder, *inputs: Path) -> None:
    rejects: list[InputError] = []
    with open_store(db) as store:
        summary = ingest_inputs(store, coder, [str(p) for p in inputs], rejects.append)
    assert not rejects and summary.stories > 0


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, coder: Coder) -> Path:
    """A store of the demo sample, ingested as `tocsin ingest` does."""
    db = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    ingest_files(db, coder, SAMPLE)
    return db


def shift_stories() -> list[dict[str, str]]:
    """A year of Japan praising South Korea, then a month of attacks."""
    stories = []
    start = dt.date(2023, 7, 3)
    for k in range(12):
        day = start + dt.timedelta(days=28 * k)
        text = f"Japan praised South Korea. The talks lasted {k + 2} hours."
        stories.append({"id": f"praise-{k}", "date": day.isoformat(), "text": text})
    for k in range(4):
        day = dt.date(2024, 6, 3) + dt.timedelta(days=7 * k)
        text = f"Japan attacked South Korea. Casualties were reported in {k + 2} towns."
        stories.append({"id": f"attack-{k}", "date": day.isoformat(), "text": text})
    return stories


@pytest.fixture(scope="session")
def shift_db(tmp_path_factory: pytest.TempPathFactory, coder: Coder) -> Path:
    folder = tmp_path_factory.mktemp("shift")
    source = folder / "stories.jsonl"
    source.write_text("".join(json.dumps(s) + "\n" for s in shift_stories()), encoding="utf-8")
    db = folder / "shift.sqlite"
    ingest_files(db, coder, source)
    return db


@pytest.fixture(scope="session")
def demo_api(demo_db: Path, coder: Coder) -> Iterator[Client]:
    """The API on the demo store, reads open, writing with TOKEN."""
    app = create_app(str(demo_db), token=TOKEN, coder=coder)
    yield Client(app)
    app.state.tocsin.pool.close()


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    db = tmp_path / "empty.sqlite"
    open_store(db).close()
    return db


def mixed_stories() -> list[dict[str, str]]:
    """France and Mali: months with events, months without (gaps in the timeline), two
    undated stories; and pronouns resolved to actors ("He", "They")."""
    dated = [
        ("2021-01-12", "France accused Mali of sheltering rebels."),
        ("2021-02-09", "France praised Mali for its help after the floods."),
        ("2021-05-18", "France imposed new sanctions on Mali."),
        ("2021-06-08", "France suspended military cooperation with Mali."),
        ("2021-06-22", "France accused Mali of harbouring militants."),
        ("2021-07-06", "Israel's prime minister visited Washington. He criticized Iran."),
        ("2021-07-07", "Kenyan police arrested dozens of protesters in Nairobi. "
         "They accused the opposition of inciting violence."),
    ]  # fmt: skip
    stories = [{"id": f"mixed-{k}", "date": d, "text": t} for k, (d, t) in enumerate(dated)]
    undated = [
        "France summoned the Malian ambassador in Paris.",
        "France accused Mali of spying on its diplomats.",
    ]
    for k, text in enumerate(undated):
        stories.append({"id": f"undated-{k}", "text": text})
    return stories


@pytest.fixture(scope="session")
def mixed_db(tmp_path_factory: pytest.TempPathFactory, coder: Coder) -> Path:
    folder = tmp_path_factory.mktemp("mixed")
    source = folder / "stories.jsonl"
    source.write_text("".join(json.dumps(s) + "\n" for s in mixed_stories()), encoding="utf-8")
    db = folder / "mixed.sqlite"
    ingest_files(db, coder, source)
    return db
