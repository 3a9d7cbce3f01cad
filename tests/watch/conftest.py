"""Fixtures of the watch tests: the local feed server, a coder on the store tests' small
dictionaries, a fresh store of each backend (the store tests' fixtures) and a browser page (the
web tests')."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from store.conftest import db_url, postgres, store_coder  # type: ignore[import-not-found]  # noqa: F401
from web.test_browser import browser, page  # type: ignore[import-not-found]  # noqa: F401

from .server import FeedServer


@pytest.fixture
def server() -> Iterator[FeedServer]:
    feed_server = FeedServer().start()
    yield feed_server
    feed_server.stop()
