"""The store commands of the CLI: `tocsin ingest`, `tocsin query` and `tocsin export`.

Argument parsing and output only: each command calls the Python API (`tocsin.store`,
`tocsin.run.ingest`, `tocsin.io.exports`).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

import click

from tocsin.cli.options import (
    Dictionaries,
    db_option,
    dictionary_options,
    filter_options,
    open_existing,
    story_date_option,
    user_errors,
    workers_option,
)
from tocsin.cli.output import format_rows
from tocsin.errors import InputError, TocsinError
from tocsin.store import COUNT_KEYS, EventFilter, StoredEvent, open_store

EXPORT_FORMATS = ("jsonl", "csv", "parquet", "gdelt", "icews", "phoenix", "polecat")


# --- ingest ------------------------------------------------------------------------------------


class Progress:
    """A one-line counter on stderr, redrawn at most five times a second; only on a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.last = 0.0
        self.shown = False

    def __call__(self, summary: Any) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.last < 0.2:
            return
        self.last = now
        rate = summary.stories / summary.seconds if summary.seconds else 0.0
        click.echo(
            f"\r\033[K{summary.stories} stories, {summary.events} events, {summary.known} "
            f"already stored, {summary.rejects} rejected ({rate:.1f} stories/s)",
            err=True,
            nl=False,
        )
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            click.echo("\r\033[K", err=True, nl=False)
            self.shown = False


@contextmanager
def _rejects_file(path: str | None) -> Iterator[Any]:
    if path is None:
        yield None
        return
    try:
        handle = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror}") from None
    with handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["file", "line", "reason"])
        yield (writer, handle)


@click.command("ingest")
@click.argument("inputs", nargs=-1, metavar="[INPUT ...]")
@db_option
@story_date_option
@dictionary_options
@click.option(
    "--rejects",
    "rejects_path",
    type=click.Path(dir_okay=False),
    help="Also write the rejects report (file, line, reason) to this TSV file.",
)
@workers_option("Code with N worker processes (the stories are stored in input order).")
def ingest_command(
    inputs: tuple[str, ...],
    db: str,
    date: dt.date | None,
    dictionaries: Dictionaries,
    rejects_path: str | None,
    workers: int,
) -> None:
    """Code stories and store them with their events.

    INPUT is a JSONL, CSV, TXT, HTML or RSS/Atom file, a directory of them, an http(s) URL, or -
    for JSONL on stdin. Stories already stored are skipped, so an interrupted ingest is resumed by
    running it again. Bad records are reported (file, line, reason) and the rest is stored.
    """
    from tocsin.run.ingest import ingest_inputs

    with user_errors():
        store = open_store(db, create=True)
    with store, dictionaries.open_coder(workers) as coder, _rejects_file(rejects_path) as report:
        progress = Progress(sys.stderr.isatty())

        def reject(error: InputError) -> None:
            progress.clear()
            click.echo(f"rejected: {error}", err=True)
            if report is not None:
                writer, handle = report
                writer.writerow([error.path, error.line or "", _reason(error)])
                handle.flush()

        try:
            summary = ingest_inputs(store, coder, inputs or ("-",), reject, date, progress)
        except KeyboardInterrupt:
            progress.clear()
            raise click.ClickException(
                "interrupted; every story stored so far is complete: run the same command "
                "again to resume"
            ) from None
        except TocsinError as exc:
            progress.clear()
            raise click.ClickException(str(exc)) from None
    progress.clear()
    click.echo(summary.line())


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
def query_command(
    db: str, where: EventFilter, limit: int | None, fmt: str, count_by: str | None
) -> None:
    """Print the stored events that match the filters (all given filters must match)."""
    with open_existing(db) as store, user_errors():
        if count_by is not None:
            counts = store.count_by(count_by, where)[:limit]
            headers = (*count_by_headers(count_by), "events")
            rows = [(*c.key, str(c.events)) for c in counts]
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
@filter_options
def export_command(out: str, db: str, fmt: str, where: EventFilter) -> None:
    """Write the stored events (those matching the filters) to OUT (- for stdout, not parquet).

    Formats: jsonl and csv (the event records), parquet (typed columns), and the column layouts of
    GDELT 2.0, ICEWS, Phoenix (one-a-day) and POLECAT (PLOVER-typed events); see docs/store.md.
    """
    from tocsin.io.exports import export

    with open_existing(db) as store, user_errors():
        count = export(store, fmt, out, where)
    if out != "-":
        click.echo(f"{count} rows written to {out} ({fmt})", err=True)
