"""Actor resolution: `tocsin actors resolve`, dated roles, users' dictionaries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tocsin.cli import main
from tocsin.coding.coder import Coder
from tocsin.coding.nlp import Parser
from tocsin.knowledge.dictionaries import load_dictionaries
from tocsin.knowledge.ontology import Ontology

FIXTURES = Path(__file__).parent / "fixtures" / "dict"


def resolve(args: list[str], stdin: str | None = None) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["actors", "resolve", *args, "--json"], input=stdin)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_resolve_prints_code_country_role_and_entry() -> None:
    (answer,) = resolve(["the Malian army", "--dict", str(FIXTURES)])
    assert answer["code"] == "MLIMIL"
    assert answer["country"] == "MLI" and answer["role"] == "MIL"
    assert str(answer["entry"]).endswith("actors.tsv:4")


def test_resolve_reads_jsonl_from_stdin_and_answers_every_line_in_order() -> None:
    lines = "\n".join(
        json.dumps(r)
        for r in (
            {"text": "Jean Exemple", "date": "2018-01-01"},
            {"text": "no actor at all"},
            {"text": "Jean Exemple", "date": "2022-01-01"},
        )
    )
    answers = resolve(["-", "--dict", str(FIXTURES)], lines + "\n")
    assert [a["code"] for a in answers] == ["FRAELI", None, "FRAGOV"]
    assert [a["text"] for a in answers] == ["Jean Exemple", "no actor at all", "Jean Exemple"]


def test_bad_stdin_line_names_the_line() -> None:
    result = CliRunner().invoke(main, ["actors", "resolve", "-"], input='{"text": "Mali"}\nnope\n')
    assert result.exit_code != 0 and "line 2" in result.output


@pytest.mark.parametrize(
    ("text", "date", "code"),
    [
        ("Angela Merkel", "2010-05-01", "DEUGOV"),
        ("Angela Merkel", "2023-05-01", "DEUELI"),
        ("Emmanuel Macron", "2019-05-01", "FRAGOV"),
        ("Donald Trump", "2019-03-01", "USAGOV"),
        ("Donald Trump", "2023-03-01", None),  # out of office: ELI or OPP, checked below
    ],
)
def test_the_same_name_resolves_to_different_roles_at_different_dates(
    coder: Coder, text: str, date: str, code: str | None
) -> None:
    import datetime as dt

    mention = coder.resolve_actor(text, dt.date.fromisoformat(date))
    assert mention is not None
    if code is None:
        assert mention.code in ("USAELI", "USAOPP")
    else:
        assert mention.code == code


def test_users_entries_override_built_in_ones(
    tmp_path: Path, parser: Parser, ontology: Ontology
) -> None:
    mine = tmp_path / "mine.tsv"
    mine.write_text("code\tnames\tfrom\tuntil\tnote\nMLIGOV\tKoulouba Palace|Mali\t\t\t\n", "utf-8")
    dictionaries = load_dictionaries([mine], known_codes=(t.code for t in ontology))
    coder = Coder(parser=parser, ontology=ontology, dictionaries=dictionaries)
    mention = coder.resolve_actor("Mali")
    assert mention is not None and mention.code == "MLIGOV"
    assert mention.entries[0].file.endswith("mine.tsv")
    # names the user did not touch keep their built-in meaning
    other = coder.resolve_actor("Niger")
    assert other is not None and other.code == "NER"


def test_users_dictionaries_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / "mine.tsv"
    mine.write_text("code\tnames\tfrom\tuntil\tnote\nMLIGOV\tKoulouba Palace\t\t\t\n", "utf-8")
    monkeypatch.setenv("TOCSIN_DICT", str(mine))
    (answer,) = resolve(["Koulouba Palace"])
    assert answer["code"] == "MLIGOV" and str(answer["entry"]).endswith("mine.tsv:2")
    monkeypatch.setenv("TOCSIN_DICT", str(tmp_path / "nowhere.tsv"))
    result = CliRunner().invoke(main, ["actors", "resolve", "Mali"])
    assert result.exit_code != 0 and "nowhere.tsv" in result.output


@pytest.mark.parametrize(
    ("text", "date", "code"),
    [
        # an organisation in the title speaks through the person, whatever their role then
        ("NATO chief Jens Stoltenberg", "2026-01-10", "IGOWSTNAT"),
        ("Jens Stoltenberg", "2026-01-10", "NORGOV"),
        ("European Council President Donald Tusk", None, "IGOEUREEC"),
        # no story date: a government title picks the person's latest government office
        ("Ukrainian President Petro Poroshenko", None, "UKRGOV"),
        ("Petro Poroshenko", None, "UKROPP"),
        # with a date, the dictionary's dated role stands
        ("President Petro Poroshenko", "2022-01-10", "UKROPP"),
    ],
)
def test_titles_in_the_text(coder: Coder, text: str, date: str | None, code: str) -> None:
    import datetime as dt

    mention = coder.resolve_actor(text, dt.date.fromisoformat(date) if date else None)
    assert mention is not None and mention.code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a state body named after its leader is that state's body, at any date
        ("the Assad regime", "SYRGOV"),
        ("Putin's army", "RUSMIL"),
        # a role follows the one it is loyal to
        ("rebels loyal to Riek Machar", "SSDREB"),
        # regions belong to their state; long-ruling parties are the government
        ("Chechen rebels", "RUSREB"),
        ("the Catalan government", "ESPGOV"),
        ("Tigrayan forces", "ETHREBTPL"),
        ("the ANC", "ZAFGOV"),
    ],
)
def test_phrases_around_names(coder: Coder, text: str, code: str) -> None:
    import datetime as dt

    mention = coder.resolve_actor(text, dt.date(2025, 6, 1))
    assert mention is not None and mention.code == code


def test_a_backer_is_not_the_country_of_the_backed(coder: Coder) -> None:
    assert coder.resolve_actor("Turkish rebels") is not None  # the country alone does count
    assert coder.resolve_actor("Turkish-backed rebels") is None  # no country left to place them


@pytest.mark.parametrize(
    ("text", "date", "code"),
    [
        # a surname after a title finds the one person of that name in office at the date
        ("President Maduro", "2023-05-01", "VENGOV"),
        ("President Bush", "2004-05-01", "USAGOV"),
        ("Mr Lavrov", "2023-05-01", "RUSGOV"),
        # two people called Bush, neither in office: no guess
        ("President Bush", "2023-05-01", None),
        # a bare surname is not enough
        ("Maduro", "2023-05-01", None),
    ],
)
def test_a_titled_surname(coder: Coder, text: str, date: str, code: str | None) -> None:
    import datetime as dt

    mention = coder.resolve_actor(text, dt.date.fromisoformat(date))
    assert (mention.code if mention else None) == code
