"""What the web app keeps between requests: a pool of open stores, the services loaded on first
use (the coder, the tokenizer, the map outlines) and the token settings, on `app.state.tocsin`."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fastapi import HTTPException, Request

from tocsin.store import Store, StoreError, open_store
from tocsin.web.highlight import Tokenize

if TYPE_CHECKING:
    from tocsin.coding.coder import Coder
    from tocsin.web.world import Outline

log = logging.getLogger(__name__)
POOL_WAIT_S = 30.0


class StoreUnavailable(HTTPException):
    """503: the store cannot be reached (the next request tries again)."""

    def __init__(self) -> None:
        super().__init__(
            503,
            {
                "error": "store-unavailable",
                "detail": "the store cannot be reached; try again in a moment",
            },
        )


class StorePool:
    """Up to `size` open stores, each used by one request at a time (a SQLite connection or a
    PostgreSQL session is not shared between threads in the middle of a query)."""

    def __init__(self, url: str, size: int = 8) -> None:
        self.url = url
        self.size = size
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue()
        self._opened: list[Store] = []
        self._lock = threading.Lock()

    def open_one(self) -> None:
        """Open a first store now, so that a wrong URL is an error at startup."""
        store = open_store(self.url, create=False)  # raises StoreError naming the problem
        with self._lock:
            self._opened.append(store)
        self._idle.put(store)

    @contextmanager
    def acquire(self) -> Iterator[Store]:
        store = self._take()
        try:
            yield store
        except StoreError:
            self._discard(store)  # a connection that failed is not given to the next request
            raise
        else:
            self._idle.put(store)

    def _take(self) -> Store:
        """An open store whose connection answers: an idle one is checked first (a database
        restarted since it was opened is reconnected), else a new one while under `size`."""
        while True:
            try:
                store = self._idle.get_nowait()
            except queue.Empty:
                break
            if self._alive(store):
                return store
            self._discard(store)
        with self._lock:
            if len(self._opened) < self.size:
                store = self._open()
                self._opened.append(store)
                return store
        try:
            store = self._idle.get(timeout=POOL_WAIT_S)
        except queue.Empty:
            raise HTTPException(
                503, {"error": "busy", "detail": "the server is busy; try again"}
            ) from None
        if self._alive(store):
            return store
        self._discard(store)
        return self._take()

    def _open(self) -> Store:
        try:
            return open_store(self.url, create=False)
        except StoreError as exc:
            log.error("cannot open the store: %s", exc)
            raise StoreUnavailable() from None

    @staticmethod
    def _alive(store: Store) -> bool:
        try:
            store.ping()
        except StoreError as exc:
            log.warning("a store connection is broken; reconnecting (%s)", exc)
            return False
        return True

    def _discard(self, store: Store) -> None:
        with self._lock:
            if store in self._opened:
                self._opened.remove(store)
        try:
            store.close()
        except Exception:  # the connection is already gone
            log.debug("closing a broken store connection failed", exc_info=True)

    def close(self) -> None:
        with self._lock:
            for store in self._opened:
                store.close()
            self._opened.clear()


@dataclass
class Services:
    """What is loaded on first use and kept: the coder, the tokenizer, the map outlines."""

    coder_instance: Coder | None = None
    tokenize_function: Tokenize | None = None
    outlines_cache: list[Outline] | None = None
    coding_lock: threading.Lock = field(default_factory=threading.Lock)
    _load_lock: threading.Lock = field(default_factory=threading.Lock)
    _tokenize_lock: threading.Lock = field(default_factory=threading.Lock)

    def coder(self) -> Coder:
        with self._load_lock:
            if self.coder_instance is None:
                from tocsin.coding.coder import build_coder

                log.info("loading the coder for POST /api/stories")
                self.coder_instance = build_coder()
            return self.coder_instance

    def tokenize(self, text: str) -> list[str]:
        """The parser's words of a text (for highlighting; loads the model on first use)."""
        with self._load_lock:
            if self.tokenize_function is None:
                if self.coder_instance is not None:
                    self.tokenize_function = self.coder_instance.parser.tokenize
                else:
                    from tocsin.coding.nlp import Parser

                    log.info("loading the tokenizer for event pages")
                    self.tokenize_function = Parser().tokenize
            tokenize = self.tokenize_function
        with self._tokenize_lock:
            return tokenize(text)

    def preload(self) -> None:
        """Load the tokenizer and the map outlines now rather than on first use."""
        try:
            self.tokenize("Warm up.")
            self.outlines()
        except Exception:  # a failure here shows again, with its message, on first use
            log.exception("preloading failed")

    def outlines(self) -> list[Outline]:
        with self._load_lock:
            if self.outlines_cache is None:
                from tocsin.web.world import outlines

                self.outlines_cache = outlines()
            return self.outlines_cache


@dataclass
class AppState:
    """Everything a request needs, kept on `app.state.tocsin`."""

    pool: StorePool
    services: Services
    token: str | None
    protect_reads: bool
    max_stories: int

    def store(self) -> AbstractContextManager[Store]:
        """A store for the time of a `with` block."""
        return self.pool.acquire()


def state_of(request: Request) -> AppState:
    found: AppState = request.app.state.tocsin
    return found
