"""Dictionary files: reading, checking, dated entries and users' overrides."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from tocsin.cli import main
from tocsin.coding.coder import Coder
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


def test_named_sets_are_written_once_and_expand_in_patterns(tmp_path: Path) -> None:
    mine = write(
        tmp_path / "mine.tsv",
        "set\twords\tnote\n"
        "&plead\tbeg|beseech\t\n"
        "\n"
        "id\tcode\tverbs\tobject\tmodifier\tprep\ttarget\tflags\texample\n",
    )
    # a set file and a pattern file are separate files: the header says which kind a file is
    patterns = write(
        tmp_path / "patterns.tsv",
        "id\tcode\tverbs\tobject\tmodifier\tprep\ttarget\tflags\texample\n"
        "beg-aid\t023\t&plead|implore\taid\t-\t-\tobj\t-\t\n"
        "urge-more\t020\t&appeal\t-\t-\t-\tobj\t-\t\n",
    )
    sets_only = write(tmp_path / "sets.tsv", "set\twords\tnote\n&plead\tbeg|beseech\t\n")
    loaded = load_dictionaries([sets_only, patterns], builtin=True)
    beg = next(p for p in loaded.patterns if p.id == "beg-aid")
    assert beg.verbs == (("beg",), ("beseech",), ("implore",))
    urge = next(p for p in loaded.patterns if p.id == "urge-more")
    assert ("call", "on") in urge.verbs and ("urge",) in urge.verbs  # the built-in &appeal
    assert check_files([mine]) != []  # a set file with a pattern header after it: bad columns


def test_unknown_or_malformed_sets_are_reported(tmp_path: Path) -> None:
    bad = write(
        tmp_path / "sets.tsv",
        "set\twords\tnote\n"
        "&ok\tbeg\t\n"
        "plead\tbeg\t\n"  # line 3: no &
        "&empty\t-\t\n"  # line 4: no words
        "&nested\t&ok|ask\t\n"  # line 5: a set of sets
        "&ok\tpray\t\n",  # line 6: a user's file may redefine its own set
    )
    patterns = write(
        tmp_path / "verbs.tsv",
        "id\tcode\tverbs\tobject\tmodifier\tprep\ttarget\tflags\texample\n"
        "a\t020\t&nosuch\t-\t-\t-\tobj\t-\t\n",
    )
    messages = [str(p) for p in check_files([bad, patterns])]
    assert any("sets.tsv:3" in m and "malformed set name" in m for m in messages)
    assert any("sets.tsv:4" in m and "no words" in m for m in messages)
    assert any("sets.tsv:5" in m and "not other sets" in m for m in messages)
    assert any("verbs.tsv:2" in m and "unknown set '&nosuch'" in m for m in messages)
    assert not any("sets.tsv:6" in m for m in messages)


def test_built_in_sets_are_used_on_many_rows() -> None:
    """The appeal verbs are listed once, in the set file, not copied on every appeal pattern."""
    from tocsin.knowledge.dictionaries import builtin_paths

    verb_files = [p for p in builtin_paths() if p.parent.name == "verbs"]
    rows = [
        line.split("\t")
        for p in verb_files
        for line in p.read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    verbs_cells = [r[2] for r in rows if len(r) == 9]
    assert sum("&appeal" in c for c in verbs_cells) >= 40
    assert not any("implore|exhort|beseech" in c for c in verbs_cells if "&" not in c)


PEOPLE_BLOCKS = (
    "# a people file written for the test\n"
    "names\tcode\tfrom\tuntil\tnote\n"
    "Jean Exemple|Exemple\n"
    "\tFRAELI\t2010\t2019-12-31\tbefore office\n"
    "\tFRAGOV\t2020-01-01\t-\tan invented president\n"
    "Marie Autre\n"
    "\tMLIOPP\t2021-06\t-\tan invented opposition leader\n"
)


def test_a_people_file_names_each_person_once_with_dated_roles_below(tmp_path: Path) -> None:
    path = tmp_path / "people.tsv"
    path.write_text(PEOPLE_BLOCKS, encoding="utf-8")
    actors = load_dictionaries([path], builtin=False).actors
    assert [(a.code, a.names, str(a.start), str(a.end), a.line) for a in actors] == [
        ("FRAELI", ("Jean Exemple", "Exemple"), "2010-01-01", "2019-12-31", 4),
        ("FRAGOV", ("Jean Exemple", "Exemple"), "2020-01-01", "None", 5),
        ("MLIOPP", ("Marie Autre",), "2021-06-01", "None", 7),
    ]
    assert {a.kind for a in actors} == {"person"}


def test_people_file_problems_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "people.tsv"
    path.write_text(
        "names\tcode\tfrom\tuntil\tnote\n"
        "\tFRAGOV\t2020\t-\tno person above\n"
        "Jean Exemple\tFRAGOV\t2020\t-\t\n"
        "\tFRAGOV\t2020\t-\t\n"
        "\tFRAXX\t2020\t-\tbad code\n"
        "Marie Autre\n",
        encoding="utf-8",
    )
    problems = [(p.line, p.message) for p in check_files([path])]
    assert [line for line, _ in problems] == [2, 3, 5, 6]
    assert "no person above" in problems[0][1]
    assert "own line below" in problems[1][1]
    assert "malformed actor code" in problems[2][1]
    assert "has no role lines" in problems[3][1]


def test_the_built_in_people_reach_back_to_1945(coder: Coder) -> None:
    """A 1980s story's "Chancellor Kohl" is West Germany's government, a 1950s Churchill the
    British government, and Kohl in 2005 a former office holder."""
    kohl_1985 = coder.resolve_actor("Chancellor Helmut Kohl", dt.date(1985, 5, 1))
    kohl_2005 = coder.resolve_actor("Helmut Kohl", dt.date(2005, 5, 1))
    churchill = coder.resolve_actor("Winston Churchill", dt.date(1953, 1, 1))
    assert kohl_1985 is not None and kohl_1985.code == "DEUGOV"
    assert kohl_2005 is not None and kohl_2005.code == "DEUELI"
    assert churchill is not None and churchill.code == "GBRGOV"
