"""The `tocsin` command line: argument parsing and output only. Every command calls the same Python
API a user would (`tocsin.Coder`, `tocsin.knowledge.dictionaries`, ...)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import IO

import click

from tocsin.cli.options import date_callback, user_errors
from tocsin.coding.coder import Coder, build_coder
from tocsin.errors import InputError, TocsinError
from tocsin.io.dedup import DuplicateLink
from tocsin.io.inputs import read_inputs
from tocsin.io.outputs import WRITERS
from tocsin.records import Event, Story, parse_date


@click.group()
@click.version_option(package_name="tocsin")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
def main(verbose: int) -> None:
    """tocsin: political event data from news text (who did what to whom, when, where, why)."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )


@main.command("code")
@click.argument("inputs", nargs=-1, metavar="[INPUT ...]")
@click.option(
    "--out", "out_path", default="-", show_default=True, help="Output file, or - for stdout."
)
@click.option(
    "--format", "fmt", type=click.Choice(sorted(WRITERS)), default="jsonl", show_default=True
)
@click.option(
    "--date", callback=date_callback, help="Publication date (YYYY-MM-DD) for stories without one."
)
@click.option("--skip-bad", is_flag=True, help="Report bad records on stderr and code the rest.")
@click.option(
    "--dict",
    "dict_paths",
    multiple=True,
    type=click.Path(exists=True),
    help="Extra dictionary file or folder; its entries override the built-in ones.",
)
@click.option(
    "--dedup-stories",
    is_flag=True,
    help="Code a near-duplicate story (syndicated copy, updated version) once: later copies are "
    "reported on stderr and not coded. See docs/dedup.md.",
)
@click.option(
    "--merge-events",
    is_flag=True,
    help="Merge events with the same date, source, target, code and place into one record with "
    "num_mentions, num_sources, story_ids and urls (JSONL only). See docs/dedup.md.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    metavar="N",
    default=1,
    show_default=True,
    help="Code with N worker processes (the same events, in input order); with --dask local, "
    "the number of Dask workers.",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS|local",
    help="Code on a Dask cluster (tcp://HOST:8786, or local for a LocalCluster of --workers "
    "processes): --out names the folder of Parquet files, one per partition. See docs/scale.md.",
)
@click.option(
    "--db",
    "dask_db",
    metavar="URL",
    help="With --dask: also store the stories and events in this PostgreSQL store.",
)
def code_command(
    inputs: tuple[str, ...],
    out_path: str,
    fmt: str,
    date: dt.date | None,
    skip_bad: bool,
    dict_paths: tuple[str, ...],
    dedup_stories: bool,
    merge_events: bool,
    workers: int,
    dask_address: str | None,
    dask_db: str | None,
) -> None:
    """Code stories into events.

    INPUT is a JSONL file (one story a line: {"id", "text", "date"?, "title"?, "url"?, "source"?}),
    a .txt file (one story, id = file name), or - for JSONL on stdin (the default).
    """

    bad: list[InputError] = []

    def report(error: InputError) -> None:
        bad.append(error)
        click.echo(f"skipped: {error}", err=True)

    if merge_events and fmt != "jsonl":
        raise click.UsageError("--merge-events writes JSONL records; use --format jsonl")
    if dask_address is not None or dask_db is not None:
        from tocsin.cli.scale import code_on_dask

        unsupported = {"--dedup-stories": dedup_stories, "--merge-events": merge_events}
        code_on_dask(
            inputs,
            dask_address,
            out_path,
            fmt,
            dask_db,
            workers,
            user_dictionaries(dict_paths),
            date,
            skip_bad,
            [name for name, given in unsupported.items() if given],
        )
        return
    stories: Iterator[Story] = read_inputs(inputs or ("-",), date, skip_bad, report)
    if dedup_stories:
        from tocsin.io.dedup import NearDuplicateIndex, skip_near_duplicates

        def linked(link: DuplicateLink) -> None:
            click.echo(
                f"near-duplicate: {link.story_id} copies {link.original_id} "
                f"(similarity {link.similarity:.2f}); not coded",
                err=True,
            )

        stories = skip_near_duplicates(stories, NearDuplicateIndex(), linked)
    with _coding(dict_paths, workers) as code, _open_out(out_path) as out, user_errors():
        if merge_events:
            count = _write_merged(code, stories, out)
        else:
            count = WRITERS[fmt](code(stories), out)
    if bad:
        click.echo(f"{len(bad)} bad record(s) skipped; {count} event(s) written", err=True)


def _write_merged(code: CodeStories, stories: Iterator[Story], out: IO[str]) -> int:
    from tocsin.io.dedup import merge_events

    seen: dict[str, Story] = {}

    def remember(items: Iterator[Story]) -> Iterator[Story]:
        for story in items:
            seen[story.id] = story
            yield story

    records = merge_events((e.to_dict() for e in code(remember(stories))), seen)
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(records)


CodeStories = Callable[[Iterable[Story]], Iterator[Event]]


@contextmanager
def _coding(dict_paths: tuple[str, ...], workers: int) -> Iterator[CodeStories]:
    """The coder's `code`, or with several workers that of a pool of worker processes."""
    if workers == 1:
        yield _coder(dict_paths).code
        return
    from tocsin.run.parallel import CoderPool, CoderSettings

    with CoderPool(workers, CoderSettings.of(user_dictionaries(dict_paths))) as pool:
        yield pool.code


def user_dictionaries(dict_paths: tuple[str, ...]) -> tuple[str, ...]:
    """Users' dictionary files: those named by $TOCSIN_DICT (separated like PATH), then --dict."""
    configured = [p for p in os.environ.get("TOCSIN_DICT", "").split(os.pathsep) if p]
    missing = [p for p in configured if not os.path.exists(p)]
    if missing:
        raise click.ClickException(f"TOCSIN_DICT names {missing[0]}, which does not exist")
    return (*configured, *dict_paths)


def _coder(dict_paths: tuple[str, ...]) -> Coder:
    with user_errors():
        return build_coder(user_dictionaries(dict_paths))


class _open_out:
    """stdout for '-', else a file opened for writing."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.handle: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        if self.path == "-":
            return sys.stdout
        try:
            self.handle = open(self.path, "w", encoding="utf-8", newline="")
        except OSError as exc:
            raise click.ClickException(f"cannot write {self.path}: {exc.strerror}") from None
        return self.handle

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()


@main.group("actors")
def actors_group() -> None:
    """Actors: resolve a mention to its CAMEO code."""


@actors_group.command("resolve")
@click.argument("text")
@click.option("--date", callback=date_callback, help="Date (YYYY-MM-DD) that picks dated roles.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per answer.")
@click.option("--dict", "dict_paths", multiple=True, type=click.Path(exists=True))
def actors_resolve(
    text: str, date: dt.date | None, as_json: bool, dict_paths: tuple[str, ...]
) -> None:
    """Resolve TEXT ("the Malian army", "President Macron") to an actor code.

    With TEXT = -, reads JSONL {"text", "date"?} from stdin and answers each line in order.
    """
    coder = _coder(dict_paths)
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


@main.group("dict")
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


def sample_stories() -> Iterator[Story]:
    """The bundled demo stories (written for the project)."""
    text = resources.files("tocsin").joinpath("data/sample/stories.jsonl").read_text("utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            from tocsin.io.inputs import story_from_record

            yield story_from_record(json.loads(line), "sample/stories.jsonl", number)


@main.command("demo")
def demo_command() -> None:
    """Code the bundled sample stories and print the events as a table."""
    coder = _coder(())
    events = list(coder.code(sample_stories()))
    click.echo(format_table(events))
    click.echo(f"\n{len(events)} events from the bundled sample stories.")


def format_table(events: list[Event]) -> str:
    headers = ("story", "date", "source", "target", "code", "name", "quad", "goldstein", "verb")
    rows = [
        (
            e.story_id,
            e.date.isoformat() if e.date else "",
            e.source,
            e.target or "-",
            e.code,
            e.name[:34],
            str(e.quad_class),
            f"{e.goldstein:+.1f}",
            e.evidence.verb_text,
        )
        for e in events
    ]
    widths = [
        max(len(h), *(len(r[k]) for r in rows)) if rows else len(h) for k, h in enumerate(headers)
    ]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(lines)


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--mode",
    type=click.Choice(["events", "quad", "code", "plover"]),
    help="Gold format; detected from the first record when not given.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--show", type=click.Choice(["errors"]), help="List misses and false alarms.")
@click.option("--dict", "dict_paths", multiple=True, type=click.Path(exists=True))
def eval_command(
    gold: str, mode: str | None, as_json: bool, show: str | None, dict_paths: tuple[str, ...]
) -> None:
    """Score the coder on a gold file (PETRARCH-style codings, quad, code or PLOVER gold)."""
    from tocsin.run.evaluate import evaluate, format_report, read_gold

    coder = _coder(dict_paths)
    with user_errors(TocsinError, ValueError):
        report = evaluate(coder, read_gold(Path(gold)), mode)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        click.echo(format_report(report, show_errors=show == "errors"))


def _register_commands() -> None:
    """The store commands (ingest, query, export) and the web ones (serve, trend, alerts)."""
    from tocsin.cli.store import register as register_store
    from tocsin.cli.web import register as register_web

    register_store(main)
    register_web(main)


_register_commands()


if __name__ == "__main__":  # pragma: no cover
    main()
