"""Coding at scale: a pool of worker processes and a Dask LocalCluster code the same events as one
process, in input order, and a failing worker says what failed.

These tests start processes that each load spaCy, so they share a pool and keep inputs small.
"""

from __future__ import annotations

import itertools
import json
import math
import multiprocessing
import os
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tocsin.cli import main
from tocsin.coding.coder import Coder
from tocsin.errors import InputError, WorkerError
from tocsin.records import Story
from tocsin.run.distributed import Job, code_partition, plan_partitions, read_partition
from tocsin.run.parallel import CoderPool, CoderSettings, code_parallel
from tocsin.store import open_store

pytestmark = pytest.mark.slow

STORIES = [
    ("p1", "2021-06-04", "France suspended military cooperation with Mali. The Malian junta "
     "condemned the decision and accused Paris of abandoning the country."),
    ("p2", "2022-02-24", "Russian troops attacked Ukraine. President Zelensky appealed to NATO "
     "for help. Germany sent weapons to Kyiv."),
    ("p3", "2020-01-08", "Iran fired missiles at US bases in Iraq. The United States imposed new "
     "sanctions on Tehran."),
    ("p4", "2019-05-10", "China and the United States resumed trade talks in Washington. Beijing "
     "threatened to retaliate against new tariffs."),
    ("p5", "2023-07-26", "Soldiers detained President Bazoum in Niamey. ECOWAS threatened to use "
     "force against the junta in Niger."),
    ("p6", "2018-06-12", "Donald Trump met Kim Jong Un in Singapore."),
    ("p7", "2021-08-15", "The Taliban seized Kabul. The United Nations urged restraint."),
    ("p8", "2020-09-10", "Armenia accused Azerbaijan of shelling Stepanakert. Russia called for "
     "a ceasefire."),
]  # fmt: skip
# A long story first: its chunk finishes after the short ones behind it.
LONG = ("long", "2022-03-01", " ".join(text for _, _, text in STORIES * 4))


def stories() -> list[Story]:
    from tocsin.records import parse_date

    return [Story(sid, text, parse_date(date)) for sid, date, text in [LONG, *STORIES]]


def write_jsonl(path: Path) -> Path:
    lines = [json.dumps({"id": s, "date": d, "text": t}) for s, d, t in [LONG, *STORIES]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def expected(coder: Coder) -> list[dict[str, Any]]:
    """The events one process codes, in order."""
    events = [e.to_dict() for e in coder.code(stories())]
    assert len({e["story_id"] for e in events}) == len(STORIES) + 1
    return events


@pytest.fixture(scope="module")
def pool() -> Iterator[CoderPool]:
    with CoderPool(workers=2, chunk_stories=1) as pool:
        yield pool


def by_id(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    found = {r["id"]: r for r in records}
    assert len(found) == len(records), "duplicate event ids"
    return found


def test_two_workers_code_the_same_events_in_input_order(
    pool: CoderPool, expected: list[dict[str, Any]]
) -> None:
    events = [e.to_dict() for e in pool.code(stories())]
    assert events == expected


def test_unordered_output_has_the_same_events(
    pool: CoderPool, expected: list[dict[str, Any]]
) -> None:
    events = [e.to_dict() for e in pool.code(stories(), ordered=False)]
    assert by_id(events) == by_id(expected)  # each event once, whatever the order


def test_code_parallel_with_one_story_a_chunk_per_worker(expected: list[dict[str, Any]]) -> None:
    events = [e.to_dict() for e in code_parallel(stories()[1:4], workers=2)]
    assert events == [e for e in expected if e["story_id"] in {"p1", "p2", "p3"}]


def test_a_failing_story_is_its_own_error_and_the_others_keep_their_events(
    pool: CoderPool, expected: list[dict[str, Any]]
) -> None:
    broken = Story("broken-7", None, None)  # type: ignore[arg-type]
    results = list(pool.code_each([*stories()[1:3], broken]))
    assert [story.id for story, _ in results] == ["p1", "p2", "broken-7"]
    (_, failed) = results[2]
    assert failed.error is not None and "TypeError" in failed.error and not failed.events
    kept = [e.to_dict() for _, coded in results[:2] for e in coded.events]
    assert kept == [e for e in expected if e["story_id"] in {"p1", "p2"}]
    with pytest.raises(WorkerError, match=r"\[E004\] a worker failed to code story 'broken-7'"):
        list(pool.code([broken]))


class CrashingCoder(Coder):
    """A coder whose process dies on a story that says CRASH (as a crash in native code would)."""

    def code_parsed(self, story: Story, sentences: Any) -> Iterator[Any]:
        if "CRASH" in story.text:
            os._exit(9)
        return super().code_parsed(story, sentences)


@dataclass(frozen=True, slots=True)
class CrashingSettings(CoderSettings):
    def build(self) -> Coder:
        return CrashingCoder()


def test_a_worker_that_dies_costs_only_its_story(expected: list[dict[str, Any]]) -> None:
    crash = Story("crash", "CRASH. France met Mali.", None)
    with CoderPool(2, CrashingSettings(), chunk_stories=2) as pool:
        results = list(pool.code_each([*stories()[1:4], crash, *stories()[4:6]]))
    assert [story.id for story, _ in results] == ["p1", "p2", "p3", "crash", "p4", "p5"]
    errors = {story.id: coded.error for story, coded in results if coded.error}
    assert list(errors) == ["crash"] and "worker process died" in str(errors["crash"])
    kept = [e.to_dict() for _, coded in results for e in coded.events]
    assert kept == [e for e in expected if e["story_id"] in {"p1", "p2", "p3", "p4", "p5"}]


def test_a_worker_killed_midway_loses_nothing(expected: list[dict[str, Any]]) -> None:
    others = {p.pid for p in multiprocessing.active_children()}
    with CoderPool(1, chunk_stories=1) as pool:
        results = pool.code_each(stories()[1:] * 2)
        first = [next(results)]
        (worker,) = [p for p in multiprocessing.active_children() if p.pid not in others]
        os.kill(worker.pid or 0, signal.SIGKILL)  # as the out-of-memory killer would
        rest = list(results)
    coded = [c for _, c in first + rest]
    assert all(c.error is None for c in coded), "the stories in flight are coded again"
    events = [e.to_dict() for c in coded for e in c.events]
    assert events == [e for e in expected if e["story_id"] != "long"] * 2


def test_a_worker_that_cannot_build_its_coder_says_why(tmp_path: Path) -> None:
    bad = tmp_path / "verbs.tsv"
    bad.write_text(
        "id\tcode\tverbs\tobject\tmodifier\tprep\ttarget\tflags\texample\n"
        "mine\t999\tattack\t-\t-\t-\tobj\t-\t\n",
        encoding="utf-8",
    )
    with CoderPool(1, CoderSettings.of([bad])) as pool, pytest.raises(WorkerError) as failure:
        list(pool.code(stories()[1:2]))
    message = str(failure.value)
    assert "could not build its coder" in message
    assert "verbs.tsv:2" in message and "unknown CAMEO code" in message


def test_partitions_cover_the_file_on_line_boundaries(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "stories.jsonl")
    partitions = plan_partitions([str(path)], partition_bytes=400)
    assert len(partitions) >= 4
    pieces = [p for partition in partitions for p in partition.pieces]
    assert pieces[0].start == 0 and pieces[-1].end == path.stat().st_size
    assert all(a.end == b.start for a, b in itertools.pairwise(pieces))
    read = [i.story for partition in partitions for i in read_partition(partition)]
    assert [(s.id, s.text, s.date) for s in read] == [(s.id, s.text, s.date) for s in stories()]


def test_a_bad_record_is_named_by_its_line_in_the_whole_file(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "stories.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[6] = '{"id": "p6", "text": '  # line 7
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    partitions = plan_partitions([str(path)], 1)  # a line each
    assert [p.pieces[0].first_line for p in partitions] == list(range(1, len(STORIES) + 2))
    with pytest.raises(InputError, match=r"stories\.jsonl, line 7: malformed JSON"):
        list(read_partition(partitions[6]))
    skipped: list[InputError] = []
    read = [i.story.id for p in partitions for i in read_partition(p, None, True, skipped.append)]
    assert read == [s.id for s in stories() if s.id != "p6"]
    assert [e.line for e in skipped] == [7]


def test_a_retried_partition_replaces_its_file_and_stores_nothing_twice(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "stories.jsonl")
    partition = plan_partitions([str(path)], 400)[1]
    db = tmp_path / "events.sqlite"
    job = Job(CoderSettings(), out=str(tmp_path / "out"), store_url=str(db))
    first = code_partition(partition, job)
    second = code_partition(partition, job)  # a retry, after the first attempt stored its stories
    assert first.error is None and first.stories >= 2 and first.events > 0 and first.known == 0
    assert (second.stories, second.events) == (first.stories, first.events)
    assert second.known == first.stories
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == [partition.name]  # no temporary file left, no second copy
    written = parquet_records(tmp_path / "out")
    assert len(by_id(written)) == first.events  # every event of the partition, once
    with open_store(db) as store:
        assert store.count_stories() == first.stories
        assert sorted(store.event_ids()) == sorted(by_id(written))


def parquet_records(folder: Path) -> list[dict[str, Any]]:
    """The Parquet rows as `Event.to_dict()` records."""
    import pandas as pd

    parts = sorted(folder.glob("part-*.parquet"))  # named in input order
    frame = pd.concat([pd.read_parquet(part) for part in parts], ignore_index=True)
    records = []
    for row in frame.to_dict(orient="records"):
        record = {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in row.items()}
        record["date"] = record["date"].isoformat() if record["date"] is not None else None
        record["evidence"] = json.loads(str(record["evidence"]))
        if record["geonameid"] is not None:
            record["geonameid"] = int(record["geonameid"])
        records.append(record)
    return records


def test_cli_workers_write_what_one_process_writes(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "stories.jsonl")
    runner = CliRunner()
    one = runner.invoke(main, ["code", str(path), "--format", "csv"])
    two = runner.invoke(main, ["code", str(path), "--format", "csv", "--workers", "2"])
    assert one.exit_code == 0 and two.exit_code == 0, two.stderr
    assert two.stdout == one.stdout and one.stdout.count("\n") > 20


def test_cli_ingest_with_workers_stores_the_same_events(
    tmp_path: Path, expected: list[dict[str, Any]]
) -> None:
    path = write_jsonl(tmp_path / "stories.jsonl")
    db = tmp_path / "events.sqlite"
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(db), "--workers", "2"])
    assert result.exit_code == 0, result.stderr
    assert f"{len(STORIES) + 1} stories and {len(expected)} events stored" in result.stdout
    with open_store(db) as store:
        stored = [dict(e.record) for e in store.events()]
        assert store.story_ids() == sorted(s.id for s in stories())
    assert by_id(stored) == by_id(expected)


def test_dask_local_cluster_writes_the_same_events_as_parquet_and_to_postgres(
    tmp_path: Path, expected: list[dict[str, Any]]
) -> None:
    from tocsin.store.pgserver import TemporaryPostgres, find_bindir

    path = write_jsonl(tmp_path / "stories.jsonl")
    out = tmp_path / "events"
    out.mkdir()
    (out / "part-00099.parquet").write_bytes(b"left by an earlier job")
    args = ["code", str(path), "--dask", "local", "--workers", "2", "--out", str(out)]
    server = TemporaryPostgres().start() if find_bindir() is not None else None
    try:
        if server is not None:
            args += ["--db", server.url]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        parts = sorted(p.name for p in out.iterdir())
        assert len(parts) >= 2 and parts[0] == "part-00000.parquet"
        assert "part-00099.parquet" not in parts
        assert f"{len(STORIES) + 1} stories, {len(expected)} events" in result.stderr
        assert f"{len(parts)}/{len(parts)} partitions" in result.stderr
        assert parquet_records(out) == expected  # part files in order: the input order
        if server is not None:
            with open_store(server.url) as store:
                assert by_id([dict(e.record) for e in store.events()]) == by_id(expected)
                assert store.count_stories() == len(STORIES) + 1
    finally:
        if server is not None:
            server.stop()
