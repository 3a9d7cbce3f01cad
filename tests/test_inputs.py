"""The one story reader (`tocsin.io.inputs`) and `tocsin code` on hostile input: every bad record
costs itself only, a file that cannot be read is an error, and outputs are never lost."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import tocsin.coding.nlp
from tocsin.cli import main
from tocsin.coding.nlp import TextTooLong, text_pieces
from tocsin.errors import InputError, UnreadableInput
from tocsin.io.inputs import Incoming, read_stories
from tocsin.records import parse_date

GOOD = {"id": "a", "date": "2021-06-04", "text": "ECOWAS suspended Mali."}
OTHER = {"id": "c", "date": "2021-06-04", "text": "Mali was suspended by the African Union."}


def read(*inputs: str) -> tuple[list[Incoming], list[InputError]]:
    rejects: list[InputError] = []
    return list(read_stories(inputs, rejects.append)), rejects


def lines(*records: object) -> bytes:
    return b"".join(
        (r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in records
    )


def run(args: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args, input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (b'{"id": "b", "text": "caf\xe9 au lait"}', "not UTF-8 (byte 0xe9"),
        (b'{"id": "b", "text": "half an emoji \\ud83d"}', "lone surrogate"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"id": "b", "text": "a\\u0000b"}', "NUL character"),
        (b'{"id": true, "text": "France met Mali."}', "'id' must be a string"),
        (b'{"id": 1.5, "text": "France met Mali."}', "'id' must be a string"),
        (b'{"id": "b", "text": "x", "date": "2021-06-04garbage"}', "bad 'date'"),
        (b'{"id": "b", "text": "x", "date": "20210604"}', "bad 'date'"),
        (b'{"id": 1' + b"0" * 5000 + b', "text": "x"}', "unreadable JSON"),
    ],
)
def test_a_bad_line_costs_that_line_only(tmp_path: Path, bad: bytes, reason: str) -> None:
    source = tmp_path / "mixed.jsonl"
    source.write_bytes(lines(GOOD, bad, OTHER))
    items, rejects = read(str(source))
    assert [i.story.id for i in items] == ["a", "c"]
    assert [i.line for i in items] == [1, 3]
    assert [(r.path, r.line) for r in rejects] == [(str(source), 2)]
    assert reason in str(rejects[0])


def test_a_utf8_bom_is_accepted_in_jsonl_csv_and_txt(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_bytes(codecs.BOM_UTF8 + lines(GOOD))
    (tmp_path / "b.csv").write_bytes(codecs.BOM_UTF8 + b"id,text\nb,France met Mali.\n")
    (tmp_path / "c.txt").write_bytes(codecs.BOM_UTF8 + b"Niger met Mali.")
    items, rejects = read(str(tmp_path))
    assert rejects == []
    assert [(i.story.id, i.story.text) for i in items] == [
        ("a", GOOD["text"]),
        ("b", "France met Mali."),
        ("c", "Niger met Mali."),
    ]


def test_ids_are_strings_and_numbers_are_written_once(tmp_path: Path) -> None:
    source = tmp_path / "ids.jsonl"
    source.write_bytes(lines({"id": 1000, "text": "x"}, {"id": "1000", "text": "y"},
                             {"id": 1e3, "text": "z"}))  # fmt: skip
    items, rejects = read(str(source))
    assert rejects == [] and [i.story.id for i in items] == ["1000", "1000", "1000"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2021-06-04", "2021-06-04"), ("2021-06-04T23:10:00Z", "2021-06-04"),
     ("2021-06-04 08:00:00+02:00", "2021-06-04")],
)  # fmt: skip
def test_dates_are_iso_dates_or_timestamps(value: str, expected: str) -> None:
    assert parse_date(value).isoformat() == expected


@pytest.mark.parametrize("value", ["2021-06-04garbage", "20210604", "2021-W22-5", "04/06/2021"])
def test_other_dates_are_refused(value: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date(value)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (codecs.BOM_UTF16_LE + json.dumps(GOOD).encode("utf-16-le"), "UTF-16"),
        (json.dumps(GOOD).encode("utf-16-le"), "UTF-16"),
        (bytes(range(256)) * 40, "binary"),
        (b"\x1f\x8b\x08\x00" + bytes(100), "gzip"),
    ],
)
def test_a_file_that_is_not_utf8_text_is_unreadable(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    source = tmp_path / "stories.jsonl"
    source.write_bytes(content)
    items, rejects = read(str(source))
    assert items == [] and len(rejects) == 1
    assert isinstance(rejects[0], UnreadableInput) and problem in str(rejects[0])


def test_long_texts_are_cut_at_paragraphs_then_lines_then_sentences() -> None:
    text = "First para. Still first.\n\nSecond para.\nSecond line. More.\n\nThird."
    pieces = text_pieces(text, limit=30)
    assert all(len(p) <= 30 for _, p in pieces)
    assert [text[o : o + len(p)] for o, p in pieces] == [p for _, p in pieces]
    assert [p for _, p in pieces] == [
        "First para. Still first.\n\n",
        "Second para.\n",
        "Second line. More.\n\n",
        "Third.",
    ]
    with pytest.raises(TextTooLong, match="without a paragraph"):
        text_pieces("x" * 100, limit=30)


def test_code_cuts_a_long_story_and_refuses_one_it_cannot_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paragraphs = "\n\n".join(["ECOWAS suspended Mali.", "France attacked Niger."] * 6)
    source = tmp_path / "long.jsonl"
    source.write_bytes(lines({"id": "long", "text": paragraphs},
                             {"id": "run", "text": "word" * 200}, OTHER))  # fmt: skip
    whole_code, whole, _ = run(["code", "-"], json.dumps({"id": "long", "text": paragraphs}))
    monkeypatch.setattr(tocsin.coding.nlp, "MAX_PIECE_CHARS", 60)
    code, out, err = run(["code", str(source), "--skip-bad"])
    assert code == 3 and whole_code == 0, err
    events = [json.loads(line) for line in out.splitlines()]
    assert [e for e in events if e["story_id"] == "long"] == [
        json.loads(line) for line in whole.splitlines()
    ]
    assert any(e["story_id"] == "c" for e in events)
    assert "line 2" in err and "without a paragraph, line or sentence break" in err


def test_code_reads_csv_html_and_folders(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "table.csv").write_text('id,date,text\nt1,2021-06-04,"ECOWAS suspended Mali."\n')
    (folder / "note.txt").write_text("France attacked Niger.", encoding="utf-8")
    code, out, err = run(["code", str(folder / "table.csv")])
    assert code == 0, err
    assert {json.loads(line)["story_id"] for line in out.splitlines()} == {"t1"}
    code, out, err = run(["code", str(folder)])
    assert code == 0, err
    assert {json.loads(line)["story_id"] for line in out.splitlines()} == {"t1", "note"}


def test_code_refuses_to_write_over_its_input(tmp_path: Path) -> None:
    source = tmp_path / "same.jsonl"
    source.write_bytes(lines(GOOD))
    before = source.read_bytes()
    code, _, err = run(["code", str(source), "--out", str(source)])
    assert code == 1 and "is an input of this run" in err
    assert source.read_bytes() == before


def test_a_failed_run_leaves_the_old_output_as_it_was(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_bytes(lines(GOOD, b"not json", OTHER))
    out = tmp_path / "events.jsonl"
    out.write_text("the old events\n", encoding="utf-8")
    code, _, err = run(["code", str(source), "--out", str(out)])
    assert code == 1 and "line 2" in err
    assert out.read_text(encoding="utf-8") == "the old events\n"
    assert {p.name for p in tmp_path.iterdir()} == {"bad.jsonl", "events.jsonl"}, "no temp file"
    code, _, _ = run(["code", str(source), "--out", str(out), "--skip-bad"])
    assert code == 3 and out.read_text(encoding="utf-8") != "the old events\n"


@pytest.mark.parametrize("name", ["missing.jsonl", "binary.jsonl"])
def test_code_exits_1_when_an_input_cannot_be_read(tmp_path: Path, name: str) -> None:
    (tmp_path / "binary.jsonl").write_bytes(bytes(range(256)) * 10)
    good = tmp_path / "good.jsonl"
    good.write_bytes(lines(GOOD))
    code, out, err = run(["code", str(good), str(tmp_path / name), "--skip-bad"])
    assert code == 1 and name in err
    assert out, "the readable input is still coded"


def test_exit_status_2_for_usage_errors() -> None:
    code, _, _ = run(["code", "--workers", "0"])
    assert code == 2
