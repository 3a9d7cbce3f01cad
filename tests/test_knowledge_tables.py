"""Every knowledge table is read by one reader, checked by `dict check` with file:line problems,
and can be extended or overridden by a user's file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tocsin.errors import DictionaryError
from tocsin.knowledge.dictionaries import check_files, load_dictionaries
from tocsin.knowledge.ontology import Ontology

CODES = frozenset(t.code for t in Ontology.load())


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_side_tables_are_loaded() -> None:
    tables = load_dictionaries(known_codes=CODES).tables
    assert tables.moods["0841"]["intent"].startswith("03")
    assert tables.weapons["drone"] == "195"
    assert tables.missions["042"]["peacekeeper"] == "074"
    assert tables.irregular["fought"] == "fight"
    assert ("world", "cup") in tables.sentence_cues()


def test_a_user_table_overrides_builtin_rows(tmp_path: Path) -> None:
    weapons = _write(tmp_path, "w.tsv", "code\twords\n194\tdrone|balloon\n")
    moods = _write(
        tmp_path, "m.tsv", "code\tappeal\tintent\tdemand\tthreat\treject\n0841\t-\t-\t-\t-\t-\n"
    )
    tables = load_dictionaries([weapons, moods], known_codes=CODES).tables
    assert tables.weapons["drone"] == "194"
    assert tables.weapons["balloon"] == "194"
    assert tables.moods["0841"] == {}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("code\twords\n19x\tballoon\n", 2, "unknown CAMEO code '19x'"),
        (
            "# a comment\ncode\tappeal\tintent\tdemand\tthreat\treject\n040\t9999\t-\t-\t-\t-\n",
            3,
            "'9999'",
        ),
        ("lemma\tforms\nfight\t-\n", 2, "a lemma and its forms"),
        ("code\tacts\twords\n074\t042|0x\tpeacekeeper\n", 2, "unknown CAMEO code '0x'"),
        ("code\tacts\twords\n074\t-\tpeacekeeper\n", 2, "no act codes given"),
        ("code\tname\nXX\tNowhere\n", 2, "not an ISO3 country code"),
        (
            "cue\tnote\nworld cup\tsport\textra\n",
            3 - 1,
            "expected 2 tab-separated columns, found 3",
        ),
        ("code\tcolour\n040\tred\n", 1, "unknown header"),
    ],
)
def test_problems_name_file_and_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = _write(tmp_path, "table.tsv", text)
    problems = check_files([path], known_codes=CODES)
    assert [(p.path, p.line) for p in problems] == [(str(path), line)]
    assert message in problems[0].message
    with pytest.raises(DictionaryError):
        load_dictionaries([path], known_codes=CODES)


def test_a_user_cameo_table_overrides_goldstein(tmp_path: Path) -> None:
    header = "code\troot\tgoldstein\tplover_type\tplover_mode\tplover_context\tname\n"
    path = _write(
        tmp_path, "cameo.tsv", header + "0841\t08\t9.5\tRELEASE\t-\t-\tReturn, release person(s)\n"
    )
    ontology = Ontology.load(extra=[path])
    assert ontology["0841"].goldstein == 9.5
    assert ontology["0841"].plover_type == "RELEASE"
    assert ontology["010"].goldstein == Ontology.load()["010"].goldstein


def test_a_malformed_cameo_row_is_a_problem(tmp_path: Path) -> None:
    header = "code\troot\tgoldstein\tplover_type\tplover_mode\tplover_context\tname\n"
    path = _write(tmp_path, "cameo.tsv", header + "0841\t08\tlots\t-\t-\t-\tRelease\n")
    problems = check_files([path], known_codes=CODES)
    assert [(p.line, "not a number" in p.message) for p in problems] == [(2, True)]


def test_builtin_knowledge_has_no_problems() -> None:
    assert check_files([], known_codes=CODES) == []
