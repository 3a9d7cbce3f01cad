"""Fuzzing the story reader (hypothesis): whatever the bytes of a JSONL or CSV file, reading it
raises nothing, every line is either a story or a reject naming that line, and every good
record among the junk is read with its exact text (no data lost)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tocsin.errors import InputError, UnreadableInput
from tocsin.io.inputs import read_stories

EXAMPLES = 150
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Story text: any character but controls, surrogates and NUL (those are rejected on purpose).
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=80)
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)


def good_line(n: int, text: str) -> bytes:
    return json.dumps({"id": f"good-{n}", "text": text, "date": "2021-06-04"}).encode()


def junk_lines() -> st.SearchStrategy[bytes]:
    """Lines a broken exporter might write: random text, random JSON values, records with
    random fields, a good record with a bad byte, or deep nesting."""
    record = st.dictionaries(
        st.sampled_from(["id", "text", "date", "title", "url", "source", "other"]),
        JSON_VALUE | TEXT,
        max_size=6,
    ).map(lambda r: json.dumps(r).encode())
    return st.one_of(
        TEXT.map(lambda t: t.replace("\n", " ").encode()),
        JSON_VALUE.map(lambda v: json.dumps(v).encode()),
        record,
        st.tuples(TEXT, st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\\ud83d"])).map(
            lambda p: good_line(0, p[0])[:-2] + p[1] + b'"}'
        ),
        st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n),
    )


LINES = st.lists(
    st.one_of(TEXT.map(lambda t: ("good", t)), junk_lines().map(lambda b: ("junk", b))),
    min_size=1,
    max_size=25,
)


def accounted(
    path: Path,
) -> tuple[dict[int | None, Any], dict[int, InputError], list[InputError]]:
    rejects: list[InputError] = []
    stories = {item.line: item.story for item in read_stories([str(path)], rejects.append)}
    by_line = {r.line: r for r in rejects if r.line is not None}
    whole = [r for r in rejects if r.line is None]
    return stories, by_line, whole


@FUZZ
@given(lines=LINES)
def test_jsonl_every_line_is_a_story_or_a_reject(
    tmp_path: Path, lines: list[tuple[str, Any]]
) -> None:
    raw = [good_line(n, v) if kind == "good" else v for n, (kind, v) in enumerate(lines, 1)]
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(b"\n".join(raw) + b"\n")
    stories, by_line, whole = accounted(path)
    assume(not any(isinstance(r, UnreadableInput) for r in whole))  # a mostly-binary file
    assert whole == []
    for number, line in enumerate(raw, start=1):
        if not line.strip():
            continue
        assert (number in stories) != (number in by_line), f"line {number} lost or doubled"
    for number, (kind, text) in enumerate(lines, start=1):
        if kind == "good":
            assert stories[number].id == f"good-{number}" and stories[number].text == text


@FUZZ
@given(rows=st.lists(st.tuples(st.text(max_size=10), TEXT | st.just(""), st.text(max_size=12)),
                     min_size=1, max_size=15))  # fmt: skip
def test_csv_rows_are_stories_or_rejects(tmp_path: Path, rows: list[tuple[str, str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # quotes cells with CR or LF
    writer.writerow(["id", "text", "date"])
    writer.writerows(rows)
    path = tmp_path / "fuzz.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    rejects: list[InputError] = []
    items = list(read_stories([str(path)], rejects.append))
    assume(not any(isinstance(r, UnreadableInput) for r in rejects))
    assert len(items) + len(rejects) == len(rows), "each row is a story or a reject"
    kept = {item.story.text for item in items}
    for story_id, text, date in rows:
        if text.strip() and date == "" and "\x00" not in story_id + text:
            assert text.replace("\r\n", "\n").replace("\r", "\n") in kept
