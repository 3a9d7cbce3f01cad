"""The coding commands: `tocsin code` (stories in, events out), `tocsin demo` (the bundled sample
as a table) and `tocsin eval` (the coder scored on a gold file).

Argument parsing and output only: each command calls the Python API (`tocsin.coding.coder`,
`tocsin.io`, `tocsin.run.evaluate`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from tocsin.cli.options import (
    Dictionaries,
    dictionary_options,
    finish,
    json_option,
    quiet_option,
    relevance_option,
    story_date_option,
    user_errors,
    workers_option,
)
from tocsin.cli.output import format_rows
from tocsin.cli.progress import RunReport, count_stories
from tocsin.errors import InputError, TocsinError, UnreadableInput
from tocsin.io.inputs import Incoming, read_stories
from tocsin.io.outputs import WRITERS, atomic_text, refuse_overwrite
from tocsin.records import Event, Story
from tocsin.run.ingest import code_stories

if TYPE_CHECKING:
    from tocsin.coding.coder import Coder
    from tocsin.run.parallel import CoderPool


@click.command("code")
@click.argument("inputs", nargs=-1, metavar="[INPUT ...]")
@click.option(
    "--out", "out_path", default="-", show_default=True, help="Output file, or - for stdout."
)
@click.option(
    "--format", "fmt", type=click.Choice(sorted(WRITERS)), default="jsonl", show_default=True
)
@story_date_option
@click.option("--skip-bad", is_flag=True, help="Report bad records on stderr and code the rest.")
@dictionary_options
@relevance_option
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
@workers_option(
    "Code with N worker processes (the same events, in input order); with --dask local, "
    "the number of Dask workers."
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS|local",
    help="Code on a Dask cluster (tcp://HOST:8786, or local for a LocalCluster of --workers "
    "processes): --out names the folder of Parquet files, one per partition. See docs/scale.md.",
)
@click.option(
    # not the store commands' --db: it is only read with --dask, and not from $TOCSIN_DB
    "--db",
    "dask_db",
    metavar="URL",
    help="With --dask: also store the stories and events in this PostgreSQL store.",
)
@quiet_option
def code_command(
    inputs: tuple[str, ...],
    out_path: str,
    fmt: str,
    date: dt.date | None,
    skip_bad: bool,
    dictionaries: Dictionaries,
    dedup_stories: bool,
    merge_events: bool,
    workers: int,
    dask_address: str | None,
    dask_db: str | None,
    quiet: bool,
) -> None:
    """Code stories into events.

    INPUT is a JSONL, CSV, TXT, HTML or RSS/Atom file, a folder of them, an http(s) URL, or -
    for JSONL on stdin (the default); see docs/errors.md. A bad record stops the run with exit
    status 1 and --out untouched; with --skip-bad it is reported (file, line, reason) and the
    rest is coded (exit status 3). An --out that names an input is refused.
    """
    names = inputs or ("-",)
    counts = {"rejected": 0, "unreadable": 0, "coded": 0}
    run = RunReport(quiet, count_stories(names))

    def report(error: InputError) -> None:
        if not skip_bad:
            raise error
        counts["rejected"] += 1
        counts["unreadable"] += isinstance(error, UnreadableInput)
        run.warn(f"skipped: {error}")

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
            dictionaries.settings(),
            date,
            skip_bad,
            [name for name, given in unsupported.items() if given],
        )
        return
    with user_errors():
        refuse_overwrite(out_path, names)
    items = read_stories(names, report, date)
    if dedup_stories:
        items = _skip_near_duplicates(items)
    seen: dict[str, Story] = {}  # the stories of the merged events (their sources, urls)

    def events(coder: Coder | CoderPool) -> Iterator[Event]:
        for item, coded in code_stories(coder, _watched(run, items), report):
            counts["coded"] += 1
            if merge_events:
                seen[item.story.id] = item.story
            yield from coded.events

    try:
        with (
            dictionaries.open_coder(workers) as coder,
            user_errors(),
            atomic_text(out_path) as out,
        ):
            if merge_events:
                count = _write_merged(events(coder), seen, out)
            else:
                count = WRITERS[fmt](run.count(events(coder)), out)
    finally:
        run.close()
    run.events, run.rejected = count, counts["rejected"]
    if counts["rejected"]:
        click.echo(
            f"{counts['rejected']} bad record(s) skipped; {count} event(s) written", err=True
        )
    if not quiet:
        click.echo(run.summary(), err=True)
    finish(rejected=counts["rejected"], unreadable=counts["unreadable"], done=counts["coded"])


def _watched(run: RunReport, items: Iterator[Incoming]) -> Iterator[Incoming]:
    for item in items:
        run.see(item.story)
        yield item


def _skip_near_duplicates(items: Iterator[Incoming]) -> Iterator[Incoming]:
    """The stories that copy no earlier one; each copy is reported on stderr and not coded."""
    from tocsin.io.dedup import NearDuplicateIndex

    index = NearDuplicateIndex()
    for item in items:
        story = item.story
        link = index.add(story.id, f"{story.title}\n{story.text}" if story.title else story.text)
        if link is None:
            yield item
            continue
        click.echo(
            f"near-duplicate: {link.story_id} copies {link.original_id} "
            f"(similarity {link.similarity:.2f}); not coded",
            err=True,
        )


def _write_merged(events: Iterator[Event], seen: dict[str, Story], out: IO[str]) -> int:
    from tocsin.io.dedup import merge_events

    records = merge_events((e.to_dict() for e in events), seen)
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(records)


# --- demo --------------------------------------------------------------------------------------


@click.command("demo")
@click.option(
    "--db",
    metavar="PATH",
    help="Store the sample's stories and events in this store (coded once; already stored "
    "stories are skipped) and print what to do next, instead of printing the events.",
)
@quiet_option
@dictionary_options
def demo_command(db: str | None, quiet: bool, dictionaries: Dictionaries) -> None:
    """Code the bundled sample stories (341, 2019-2024) and print the events as a table, or with
    --db store them for the dashboard."""
    if db is not None:
        from tocsin.cli.store import store_sample

        store_sample(db, dictionaries.coder(), quiet)
        return
    events = list(dictionaries.coder().code(sample_stories()))
    click.echo(format_table(events))
    click.echo(f"\n{len(events)} events from the bundled sample stories.")


def sample_stories() -> Iterator[Story]:
    """The bundled demo stories (written for the project)."""
    from tocsin.io.inputs import story_from_record

    text = resources.files("tocsin").joinpath("data/sample/stories.jsonl").read_text("utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield story_from_record(json.loads(line), "sample/stories.jsonl", number)


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
    return format_rows(headers, rows)


# --- eval --------------------------------------------------------------------------------------


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--mode",
    type=click.Choice(["events", "quad", "code", "plover", "dyads"]),
    help="Gold format; detected from the first record when not given.",
)
@json_option("Print the figures as JSON.")
@click.option("--show", type=click.Choice(["errors"]), help="List misses and false alarms.")
@dictionary_options
def eval_command(
    gold: str, mode: str | None, as_json: bool, show: str | None, dictionaries: Dictionaries
) -> None:
    """Score the coder on a gold file (PETRARCH-style codings, dyads, quad, code or PLOVER gold)."""
    from tocsin.run.dyad_scoring import format_dyad_errors, format_dyad_report
    from tocsin.run.evaluate import detect_mode, evaluate, evaluate_dyads, format_report, read_gold

    coder = dictionaries.coder()
    with user_errors(TocsinError, ValueError):
        records = list(read_gold(Path(gold)))
        mode = mode or (detect_mode(records[0]) if records else "events")
        if mode == "dyads":
            dyads = evaluate_dyads(coder, records)
            if as_json:
                click.echo(json.dumps(dyads.as_dict(), indent=2))
            else:
                click.echo(format_dyad_report(dyads))
                if show == "errors":
                    click.echo("\n" + format_dyad_errors(dyads))
            return
        report = evaluate(coder, records, mode)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        click.echo(format_report(report, show_errors=show == "errors"))
