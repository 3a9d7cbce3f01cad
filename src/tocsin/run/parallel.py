"""Coding with several worker processes on one machine.

Stories are read lazily and handed to the workers in chunks (at most `chunk_stories` stories and
about `chunk_chars` characters each), with at most `prefetch` chunks per worker in flight, so
memory stays bounded however large the input is. Each worker process builds its `Coder` once, from
`CoderSettings` (the same extra dictionaries as the parent), and codes every chunk it is given.
Results come back in input order (or as chunks finish, with `ordered=False`), and the events are
exactly those one process codes: parsing a story does not depend on the stories beside it, and
event ids are stable.

>>> from tocsin.io.inputs import read_inputs
>>> with CoderPool(workers=2) as pool:                                   # doctest: +SKIP
...     for event in pool.code(read_inputs(["stories.jsonl"])):
...         print(event.id, event.code)

A worker that fails raises `WorkerError` in the parent, naming the stories it was coding and the
error; a story whose coding raised is reported by `code_each` (and by `ingest`) as that story's
error while the other stories go on.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import traceback
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tocsin.errors import WorkerError
from tocsin.records import Event, Story

if TYPE_CHECKING:
    from tocsin.coding.coder import Coder

log = logging.getLogger(__name__)

# spaCy's memory grows with the number and length of the documents parsed together; a worker
# parses few at a time (the events do not depend on it; see benchmarks/workers.py for the figures).
WORKER_BATCH_SIZE = 2
START_METHODS = ("spawn", "forkserver")
DIED = "killed, or out of memory?"


@dataclass(frozen=True, slots=True)
class CoderSettings:
    """How a worker builds its Coder. Picklable, so it travels to worker processes and to Dask
    workers; dictionary paths are made absolute (they must be readable where the workers run)."""

    extra_dictionaries: tuple[str, ...] = ()
    builtin_dictionaries: bool = True
    batch_size: int = WORKER_BATCH_SIZE
    keep_nonpolitical: bool = False

    @classmethod
    def of(
        cls,
        extra_dictionaries: Sequence[Path | str] = (),
        builtin_dictionaries: bool = True,
        batch_size: int = WORKER_BATCH_SIZE,
        keep_nonpolitical: bool = False,
    ) -> CoderSettings:
        paths = tuple(str(Path(p).resolve()) for p in extra_dictionaries)
        return cls(paths, builtin_dictionaries, batch_size, keep_nonpolitical)

    def build(self) -> Coder:
        """A new Coder: the built-in dictionaries (unless turned off) and the extra ones."""
        from tocsin.coding.coder import build_coder  # loads spaCy: only where a coder is built

        return build_coder(
            self.extra_dictionaries,
            self.builtin_dictionaries,
            self.batch_size,
            keep_nonpolitical=self.keep_nonpolitical,
        )


# The per-process cache, the one piece of module state: a worker process (of a CoderPool or of a
# Dask cluster) keeps the Coder it built for its settings, so the model and the dictionaries are
# loaded once per process however many chunks or partitions it codes. Coding holds a lock, so a
# worker process with several threads codes with one thread at a time.
_worker_coders: dict[CoderSettings, Coder] = {}
_build_lock = threading.Lock()
_coding_lock = threading.Lock()


def worker_coder(settings: CoderSettings) -> Coder:
    """This process's Coder for the settings, built on first use."""
    with _build_lock:
        coder = _worker_coders.get(settings)
        if coder is None:
            coder = settings.build()
            _worker_coders.clear()
            _worker_coders[settings] = coder
        return coder


@dataclass(frozen=True, slots=True)
class CodedStory:
    """One story's events, or the error that stopped its coding (`"TypeError: ..."`)."""

    story_id: str
    events: tuple[Event, ...]
    sentences: int
    error: str | None = None


def code_each(coder: Coder, stories: Iterable[Story]) -> Iterator[CodedStory]:
    """Each story's events in input order; a story whose coding raises gives its error (logged
    with the traceback) and the others go on."""
    for story, sentences in coder.parser.parse_each(stories):
        if isinstance(sentences, Exception):
            error = f"{type(sentences).__name__}: {sentences}"
            yield CodedStory(story.id, (), 0, error)
            continue
        try:
            events = tuple(coder.code_parsed(story, sentences))
        except Exception as exc:  # one story's failure must not stop the others
            log.exception("coding story %s failed", story.id)
            yield CodedStory(story.id, (), len(sentences), f"{type(exc).__name__}: {exc}")
            continue
        yield CodedStory(story.id, events, len(sentences))


def worker_coding_lock() -> threading.Lock:
    """Held while a worker codes: one thread of a process uses its Coder at a time."""
    return _coding_lock


def code_in_worker(settings: CoderSettings, stories: Sequence[Story]) -> list[CodedStory]:
    """Code stories with this process's Coder (the task each worker runs)."""
    coder = worker_coder(settings)
    with _coding_lock:
        return list(code_each(coder, stories))


@dataclass(frozen=True, slots=True)
class _ChunkResult:
    coded: tuple[CodedStory, ...]
    pid: int
    error: str | None = None
    stage: str = "coding"  # setup (building the coder) | coding
    traceback: str | None = None


def _start_worker(settings: CoderSettings) -> None:
    """Build the Coder when the worker starts; a failure is reported by its first chunk."""
    try:
        worker_coder(settings)
    except Exception:
        log.debug("worker %d could not build its coder", os.getpid(), exc_info=True)


def _code_chunk(settings: CoderSettings, stories: list[Story]) -> _ChunkResult:
    # errors go back as text: not every exception survives pickling
    try:
        worker_coder(settings)
    except Exception as exc:
        return _ChunkResult((), os.getpid(), f"{type(exc).__name__}: {exc}", "setup")
    try:
        return _ChunkResult(tuple(code_in_worker(settings, stories)), os.getpid())
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
        return _ChunkResult((), os.getpid(), error, "coding", traceback.format_exc())


@dataclass(frozen=True, slots=True)
class _Chunk:
    stories: list[Story]
    first: int  # position of its first story in the input, from 1

    def describe(self) -> str:
        ids = [s.id for s in self.stories]
        shown = repr(ids[0]) if len(ids) == 1 else f"{ids[0]!r} to {ids[-1]!r} ({len(ids)} stories)"
        return f"{shown}, from story {self.first} of the input"


def chunked(stories: Iterable[Story], max_stories: int, max_chars: int) -> Iterator[list[Story]]:
    """Consecutive stories, at most `max_stories` and about `max_chars` characters a chunk."""
    chunk: list[Story] = []
    size = 0
    for story in stories:
        chunk.append(story)
        size += len(story.text) if isinstance(story.text, str) else 0
        if len(chunk) >= max_stories or size >= max_chars:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


class CoderPool:
    """Worker processes that code stories, each with its own Coder built once from `settings`.

    Use it as a context manager (the workers stop on exit); `code` and `code_each` may be called
    several times on one pool. `start_method` is 'spawn' (the default) or 'forkserver'.
    """

    def __init__(
        self,
        workers: int = 2,
        settings: CoderSettings | None = None,
        *,
        ordered: bool = True,
        chunk_stories: int = 32,
        chunk_chars: int = 40_000,
        prefetch: int = 2,
        start_method: str = "spawn",
    ) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        if start_method not in START_METHODS:
            raise ValueError(f"start_method must be one of {START_METHODS}, got {start_method!r}")
        self.workers = workers
        self.settings = settings or CoderSettings()
        self.ordered = ordered
        self.chunk_stories = max(1, chunk_stories)
        self.chunk_chars = max(1, chunk_chars)
        self.prefetch = max(1, prefetch)
        self.start_method = start_method
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> CoderPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the workers."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context(self.start_method),
                initializer=_start_worker,
                initargs=(self.settings,),
            )
        return self._executor

    def code(self, stories: Iterable[Story], ordered: bool | None = None) -> Iterator[Event]:
        """The events of every story; a story whose coding failed raises WorkerError.

        `ordered` (by default the pool's) gives the events in input order, else as chunks finish.
        """
        for _story, coded in self.code_each(stories, ordered):
            if coded.error is not None:
                raise WorkerError(
                    f"a worker failed to code story {coded.story_id!r}: {coded.error}. Report "
                    "it with the story text"
                )
            yield from coded.events

    def code_each(
        self, stories: Iterable[Story], ordered: bool | None = None
    ) -> Iterator[tuple[Story, CodedStory]]:
        """Each story with its events (or its coding error), in input order unless unordered.
        A story whose worker died is coded again alone; if its worker dies again, that is its
        error. A worker that cannot build its coder raises WorkerError."""
        in_order = self.ordered if ordered is None else ordered
        window: deque[tuple[_Chunk, Future[_ChunkResult]]] = deque()
        limit = self.workers * self.prefetch
        position = 1
        try:
            for stories_of_chunk in chunked(stories, self.chunk_stories, self.chunk_chars):
                chunk = _Chunk(stories_of_chunk, position)
                position += len(stories_of_chunk)
                window.append((chunk, self._submit(chunk)))
                while len(window) >= limit:
                    yield from self._finish_one(window, in_order)
            while window:
                yield from self._finish_one(window, in_order)
        finally:
            for _chunk, future in window:
                future.cancel()

    def _submit(self, chunk: _Chunk) -> Future[_ChunkResult]:
        try:
            return self._pool().submit(_code_chunk, self.settings, chunk.stories)
        except BrokenProcessPool as exc:  # found when it is its turn to finish
            failed: Future[_ChunkResult] = Future()
            failed.set_exception(exc)
            return failed

    def _finish_one(
        self, window: deque[tuple[_Chunk, Future[_ChunkResult]]], ordered: bool
    ) -> Iterator[tuple[Story, CodedStory]]:
        if ordered:
            chunk, future = window.popleft()
        else:
            done, _ = wait([f for _, f in window], return_when=FIRST_COMPLETED)
            index = next(k for k, (_, f) in enumerate(window) if f in done)
            chunk, future = window[index]
            del window[index]
        try:
            result = future.result()
        except BrokenProcessPool:
            # a worker died (killed, out of memory, a crash in native code): every chunk in
            # flight is lost; code their stories again one at a time to find the one at fault
            lost = [chunk, *(c for c, _ in window)]
            window.clear()
            self._drop_pool()
            for each in lost:
                for story in each.stories:
                    yield story, self._code_alone(story)
            return
        if result.error is not None and result.stage == "setup":
            raise WorkerError(f"a worker could not build its coder: {result.error}")
        if result.error is not None:
            log.info("traceback of worker %d:\n%s", result.pid, result.traceback)
            raise WorkerError(
                f"a worker failed while coding stories {chunk.describe()}: {result.error}. "
                "Fix or remove the story, or report it with the story text (run with -v for "
                "the worker's traceback)",
                result.traceback,
            )
        yield from zip(chunk.stories, result.coded, strict=True)

    def _code_alone(self, story: Story) -> CodedStory:
        """One story coded in a fresh worker; a worker that dies on it gives the story's error."""
        try:
            result = self._pool().submit(_code_chunk, self.settings, [story]).result()
        except BrokenProcessPool:
            self._drop_pool()
            log.warning("a worker process died while coding story %s", story.id)
            return CodedStory(story.id, (), 0, f"a worker process died while coding it ({DIED})")
        if result.error is not None:
            if result.stage == "setup":
                raise WorkerError(f"a worker could not build its coder: {result.error}")
            return CodedStory(story.id, (), 0, result.error)
        return result.coded[0]

    def _drop_pool(self) -> None:
        """Forget a broken pool: the next chunk starts new workers."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


def code_parallel(
    stories: Iterable[Story],
    workers: int = 2,
    extra_dictionaries: Sequence[Path | str] = (),
    *,
    ordered: bool = True,
    settings: CoderSettings | None = None,
    start_method: str = "spawn",
) -> Iterator[Event]:
    """The events of the stories, coded by `workers` processes (in input order by default).

    Each worker builds its Coder once with the built-in and the extra dictionaries (or from
    `settings`); the events are the same as `Coder(extra_dictionaries).code(stories)` gives.
    """
    chosen = settings or CoderSettings.of(extra_dictionaries)
    with CoderPool(workers, chosen, ordered=ordered, start_method=start_method) as pool:
        yield from pool.code(stories)
