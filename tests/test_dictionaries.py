"""Dictionary files: reading, checking, dated entries and users' overrides."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tocsin.cli import main
from tocsin.knowledge.dictionaries import check_files, load_dictionaries


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_built_in_dictionaries_pass_the_check() -> None:
    result = CliRunner().invoke(main, ["dict", "check"])
    assert result.exit_code == 0, result.stdout


def test_check_reports_file_and_line_of_each_problem(tmp_path: Path) -> None:
    bad = write(
        tmp_path / "mine.tsv",
        "code\tnames\tfrom\tuntil\tnote\n"
        "FRA\tFrance\t\t\t\n"
        "fr\tFrench\t\t\t\n"  # line 3: malformed code
        "MLIGOV\tAssimi Example\t2021-05\t\t\n"
        "MLIMIL\tAssimi Example\t2020-08-18\t2021-06-01\t\n"  # line 5: overlaps line 4
        "MLI\tMali\t2021-13-01\t\t\n",  # line 6: bad date
    )
    problems = check_files([bad])
    where = {(Path(p.path).name, p.line) for p in problems}
    assert where == {("mine.tsv", 3), ("mine.tsv", 5), ("mine.tsv", 6)}
    result = CliRunner().invoke(main, ["dict", "check", str(bad)])
    assert result.exit_code != 0
    assert "mine.tsv:3" in result.stdout and "malformed actor code" in result.stdout


def test_verb_pattern_problems(tmp_path: Path) -> None:
    bad = write(
        tmp_path / "verbs.tsv",
        "id\tcode\tverbs\tobject\tmodifier\tprep\ttarget\tflags\texample\n"
        "a\t999\tattack\t-\t-\t-\tobj\t-\t\n"
        "b\t190\tattack\t-\t-\t-\tsomewhere\t-\t\n"
        "c\t190\tattack\t-\t-\t-\tobj\tloud\t\n"
        "d\t190\tstrike\t-\t-\t-\tobj\t-\t\n"
        "d\t190\thit\t-\t-\t-\tobj\t-\t\n",
    )
    messages = [str(p) for p in check_files([bad], known_codes=["190"])]
    assert any(":2:" in m and "unknown CAMEO code" in m for m in messages)
    assert any(":3:" in m and "unknown target" in m for m in messages)
    assert any(":4:" in m and "unknown flag" in m for m in messages)
    assert any(":6:" in m and "already used" in m for m in messages)


def test_unknown_header_is_reported(tmp_path: Path) -> None:
    bad = write(tmp_path / "x.tsv", "name\tcode\nFrance\tFRA\n")
    (problem,) = check_files([bad])
    assert problem.line == 1 and "unknown header" in problem.message


def test_partial_dates_cover_whole_months_and_years(tmp_path: Path) -> None:
    path = write(
        tmp_path / "p.tsv",
        "code\tnames\tfrom\tuntil\tnote\nMLIGOV\tSomeone\t2021-05\t2022\t\n",
    )
    (entry,) = load_dictionaries([path], builtin=False).actors
    assert entry.start is not None and entry.start.isoformat() == "2021-05-01"
    assert entry.end is not None and entry.end.isoformat() == "2022-12-31"
