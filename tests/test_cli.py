"""The `tocsin code` contract: fields, formats, stdin, and bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tocsin.cli import main
from tocsin.coding.coder import Coder
from tocsin.records import EVENT_FIELDS

CONTRACT_FIELDS = {
    "id",
    "story_id",
    "sentence_index",
    "date",
    "source",
    "source_text",
    "target",
    "target_text",
    "code",
    "root_code",
    "quad_class",
    "goldstein",
    "plover",
    "sentence",
    "evidence",
}
STORY = {
    "id": "s1",
    "date": "2021-06-04",
    "text": "France suspended military cooperation with Mali.",
}


def run(args: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(main, args, input=stdin)
    return result.exit_code, result.stdout, result.stderr


def jsonl(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_stdin_jsonl_gives_the_contract_fields() -> None:
    code, out, err = run(["code", "-"], json.dumps(STORY) + "\n")
    assert code == 0, err
    (event,) = jsonl(out)
    assert set(event) >= CONTRACT_FIELDS
    assert (event["source"], event["target"], event["root_code"]) == ("FRA", "MLI", "16")
    assert isinstance(event["code"], str) and event["code"].startswith("16")
    assert event["story_id"] == "s1" and event["date"] == "2021-06-04"
    assert event["sentence"] == STORY["text"]
    assert event["evidence"]["verb_text"] == "suspended"  # type: ignore[index]


def test_csv_output_keeps_codes_as_strings(tmp_path: Path) -> None:
    source = tmp_path / "stories.jsonl"
    source.write_text(
        json.dumps(
            {"id": "a", "date": "2020-01-02", "text": "Mali was suspended by the African Union."}
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "events.csv"
    code, _, err = run(["code", str(source), "--out", str(out), "--format", "csv"])
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0]) == list(EVENT_FIELDS)
    assert rows[0]["code"].startswith("16") and rows[0]["target"] == "MLI"
    assert rows[0]["source"].startswith("IGO")
    assert json.loads(rows[0]["evidence"])["pattern_id"]


def test_txt_input_takes_the_file_name_and_date_option(tmp_path: Path) -> None:
    story = tmp_path / "bamako-report.txt"
    story.write_text("ECOWAS suspended Mali.", encoding="utf-8")
    code, out, err = run(["code", str(story), "--date", "2022-01-09"])
    assert code == 0, err
    (event,) = jsonl(out)
    assert event["story_id"] == "bamako-report" and event["date"] == "2022-01-09"
    assert str(event["source"]).startswith("IGO") and event["target"] == "MLI"


def test_the_cli_and_python_api_give_the_same_events(coder: Coder) -> None:
    from tocsin.records import Story

    text = "ECOWAS and the African Union suspended Mali. France condemned the coup."
    _, out, _ = run(["code", "-"], json.dumps({"id": "x", "date": "2021-06-04", "text": text}))
    import datetime as dt

    api = [e.to_dict() for e in coder.code([Story("x", text, dt.date(2021, 6, 4))])]
    assert jsonl(out) == api


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a", "text": "ECOWAS suspended Mali."}\n{"id": "b", "text": oops}\n', "line 2"),
        ('{"id": "a"}\n', "has no 'text'"),
        ('{"id": "a", "text": "x", "date": "04/06/2021"}\n', "bad 'date'"),
        ('["not", "an", "object"]\n', "not a JSON object"),
    ],
)
def test_bad_records_name_the_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text(content, encoding="utf-8")
    code, _, err = run(["code", str(source)])
    assert code != 0
    assert str(source) in err and message in err


def test_skip_bad_reports_and_codes_the_rest(tmp_path: Path) -> None:
    source = tmp_path / "mixed.jsonl"
    source.write_text(
        '{"id": "a", "date": "2021-01-01", "text": "ECOWAS suspended Mali."}\n'
        "this is not json\n"
        '{"id": "c", "date": "2021-01-01", "text": "Mali was suspended by the African Union."}\n',
        encoding="utf-8",
    )
    code, out, err = run(["code", str(source), "--skip-bad"])
    assert code == 3  # partial: docs/errors.md
    assert [e["story_id"] for e in jsonl(out)] == ["a", "c"]
    assert "line 2" in err and "1 bad record(s) skipped" in err


def test_unreadable_file_is_an_error(tmp_path: Path) -> None:
    code, _, err = run(["code", str(tmp_path / "missing.jsonl")])
    assert code != 0 and "missing.jsonl" in err and "no such file" in err


def test_bad_date_option_is_rejected() -> None:
    code, _, err = run(["code", "-", "--date", "June 4"], "")
    assert code != 0 and "--date" in err


def test_empty_text_gives_no_events_and_no_error() -> None:
    code, out, err = run(["code", "-"], json.dumps({"id": "e", "text": ""}) + "\n")
    assert code == 0, err
    assert out == ""


FIXTURE_DICT = str(Path(__file__).parent / "fixtures" / "dict")


def test_dedup_stories_codes_a_syndicated_copy_once(tmp_path: Path) -> None:
    text = (
        "ECOWAS suspended Mali on Sunday after the second coup in nine months. "
        "Leaders of the bloc met in Accra and said the suspension would last until elections."
    )
    source = tmp_path / "s.jsonl"
    source.write_text(
        json.dumps({"id": "wire", "date": "2021-05-30", "text": text})
        + "\n"
        + json.dumps({"id": "reprint", "date": "2021-05-30", "text": "ACCRA (AP) - " + text})
        + "\n",
        encoding="utf-8",
    )
    args = ["code", str(source), "--dict", FIXTURE_DICT]
    _, plain, _ = run(args)
    code, out, err = run([*args, "--dedup-stories"])
    assert code == 0, err
    assert {e["story_id"] for e in jsonl(plain)} == {"wire", "reprint"}
    assert {e["story_id"] for e in jsonl(out)} == {"wire"}
    assert "reprint copies wire" in err


def test_merge_events_counts_mentions_and_sources(tmp_path: Path) -> None:
    source = tmp_path / "s.jsonl"
    stories = [
        {"id": "a", "date": "2021-05-30", "source": "Paper A", "text": "ECOWAS suspended Mali."},
        {"id": "b", "date": "2021-05-30", "source": "Paper B", "text": "ECOWAS suspended Mali."},
        {"id": "c", "date": "2021-06-02", "source": "Paper B", "text": "ECOWAS suspended Mali."},
    ]
    source.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
    code, out, err = run(["code", str(source), "--dict", FIXTURE_DICT, "--merge-events"])
    assert code == 0, err
    records = jsonl(out)
    assert [(r["date"], r["num_mentions"], r["num_sources"]) for r in records] == [
        ("2021-05-30", 2, 2),
        ("2021-06-02", 1, 1),
    ]
    assert records[0]["story_ids"] == ["a", "b"]


@pytest.mark.parametrize(
    "args",
    [
        ["code", "-"],
        ["ingest", "-", "--db", "{tmp}/store.sqlite"],
        ["actors", "resolve", "Mali"],
        ["demo"],
        ["eval", "{tmp}/gold.jsonl"],
        ["serve", "--db", "{tmp}/store.sqlite"],
        ["code", "-", "--no-builtin-dicts", "--dict", FIXTURE_DICT],
    ],
    ids=["code", "ingest", "actors", "demo", "eval", "serve", "only-user-dicts"],
)
def test_every_coding_command_reads_the_dictionaries_of_tocsin_dict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    (tmp_path / "gold.jsonl").write_text(json.dumps({"text": "x", "quad": 0}) + "\n", "utf-8")
    monkeypatch.setenv("TOCSIN_DICT", str(tmp_path / "nowhere.tsv"))
    code, _, err = run([a.format(tmp=tmp_path) for a in args], "")
    assert code != 0 and "TOCSIN_DICT names" in err and "nowhere.tsv" in err
    assert not (tmp_path / "store.sqlite").exists()  # refused before anything was written
