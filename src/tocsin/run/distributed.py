"""Coding on a Dask distributed cluster: input files split into partitions, coded on the workers,
written as partitioned Parquet and/or into a PostgreSQL store.

The client only plans: it scans the input files for line boundaries (a streaming read, nothing
kept but offsets) and submits one task per partition. Each worker reads its partition's byte range
itself, so the inputs must be readable at the same path on every worker (a shared filesystem), as
must the output folder and the extra dictionaries. A worker process builds its Coder once (the
per-process cache of `tocsin.run.parallel`) and codes every partition it is given.

Retries are safe. A partition's Parquet file is named by its number (`part-00003.parquet`) and
written to a temporary name then renamed, so a retried task replaces the file rather than adding
one; event ids are stable, so the events are the same. Stories go into the store in one
transaction each and stories already stored are skipped, so a retried task adds nothing twice.

>>> code_distributed(["stories.jsonl"], "local", out="events", workers=2)  # doctest: +SKIP
>>> code_distributed(["a.jsonl"], "tcp://scheduler:8786", out="/shared/ev")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import time
import traceback
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tocsin.errors import (
    ChangedStory,
    DictionaryError,
    InputError,
    TocsinError,
    UnreadableInput,
    WorkerError,
)
from tocsin.io.inputs import (
    SNIFF_BYTES,
    Incoming,
    OnReject,
    check_encoding,
    decoded_lines,
    kind_of,
    read_file,
    read_jsonl,
    walk,
)
from tocsin.records import EVENT_FIELDS, Event
from tocsin.run.parallel import CoderSettings, worker_coder, worker_coding_lock

if TYPE_CHECKING:
    from distributed import Client

log = logging.getLogger(__name__)

PART_NAME = re.compile(r"^part-(\d{5,})\.parquet$")
MIN_PARTITION_BYTES = 1024
MAX_PARTITION_BYTES = 8 * 1024 * 1024
PARTITIONS_PER_WORKER = 8


@dataclass(frozen=True, slots=True)
class FilePiece:
    """A byte range of an input file that starts and ends on line boundaries."""

    path: str  # a file, or an http(s) URL
    start: int
    end: int
    first_line: int  # the number of its first line, from 1
    kind: str  # jsonl (a byte range of lines), or a whole input: csv, txt, html, feed or url
    story_id: str = ""  # the id of a story that is a whole file (TXT, HTML)

    def describe(self) -> str:
        if self.kind != "jsonl":
            return self.path
        return f"{self.path} from line {self.first_line}"


@dataclass(frozen=True, slots=True)
class Partition:
    """The unit of work of one task: consecutive pieces of the inputs."""

    index: int
    pieces: tuple[FilePiece, ...]

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}.parquet"

    @property
    def size(self) -> int:
        return sum(p.end - p.start for p in self.pieces)

    def describe(self) -> str:
        shown = "; ".join(p.describe() for p in self.pieces[:3])
        more = f" and {len(self.pieces) - 3} more files" if len(self.pieces) > 3 else ""
        return f"partition {self.index} ({shown}{more})"


@dataclass(frozen=True, slots=True)
class Job:
    """What every task does with its partition (sent with each task; small)."""

    settings: CoderSettings
    out: str | None = None  # the Parquet folder
    store_url: str | None = None  # a postgresql:// URL
    default_date: dt.date | None = None
    skip_bad: bool = False


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What a task did. `error` is set for a problem that a retry cannot fix (bad input, bad
    dictionaries): the job stops with it."""

    index: int
    stories: int = 0
    sentences: int = 0
    events: int = 0
    known: int = 0  # stories already in the store, not coded again
    bad: tuple[str, ...] = ()  # bad records skipped (with skip_bad)
    error: str | None = None


@dataclass(frozen=True, slots=True)
class DistributedSummary:
    """The job so far (as progress) or at its end."""

    partitions: int
    done: int
    stories: int
    sentences: int
    events: int
    known: int
    bad: int
    seconds: float
    unreadable: int = 0  # inputs that could not be read at all (counted in `bad` too)

    def line(self) -> str:
        rate = self.sentences / self.seconds if self.seconds > 0 else 0.0
        known = f", {self.known} already stored" if self.known else ""
        return (
            f"{self.done}/{self.partitions} partitions, {self.stories} stories, {self.events} "
            f"events{known}, {self.bad} bad record(s), in {self.seconds:.1f} s "
            f"({rate:.1f} sentences/s)"
        )


class PartitionFailed(Exception):
    """A task's failure that a retry may fix (a lost connection, a full disk ...). It carries
    the original error as text, since not every exception survives pickling."""


# --- planning ----------------------------------------------------------------------------------


def plan_partitions(
    inputs: Sequence[str], partition_bytes: int, on_reject: OnReject | None = None
) -> list[Partition]:
    """Split the inputs into partitions of about `partition_bytes` bytes, on line boundaries.

    JSONL files are cut into byte ranges; other files (CSV, TXT, HTML, feeds, a folder's files)
    and URLs are whole pieces, grouped. The plan depends only on the files and the size, so the
    same job gives the same partitions. An input that cannot be read goes to `on_reject` (by
    default it is raised).
    """
    pieces: list[FilePiece] = []
    for name in inputs:
        try:
            pieces.extend(_pieces(name, partition_bytes))
        except InputError as error:
            if on_reject is None:
                raise
            on_reject(error)
    partitions: list[Partition] = []
    group: list[FilePiece] = []
    size = 0
    for piece in pieces:
        group.append(piece)
        size += max(1, piece.end - piece.start)
        if size >= partition_bytes:
            partitions.append(Partition(len(partitions), tuple(group)))
            group, size = [], 0
    if group:
        partitions.append(Partition(len(partitions), tuple(group)))
    return partitions


def _pieces(name: str, partition_bytes: int) -> Iterator[FilePiece]:
    if name == "-":
        raise UnreadableInput("-", "standard input cannot be split for a cluster", "name the files")
    if name.startswith(("http://", "https://")):
        yield FilePiece(name, 0, 0, 1, "url", name)
        return
    path = Path(name).resolve()
    if path.is_dir():
        files = [(file, file.relative_to(path).with_suffix("").as_posix()) for file in walk(path)]
        if not files:
            raise UnreadableInput(name, "holds no story files", "name the story files")
    elif path.is_file():
        files = [(path, path.stem)]
    else:
        raise UnreadableInput(name, "no such file or directory", "check the path")
    for file, story_id in files:
        try:
            with file.open("rb") as handle:
                check_encoding(handle.read(SNIFF_BYTES), str(file))
        except OSError as exc:
            raise UnreadableInput(
                str(file), f"cannot be read ({exc.strerror})", "check it"
            ) from None
        kind = kind_of(file)
        if kind == "jsonl":
            yield from _jsonl_pieces(file, partition_bytes)
        else:
            yield FilePiece(str(file), 0, file.stat().st_size, 1, kind, story_id)


def _jsonl_pieces(path: Path, partition_bytes: int) -> Iterator[FilePiece]:
    start = offset = 0
    first = number = 1
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            offset += len(raw)
            if offset - start >= partition_bytes:
                yield FilePiece(str(path), start, offset, first, "jsonl")
                start, first = offset, number + 1
    if offset > start:
        yield FilePiece(str(path), start, offset, first, "jsonl")


def partition_size(inputs: Sequence[str], workers: int) -> int:
    """A partition size that gives each worker a few partitions, within sensible bounds."""
    total = 0
    for name in inputs:
        try:
            total += Path(name).stat().st_size
        except OSError:
            continue
    wanted = total // max(1, workers * PARTITIONS_PER_WORKER) + 1
    return max(MIN_PARTITION_BYTES, min(MAX_PARTITION_BYTES, wanted))


# --- what a task does ---------------------------------------------------------------------------


def read_partition(
    partition: Partition,
    default_date: dt.date | None = None,
    skip_bad: bool = False,
    on_bad: Callable[[InputError], None] | None = None,
) -> Iterator[Incoming]:
    """The stories of a partition, read from its byte ranges by the one story reader; a bad
    record raises its InputError unless `skip_bad` (then it goes to `on_bad`)."""

    def reject(error: InputError) -> None:
        if not skip_bad:
            raise error
        if on_bad is not None:
            on_bad(error)

    for piece in partition.pieces:
        for item in _piece_stories(piece, reject):
            if item.story.date is None and default_date is not None:
                item = Incoming(replace(item.story, date=default_date), item.origin, item.line)
            yield item


def _piece_stories(piece: FilePiece, reject: OnReject) -> Iterator[Incoming]:
    if piece.kind == "url":
        from tocsin.io.inputs import read_url

        yield from read_url(piece.path, reject)
    elif piece.kind == "jsonl":
        lines = decoded_lines(_lines(piece), piece.path, reject, piece.first_line)
        yield from read_jsonl(lines, piece.path, reject)
    else:
        yield from read_file(Path(piece.path), piece.kind, reject, piece.story_id)


def _lines(piece: FilePiece) -> Iterator[bytes]:
    try:
        with open(piece.path, "rb") as handle:
            handle.seek(piece.start)
            position = piece.start
            while position < piece.end:
                raw = handle.readline()
                if not raw:
                    return
                position += len(raw)
                yield raw
    except OSError as exc:
        raise UnreadableInput(
            piece.path, f"cannot be read ({exc.strerror})", "check the file"
        ) from None


def code_partition(partition: Partition, job: Job) -> PartitionResult:
    """Code one partition on this worker and write its events (the task the cluster runs).

    Raises PartitionFailed for errors a retry may fix; returns a result with `error` for those it
    cannot (bad input without skip_bad, bad dictionaries).
    """
    try:
        return _code_partition(partition, job)
    except (InputError, DictionaryError) as exc:
        return PartitionResult(partition.index, error=str(exc))
    except Exception as exc:
        raise PartitionFailed(f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}") from None


def _code_partition(partition: Partition, job: Job) -> PartitionResult:
    from tocsin.run.ingest import code_stories

    coder = worker_coder(job.settings)
    bad: list[str] = []
    counts = {"stories": 0, "sentences": 0, "events": 0, "known": 0}

    def reject(error: InputError) -> None:
        if not job.skip_bad:
            raise error
        bad.append(str(error))

    items = read_partition(partition, job.default_date, job.skip_bad, reject)
    with _optional_store(job.store_url) as store, worker_coding_lock():
        if store is not None and job.out is None:
            # stories stored by an earlier attempt need no coding; with a Parquet file to write
            # they are coded again, since the file must hold every event of the partition
            items = _new_stories(store, items, counts, reject)

        def events() -> Iterator[Event]:
            for item, coded in code_stories(coder, items, reject):
                counts["stories"] += 1
                counts["sentences"] += coded.sentences
                counts["events"] += len(coded.events)
                if store is not None:
                    result = store.add_story(item.story, coded.events, origin=item.origin)
                    counts["known"] += result != "added"  # stored by an earlier attempt
                yield from coded.events

        if job.out is not None:
            write_events_parquet(events(), Path(job.out) / partition.name)
        else:
            for _event in events():
                pass
    return PartitionResult(
        partition.index,
        counts["stories"],
        counts["sentences"],
        counts["events"],
        counts["known"],
        tuple(bad),
    )


def _new_stories(
    store: Any, items: Iterator[Incoming], counts: dict[str, int], reject: OnReject
) -> Iterator[Incoming]:
    for item in items:
        status = store.story_status(item.story.id, item.story.text)
        if status == "changed":
            reject(ChangedStory(item.origin, item.line, item.story.id))
        elif status != "new":
            counts["known"] += 1
        else:
            yield item


@contextmanager
def _optional_store(url: str | None) -> Iterator[Any]:
    if url is None:
        yield None
        return
    from tocsin.store import open_store

    with open_store(url, create=True) as store:
        yield store


# --- Parquet -----------------------------------------------------------------------------------


def events_schema() -> Any:
    """The Parquet columns: the fields of `Event.to_dict()`, typed as `tocsin export` types them
    (codes and ids strings, dates date32, scores float64, evidence JSON text)."""
    import pyarrow as pa  # type: ignore[import-untyped]

    from tocsin.io.exports import arrow_type

    return pa.schema([(name, arrow_type(name)) for name in EVENT_FIELDS])


def write_events_parquet(events: Iterable[Event], path: Path, batch_size: int = 5_000) -> int:
    """Write events to a Parquet file atomically (a temporary name, then renamed); the count.

    A file is written even when there are no events, so every partition has its file.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    schema = events_schema()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
    count = 0
    try:
        with pq.ParquetWriter(str(temporary), schema) as writer:
            batch: list[dict[str, Any]] = []
            for event in events:
                batch.append(_parquet_row(event))
                if len(batch) >= batch_size:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    count += len(batch)
                    batch = []
            if batch or count == 0:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return count


def _parquet_row(event: Event) -> dict[str, Any]:
    row = event.to_dict()
    row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False)
    row["date"] = event.date
    return row


def remove_stale_parts(out: Path, partitions: int) -> list[Path]:
    """Remove `part-N.parquet` files of an earlier job with more partitions (they would be read
    as part of this job's output); the files removed."""
    removed = []
    for path in sorted(out.glob("part-*.parquet")):
        match = PART_NAME.match(path.name)
        if match and int(match.group(1)) >= partitions:
            path.unlink()
            removed.append(path)
    return removed


# --- the job -----------------------------------------------------------------------------------


@contextmanager
def dask_client(scheduler: str, workers: int = 2) -> Iterator[Client]:
    """A client of the scheduler at an address, or of a new LocalCluster (`"local"`) of
    `workers` processes with one thread each (closed on exit)."""
    from distributed import Client, LocalCluster

    if scheduler != "local":
        try:
            client = Client(scheduler, timeout="10s")  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise WorkerError(
                f"cannot reach the Dask scheduler at {scheduler} ({exc}); check the address "
                "(tcp://HOST:8786) and that `dask scheduler` runs there"
            ) from None
        with client:
            yield client
        return
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client


def code_distributed(
    inputs: Sequence[str],
    scheduler: str | Client = "local",
    *,
    out: str | Path | None = None,
    store_url: str | None = None,
    settings: CoderSettings | None = None,
    workers: int = 2,
    default_date: dt.date | None = None,
    skip_bad: bool = False,
    partition_bytes: int | None = None,
    retries: int = 2,
    on_progress: Callable[[DistributedSummary], None] | None = None,
    on_bad: Callable[[str], None] | None = None,
) -> DistributedSummary:
    """Code the input files on a Dask cluster; write Parquet parts to `out` and/or the stories
    and events into the PostgreSQL store at `store_url`.

    `scheduler` is an address (tcp://host:8786), "local" for a LocalCluster of `workers`
    processes, or a `distributed.Client`. A failed task is retried `retries` times; a partition
    that still fails, or has a bad record without `skip_bad`, stops the job with WorkerError.
    """
    if out is None and store_url is None:
        raise WorkerError("nothing to write: give a Parquet folder (out) or a store URL")
    if store_url is not None:
        from tocsin.store import is_postgres_url

        if not is_postgres_url(store_url):
            raise WorkerError(
                f"the store of a cluster job must be PostgreSQL (postgresql://...), not "
                f"{store_url!r}: a SQLite file cannot take writes from many workers"
            )
    job = Job(
        settings or CoderSettings(),
        str(Path(out).resolve()) if out is not None else None,
        store_url,
        default_date,
        skip_bad,
    )
    if job.out is not None:
        Path(job.out).mkdir(parents=True, exist_ok=True)
    if isinstance(scheduler, str):
        with dask_client(scheduler, workers) as client:
            return _run(client, inputs, job, partition_bytes, retries, on_progress, on_bad)
    return _run(scheduler, inputs, job, partition_bytes, retries, on_progress, on_bad)


def _run(
    client: Client,
    inputs: Sequence[str],
    job: Job,
    partition_bytes: int | None,
    retries: int,
    on_progress: Callable[[DistributedSummary], None] | None,
    on_bad: Callable[[str], None] | None,
) -> DistributedSummary:
    from distributed import as_completed

    started = time.perf_counter()
    if partition_bytes is None:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        partition_bytes = partition_size(inputs, workers)
    unreadable: list[InputError] = []

    def unreadable_input(error: InputError) -> None:
        unreadable.append(error)
        if on_bad is not None:
            on_bad(str(error))

    partitions = plan_partitions(
        inputs, partition_bytes, unreadable_input if job.skip_bad else None
    )
    log.info("%d partitions of about %d bytes", len(partitions), partition_bytes)
    token = uuid.uuid4().hex[:8]
    futures = {
        client.submit(
            code_partition,
            partition,
            job,
            key=f"tocsin-{partition.name}-{token}",
            retries=retries,
            pure=False,
        ): partition
        for partition in partitions
    }
    totals = {"done": 0, "stories": 0, "sentences": 0, "events": 0, "known": 0}
    totals["bad"] = len(unreadable)

    def summary() -> DistributedSummary:
        return DistributedSummary(
            len(partitions),
            totals["done"],
            totals["stories"],
            totals["sentences"],
            totals["events"],
            totals["known"],
            totals["bad"],
            time.perf_counter() - started,
            len(unreadable),
        )

    try:
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            partition = futures[future]
            result = _result(future, partition, retries)
            if result.error is not None:
                raise WorkerError(f"{partition.describe()} cannot be coded: {result.error}")
            for message in result.bad:
                if on_bad is not None:
                    on_bad(message)
            totals["done"] += 1
            totals["stories"] += result.stories
            totals["sentences"] += result.sentences
            totals["events"] += result.events
            totals["known"] += result.known
            totals["bad"] += len(result.bad)
            if on_progress is not None:
                on_progress(summary())
    finally:
        unfinished = [f for f in futures if not f.done()]  # type: ignore[no-untyped-call]
        if unfinished:
            client.cancel(unfinished)  # type: ignore[no-untyped-call]
    if job.out is not None:
        for path in remove_stale_parts(Path(job.out), len(partitions)):
            log.info("removed %s, left by an earlier job", path)
    return summary()


def _result(future: Any, partition: Partition, retries: int) -> PartitionResult:
    try:
        result = future.result()
    except PartitionFailed as exc:
        message, _, trace = str(exc).partition("\n")
        log.info("traceback of %s:\n%s", partition.describe(), trace)
        raise WorkerError(
            f"{partition.describe()} failed after {retries} retries: {message}. Run with -v "
            "for the worker's traceback",
            trace,
        ) from None
    except TocsinError:
        raise
    except Exception as exc:  # the cluster's own errors: a worker killed too often ...
        raise WorkerError(
            f"{partition.describe()} failed on the cluster: {type(exc).__name__}: {exc}"
        ) from None
    assert isinstance(result, PartitionResult)
    return result
