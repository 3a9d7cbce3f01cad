"""The long commands tell what they did: a closing summary (stories, events, rejected, undated,
not English, time and rate), a warning naming a story not in English, and nothing with --quiet.
The bar itself is drawn only on a terminal (CliRunner's stderr is not one)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from tocsin.cli import main
from tocsin.cli.progress import count_stories

STORIES = [
    {"id": "en", "date": "2021-06-04", "text": "France suspended military cooperation with Mali."},
    {"id": "undated", "text": "Kenyan police arrested dozens of protesters in Nairobi."},
    {
        "id": "fr",
        "date": "2021-06-04",
        "text": "La France a suspendu sa coopération militaire avec le Mali après le second coup "
        "d'État en neuf mois, a annoncé le ministère des Armées jeudi.",
    },
]


def write_stories(tmp_path: Path) -> Path:
    path = tmp_path / "stories.jsonl"
    lines = [json.dumps(s, ensure_ascii=False) for s in STORIES]
    path.write_text("\n".join([*lines[:1], "not json", *lines[1:]]) + "\n", encoding="utf-8")
    return path


def test_code_ends_with_a_summary_and_names_the_story_not_in_english(tmp_path: Path) -> None:
    path = write_stories(tmp_path)
    command = ["code", str(path), "--skip-bad", "--out", str(tmp_path / "e.jsonl")]
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 3, result.output  # partial: a line was rejected (docs/errors.md)
    assert "story 'fr' looks like language 'fr', not English" in result.stderr
    events = len((tmp_path / "e.jsonl").read_text().splitlines())
    summary = re.search(
        r"(\d+) stories coded: (\d+) events, (\d+) rejected, (\d+) undated, (\d+) not English, "
        r"in [\d.]+ s \([\d.]+ stories/s\)",
        result.stderr,
    )
    assert summary is not None, result.stderr
    assert summary.groups() == ("3", str(events), "1", "1", "1")
    quiet = CliRunner().invoke(main, [*command, "--quiet"])
    assert quiet.exit_code == 3 and "stories coded" not in quiet.stderr


def test_ingest_counts_the_undated_and_foreign_stories(tmp_path: Path) -> None:
    path = write_stories(tmp_path)
    db = str(tmp_path / "s.sqlite")
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", db, "--quiet"])
    assert result.exit_code == 3, result.output  # partial: a line was rejected (docs/errors.md)
    assert "3 stories and" in result.stdout
    assert "1 rejected, 1 undated, 1 not English" in result.stdout


def test_the_bar_knows_its_total_for_local_files(tmp_path: Path) -> None:
    path = write_stories(tmp_path)
    txt = tmp_path / "one.txt"
    txt.write_text("France suspended military cooperation with Mali.", encoding="utf-8")
    assert count_stories([str(path), str(txt)]) == 5  # lines (a bad one too) and one .txt
    assert count_stories(["-"]) is None and count_stories([str(tmp_path)]) is None
