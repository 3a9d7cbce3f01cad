"""Nothing lost: hostile records cost themselves only on both backends, the store is never
written over, and a story's identity is its id (a changed text is reported, --update recodes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tocsin.cli import main
from tocsin.store import open_store

from .helpers import INGEST_DICT_ARGS, story_record

HOSTILE = [
    b'{"id": "nul", "text": "France met Mali.\\u0000"}',
    b'{"id": "surrogate", "text": "France met Mali \\ud83d."}',
    b"[" * 50_000 + b"]" * 50_000,
    b'{"id": "latin1", "text": "Fran\xe7e met Mali."}',
    b'{"id": true, "text": "France met Mali."}',
    b'{"id": "bad-date", "text": "France met Mali.", "date": "2021-06-04garbage"}',
]


def ingest(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["ingest", *args, *INGEST_DICT_ARGS])
    return result.exit_code, result.stdout, result.stderr


def write(path: Path, *records: object) -> Path:
    path.write_bytes(
        b"".join((r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in records)
    )
    return path


@pytest.mark.parametrize("workers", ["1", "2"])
def test_hostile_records_are_rejected_and_the_rest_is_stored(
    db_url: str, tmp_path: Path, workers: str
) -> None:
    good = [story_record(n) for n in range(1, 5)]
    source = write(tmp_path / "in.jsonl", good[0], good[1], *HOSTILE, good[2], good[3])
    code, out, err = ingest(str(source), "--db", db_url, "--workers", workers)
    assert code == 3, err  # partial: docs/errors.md
    assert out.startswith("4 stories and ") and f"{len(HOSTILE)} rejected" in out
    for line, reason in enumerate(
        ["NUL", "lone surrogate", "nested too deeply", "not UTF-8", "'id' must be", "bad 'date'"],
        start=3,
    ):
        assert f"line {line}: " in err and reason in err
    with open_store(db_url) as store:
        assert sorted(store.story_ids()) == sorted(r["id"] for r in good)
        assert store.check() == []
    code, out, _ = ingest(str(source), "--db", db_url)
    assert code == 3 and out.startswith("0 stories and 0 events stored, 4 already stored")


def test_an_input_that_cannot_be_read_is_an_error(db_url: str, tmp_path: Path) -> None:
    utf16 = tmp_path / "utf16.jsonl"
    utf16.write_text(json.dumps(story_record(1)) + "\n", encoding="utf-16")
    for name in (str(tmp_path / "missing.jsonl"), str(utf16)):
        code, out, err = ingest(name, "--db", db_url)
        assert code == 1 and name in err, err
        assert out.startswith("0 stories and")


def test_a_changed_story_is_reported_and_recoded_with_update(db_url: str, tmp_path: Path) -> None:
    first = story_record(1)
    code, _, err = ingest(str(write(tmp_path / "a.jsonl", first)), "--db", db_url)
    assert code == 0, err
    changed = {**first, "text": "Russia attacked Ukraine. France condemned Russia."}
    source = write(tmp_path / "b.jsonl", changed)
    code, out, err = ingest(str(source), "--db", db_url)
    assert code == 3 and "changed: " in err and "is stored with a different text" in err
    assert "1 changed (not recoded: use --update)" in out
    with open_store(db_url) as store:
        stored = store.story(first["id"])
        assert stored is not None and stored.text == first["text"]
    code, out, err = ingest(str(source), "--db", db_url, "--update")
    assert code == 0, err
    assert out.startswith("1 stories and") and "1 updated" in out
    with open_store(db_url) as store:
        stored = store.story(first["id"])
        assert stored is not None and stored.text == changed["text"]
        assert store.check() == []
        sources = {e.source for e in store.events()}
        assert "RUS" in sources


def test_numeric_and_string_ids_are_one_story(db_url: str, tmp_path: Path) -> None:
    text = story_record(2)["text"]
    source = write(tmp_path / "ids.jsonl", {"id": 1000, "text": text}, {"id": "1000", "text": text})
    code, out, err = ingest(str(source), "--db", db_url)
    assert code == 0, err
    assert out.startswith("1 stories and") and "1 already stored" in out
    with open_store(db_url) as store:
        assert store.story_ids() == ["1000"]


def test_export_refuses_to_write_over_the_store(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    code, _, err = ingest(str(write(tmp_path / "a.jsonl", story_record(1))), "--db", str(db))
    assert code == 0, err
    before = db.read_bytes()
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "csv", str(db)])
    assert result.exit_code == 1 and "is the store itself" in result.stderr
    assert db.read_bytes() == before
    with open_store(db) as store:
        assert store.count_stories() == 1


def test_the_rejects_report_may_not_name_an_input(tmp_path: Path) -> None:
    source = write(tmp_path / "a.jsonl", story_record(1))
    before = source.read_bytes()
    code, _, err = ingest(str(source), "--db", str(tmp_path / "s.sqlite"), "--rejects", str(source))
    assert code == 1 and "is an input of this run" in err
    assert source.read_bytes() == before
