"""The knowledge commands: `tocsin actors resolve` (a mention to its actor code, with the
dictionary entries that gave it) and `tocsin dict check` (dictionary files checked, file:line).

Argument parsing and output only: each command calls the Python API (`tocsin.coding.coder`,
`tocsin.knowledge.dictionaries`).
"""

from __future__ import annotations

import datetime as dt
import json
import sys

import click

from tocsin.cli.options import Dictionaries, date_callback, dictionary_options, json_option
from tocsin.coding.coder import Coder
from tocsin.records import parse_date


@click.group("actors")
def actors_group() -> None:
    """Actors: resolve a mention to its CAMEO code."""


@actors_group.command("resolve")
@click.argument("text")
@click.option("--date", callback=date_callback, help="Date (YYYY-MM-DD) that picks dated roles.")
@json_option("One JSON object per answer.")
@dictionary_options
def actors_resolve(
    text: str, date: dt.date | None, as_json: bool, dictionaries: Dictionaries
) -> None:
    """Resolve TEXT ("the Malian army", "President Macron") to an actor code.

    With TEXT = -, reads JSONL {"text", "date"?} from stdin and answers each line in order.
    """
    coder = dictionaries.coder()
    if text != "-":
        answer = actor_answer(coder, text, date)
        click.echo(json.dumps(answer, ensure_ascii=False) if as_json else _actor_line(answer))
        return
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            mention = str(record["text"])
            when = parse_date(record["date"]) if record.get("date") else date
        except (ValueError, KeyError, TypeError) as exc:
            raise click.ClickException(
                f'<stdin>, line {number}: expected {{"text": ..., "date": "YYYY-MM-DD"}} ({exc})'
            ) from None
        answer = actor_answer(coder, mention, when)
        click.echo(json.dumps(answer, ensure_ascii=False) if as_json else _actor_line(answer))


def actor_answer(coder: Coder, text: str, date: dt.date | None) -> dict[str, object]:
    """What `actors resolve` prints for one mention (the --json record)."""
    mention = coder.resolve_actor(text, date)
    if mention is None:
        return {
            "text": text,
            "date": date.isoformat() if date else None,
            "code": None,
            "country": None,
            "role": None,
            "entry": None,
            "entries": [],
            "kind": None,
        }
    return {
        "text": text,
        "date": date.isoformat() if date else None,
        "code": mention.code,
        "country": mention.country,
        "role": mention.role or None,
        "entry": mention.entries[0].ref() if mention.entries else None,
        "entries": [f"{e.ref()} ({e.name})" for e in mention.entries],
        "matched": mention.text,
        "kind": mention.kind,
    }


def _actor_line(answer: dict[str, object]) -> str:
    if answer["code"] is None:
        return f"{answer['text']}\t-\t(not resolved)"
    return f"{answer['text']}\t{answer['code']}\t{'; '.join(map(str, answer['entries']))}"  # type: ignore[call-overload]


@click.group("dict")
def dict_group() -> None:
    """Dictionary files: check them."""


@dict_group.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
def dict_check(paths: tuple[str, ...]) -> None:
    """Check dictionary files (the built-in ones when no PATH is given)."""
    from tocsin.knowledge.dictionaries import check_files
    from tocsin.knowledge.ontology import Ontology

    problems = check_files(list(paths), known_codes=(t.code for t in Ontology.load()))
    for problem in problems:
        click.echo(str(problem))
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) found")
    click.echo("ok: no problems found", err=True)
