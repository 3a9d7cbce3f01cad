"""The store commands of the CLI: `tocsin ingest`, `tocsin query` and `tocsin export`.

Argument parsing and output only: each command calls the Python API (`tocsin.store`,
`tocsin.run.ingest`, `tocsin.io.exports`).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any

import click

from tocsin.cli.options import (
    Dictionaries,
    db_option,
    dictionary_options,
    filter_options,
    finish,
    open_existing,
    quiet_option,
    relevance_option,
    story_date_option,
    user_errors,
    workers_option,
)
from tocsin.cli.output import format_rows
from tocsin.cli.progress import RunReport, count_stories
from tocsin.errors import ChangedStory, InputError, TocsinError
from tocsin.io.outputs import atomic_text, refuse_overwrite
from tocsin.store import (
    COUNT_KEYS,
    DYAD_LEVELS,
    DyadLevel,
    EventFilter,
    Store,
    StoredEvent,
    open_store,
)

EXPORT_FORMATS = ("jsonl", "csv", "parquet", "gdelt", "icews", "phoenix", "polecat")


# --- ingest ------------------------------------------------------------------------------------


class IngestProgress:
    """The bar of an ingest: every story read (stored, already stored or rejected) moves it."""

    def __init__(self, run: RunReport) -> None:
        self.run = run

    def __call__(self, summary: Any) -> None:
        bar = self.run.bar
        bar.n = summary.stories + summary.known + summary.rejects
        bar.set_postfix(events=summary.events, refresh=False)
        bar.refresh()


@contextmanager
def _rejects_file(path: str | None) -> Iterator[Any]:
    if path is None:
        yield None
        return
    with user_errors(), atomic_text(path) as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["file", "line", "reason"])
        yield writer


@click.command("ingest")
@click.argument("inputs", nargs=-1, metavar="[INPUT ...]")
@db_option
@story_date_option
@dictionary_options
@relevance_option
@click.option(
    "--rejects",
    "rejects_path",
    type=click.Path(dir_okay=False),
    help="Also write the rejects report (file, line, reason) to this TSV file.",
)
@workers_option("Code with N worker processes (the stories are stored in input order).")
@click.option(
    "--update",
    is_flag=True,
    help="Code again a story whose id is stored with another text, and replace it "
    "(else it is reported as changed and left as stored).",
)
@quiet_option
def ingest_command(
    inputs: tuple[str, ...],
    db: str,
    date: dt.date | None,
    dictionaries: Dictionaries,
    rejects_path: str | None,
    workers: int,
    update: bool,
    quiet: bool,
) -> None:
    """Code stories and store them with their events.

    INPUT is a JSONL, CSV, TXT, HTML or RSS/Atom file, a directory of them, an http(s) URL, or -
    for JSONL on stdin. Stories already stored are skipped, so an interrupted ingest is resumed by
    running it again. Bad records are reported (file, line, reason) and the rest is stored; a
    story whose id is stored with another text is reported, and recoded with --update. Exit
    status 0 when all is stored, 3 when some records were rejected, 1 when an input cannot be
    read or nothing could be stored (docs/errors.md).
    """
    names = inputs or ("-",)
    with user_errors():
        if rejects_path is not None:
            refuse_overwrite(rejects_path, names, db)
        store = open_store(db, create=True)
    with store, dictionaries.open_coder(workers) as coder:
        summary = ingest_with_progress(
            store, coder, names, date, rejects_path, quiet, count_stories(inputs), update
        )
    click.echo(summary.line())
    if summary.unreadable:
        click.echo(
            f"error: {summary.unreadable} input(s) could not be read; see the messages above",
            err=True,
        )
    left = summary.changed - summary.updated  # changed stories left as stored: partial
    finish(
        rejected=summary.rejects + left,
        unreadable=summary.unreadable,
        done=summary.stories + summary.known + left,
    )


def ingest_with_progress(
    store: Store,
    coder: Any,
    inputs: Sequence[str],
    date: dt.date | None,
    rejects_path: str | None,
    quiet: bool,
    total: int | None = None,
    update: bool = False,
) -> Any:
    """`tocsin.run.ingest.ingest_inputs` with a progress bar, rejects reported on stderr (and
    to the rejects file), and the undated and non-English new stories counted in the summary."""
    from dataclasses import replace

    from tocsin.run.ingest import ingest_inputs

    run = RunReport(quiet, total)
    with _rejects_file(rejects_path) as report:

        def reject(error: InputError) -> None:
            label = "changed" if isinstance(error, ChangedStory) else "rejected"
            run.warn(f"{label}: {error}")
            if report is not None:
                report.writerow([error.path, error.line or "", _reason(error)])

        try:
            summary = ingest_inputs(
                store, coder, inputs, reject, date, IngestProgress(run), None, run.check, update
            )
        except KeyboardInterrupt:
            raise click.ClickException(
                "interrupted; every story stored so far is complete: run the same command "
                "again to resume"
            ) from None
        except TocsinError as exc:
            raise click.ClickException(str(exc)) from None
        finally:
            run.close()
    return replace(summary, undated=run.undated, not_english=run.not_english)


def _reason(error: InputError) -> str:
    text = str(error)
    where = f"{error.path}, line {error.line}: " if error.line is not None else f"{error.path}: "
    return text.split(where, 1)[-1]


# --- query -------------------------------------------------------------------------------------

TABLE_COLUMNS: tuple[tuple[str, Callable[[StoredEvent], str]], ...] = (
    ("date", lambda e: e.date.isoformat() if e.date else ""),
    ("story", lambda e: e.story_id),
    ("source", lambda e: e.source),
    ("target", lambda e: e.target or "-"),
    ("code", lambda e: e.code),
    ("name", lambda e: str(e.record.get("name", ""))[:34]),
    ("quad", lambda e: str(e.quad_class)),
    ("goldstein", lambda e: f"{e.goldstein:+.1f}"),
    ("verb", lambda e: str((e.record.get("evidence") or {}).get("verb_text", ""))),
)


@click.command("query")
@db_option
@filter_options
@click.option("--limit", type=click.IntRange(min=0), help="At most N rows.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "csv"]),
    default="table",
    show_default=True,
)
@click.option(
    "--count-by",
    type=click.Choice(sorted(COUNT_KEYS)),
    help="Count the events by dyad, root, code ... instead of listing them.",
)
@click.option(
    "--level",
    type=click.Choice(DYAD_LEVELS),
    default="country",
    show_default=True,
    help="With --count-by dyad: dyads of countries (as the dashboard counts them) or of full "
    "actor codes.",
)
def query_command(
    db: str, where: EventFilter, limit: int | None, fmt: str, count_by: str | None, level: str
) -> None:
    """Print the stored events that match the filters (all given filters must match).

    --count-by dyad counts the events that have a target by source and target country, as the
    dashboard does (international actors keep their code); --level actor counts full actor codes.
    """
    with open_existing(db) as store, user_errors():
        if count_by is not None:
            headers = (*count_by_headers(count_by), "events")
            rows: list[tuple[str, ...]]
            if count_by == "dyad":
                side: DyadLevel = "actor" if level == "actor" else "country"
                dyads = store.top_dyads(where, limit if limit is not None else 10**9, side)
                rows = [(d.source, d.target, str(d.events)) for d in dyads]
            else:
                rows = [(*c.key, str(c.events)) for c in store.count_by(count_by, where)[:limit]]
            if fmt == "table":
                click.echo(format_rows(headers, rows))
            else:
                _write_rows(headers, rows, fmt, sys.stdout)
            return
        events = store.events(where, limit)
        if fmt == "jsonl":
            for event in events:
                click.echo(json.dumps(event.record, ensure_ascii=False))
        elif fmt == "csv":
            from tocsin.io.exports import write_csv

            write_csv(store, events, sys.stdout)
        else:
            rows = [tuple(get(e) for _, get in TABLE_COLUMNS) for e in events]
            click.echo(format_rows(tuple(h for h, _ in TABLE_COLUMNS), rows))
            click.echo(f"\n{len(rows)} event(s)", err=True)


def count_by_headers(key: str) -> tuple[str, ...]:
    return ("source", "target") if key == "dyad" else (key,)


def _write_rows(
    headers: tuple[str, ...], rows: list[tuple[str, ...]], fmt: str, out: IO[str]
) -> None:
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(dict(zip(headers, row, strict=True))) + "\n")
        return
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)


# --- export ------------------------------------------------------------------------------------


@click.command("export")
@click.argument("out", metavar="OUT")
@db_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True)
@click.option(
    "--header/--no-header",
    default=None,
    help="A header row in delimited formats (default: yes, but none for gdelt, as GDELT's own "
    "files).",
)
@filter_options
def export_command(out: str, db: str, fmt: str, header: bool | None, where: EventFilter) -> None:
    """Write the stored events (those matching the filters) to OUT (- for stdout, not parquet).

    Formats: jsonl and csv (the event records), parquet (typed columns), and the column layouts of
    GDELT 2.0 (no header row, as GDELT's files), ICEWS, Phoenix (one-a-day) and POLECAT
    (PLOVER-typed events); see docs/store.md. Undated events keep empty date columns.
    """
    from tocsin.io.exports import export

    counts: dict[str, int] = {}
    with open_existing(db) as store, user_errors():
        count = export(store, fmt, out, where, header, counts)
    if out != "-":
        click.echo(f"{count} rows written to {out} ({fmt})", err=True)
    if counts.get("undated"):
        click.echo(
            f"{counts['undated']} of the {counts['events']} events are undated (their stories "
            "have no date and their sentences give none): their date columns are empty",
            err=True,
        )


# --- demo --------------------------------------------------------------------------------------

WHAT_NEXT = """
What next:
  see the events:    the dashboard is served below (make demo; or: tocsin serve --db {db})
  code your own:     tocsin code stories.jsonl --out events.csv --format csv
  store and query:   tocsin ingest stories.jsonl --db events.sqlite
                     tocsin query --db {db} --source RUS --count-by dyad
  export:            tocsin export --db {db} --format gdelt events.tsv
  from Python:       tocsin.read_events("{db}", source="RUS")   # a pandas DataFrame
(commands are in .venv/bin/ in a checkout; README.md has the details)"""


def store_sample(db: str, coder: Any, quiet: bool) -> None:
    """Store the bundled sample stories (coded once; those already stored are skipped), then
    print the most active dyads, as the dashboard counts them, and what to do next."""
    from importlib import resources

    sample = resources.files("tocsin").joinpath("data/sample/stories.jsonl")
    with user_errors():
        store = open_store(db, create=True)
    with resources.as_file(sample) as path, store:
        summary = ingest_with_progress(
            store, coder, [str(path)], None, None, quiet, count_stories([str(path)])
        )
        click.echo(summary.line())
        dyads = store.top_dyads(None, 10, "country")
    rows: list[tuple[str, ...]] = [(d.source, d.target, str(d.events)) for d in dyads]
    click.echo("\nMost active dyads (countries, as on the dashboard):")
    click.echo(format_rows(("source", "target", "events"), rows))
    click.echo(WHAT_NEXT.format(db=db))
