"""The store commands of the CLI: `tocsin ingest`, `tocsin query` and `tocsin export`.

Argument parsing and output only: each command calls the Python API (`tocsin.store`,
`tocsin.run.ingest`, `tocsin.io.exports`). `register(main)` adds them to the `tocsin` group.
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

from tocsin.cli.options import date_callback, user_errors
from tocsin.errors import InputError, TocsinError
from tocsin.store import COUNT_KEYS, EventFilter, Store, StoredEvent, open_store

DB_HELP = "The store: a file path (SQLite, created if missing) or a postgresql:// URL."
EXPORT_FORMATS = ("jsonl", "csv", "parquet", "gdelt", "icews", "phoenix", "polecat")


def _upper(_ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.upper() for v in value)


def _open(db: str, create: bool) -> Store:
    with user_errors():
        return open_store(db, create=create)


def _decorate(command: Callable[..., Any], *decorators: Any) -> Callable[..., Any]:
    """Apply click decorators in reading order (the first is the outermost)."""
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


FILTER_OPTIONS = (
    click.option(
        "--source",
        multiple=True,
        callback=_upper,
        help="Source actor: FRA matches FRA, FRAGOV ...; * and ? are wildcards.",
    ),
    click.option("--target", multiple=True, callback=_upper, help="Target actor, as --source."),
    click.option(
        "--actor", multiple=True, callback=_upper, help="Source or target actor, as --source."
    ),
    click.option(
        "--code",
        multiple=True,
        help="CAMEO event code: exact, or a pattern such as 16* (quote it in the shell).",
    ),
    click.option("--root", multiple=True, help="CAMEO root code, two digits (04, 19)."),
    click.option("--quad", multiple=True, type=click.IntRange(1, 4), help="GDELT quad class 1-4."),
    click.option(
        "--since", callback=date_callback, help="First event date, YYYY-MM-DD (inclusive)."
    ),
    click.option(
        "--until", callback=date_callback, help="Last event date, YYYY-MM-DD (inclusive)."
    ),
    click.option(
        "--country",
        multiple=True,
        callback=_upper,
        help="ISO3 country: events located there, or whose source or target is of it.",
    ),
    click.option("--story", "story_id", multiple=True, help="Only the events of this story."),
)


def _filter(**values: Any) -> EventFilter:
    try:
        return EventFilter(
            source=values["source"],
            target=values["target"],
            actor=values["actor"],
            code=values["code"],
            root=values["root"],
            quad=values["quad"],
            since=values["since"],
            until=values["until"],
            country=values["country"],
            story_id=values["story_id"],
        )
    except TocsinError as exc:
        raise click.UsageError(str(exc)) from None


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


def _coder(dict_paths: tuple[str, ...], builtin: bool) -> Any:
    from tocsin.coding.coder import build_coder

    with user_errors():
        return build_coder(dict_paths, builtin)


def _pool(dict_paths: tuple[str, ...], builtin: bool, workers: int) -> Any:
    from tocsin.run.parallel import CoderPool, CoderSettings

    return CoderPool(workers, CoderSettings.of(dict_paths, builtin))


@contextmanager
def _closing_pool(coder: Any) -> Iterator[None]:
    """Stop the workers of a CoderPool at the end (a Coder has nothing to stop)."""
    from tocsin.run.parallel import CoderPool

    try:
        yield
    finally:
        if isinstance(coder, CoderPool):
            coder.close()


def ingest_command(
    inputs: tuple[str, ...],
    db: str,
    date: dt.date | None,
    dict_paths: tuple[str, ...],
    builtin_dicts: bool,
    rejects_path: str | None,
    workers: int = 1,
) -> None:
    """Code stories and store them with their events.

    INPUT is a JSONL, CSV, TXT, HTML or RSS/Atom file, a directory of them, an http(s) URL, or -
    for JSONL on stdin. Stories already stored are skipped, so an interrupted ingest is resumed by
    running it again. Bad records are reported (file, line, reason) and the rest is stored.
    """
    from tocsin.run.ingest import ingest_inputs

    store = _open(db, create=True)
    coder = (
        _coder(dict_paths, builtin_dicts)
        if workers == 1
        else _pool(dict_paths, builtin_dicts, workers)
    )
    progress = Progress(sys.stderr.isatty())
    with store, _closing_pool(coder), _rejects_file(rejects_path) as report:

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


def format_rows(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    widths = [max([len(h), *(len(r[k]) for r in rows)]) for k, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)


def query_command(
    db: str, limit: int | None, fmt: str, count_by: str | None, **filters: Any
) -> None:
    """Print the stored events that match the filters (all given filters must match)."""
    where = _filter(**filters)
    with _open(db, create=False) as store, user_errors():
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


def export_command(db: str, fmt: str, out: str, **filters: Any) -> None:
    """Write the stored events (those matching the filters) to OUT (- for stdout, not parquet).

    Formats: jsonl and csv (the event records), parquet (typed columns), and the column layouts of
    GDELT 2.0, ICEWS, Phoenix (one-a-day) and POLECAT (PLOVER-typed events); see docs/store.md.
    """
    from tocsin.io.exports import export

    where = _filter(**filters)
    with _open(db, create=False) as store, user_errors():
        count = export(store, fmt, out, where)
    if out != "-":
        click.echo(f"{count} rows written to {out} ({fmt})", err=True)


def register(main: click.Group) -> None:
    """Add `ingest`, `query` and `export` to the `tocsin` command group."""
    db_option = click.option(
        "--db", required=True, envvar="TOCSIN_DB", help=DB_HELP + " Default: $TOCSIN_DB."
    )
    ingest = _decorate(
        ingest_command,
        click.command("ingest"),
        click.argument("inputs", nargs=-1, metavar="[INPUT ...]"),
        db_option,
        click.option(
            "--date",
            callback=date_callback,
            help="Publication date (YYYY-MM-DD) for stories without one.",
        ),
        click.option(
            "--dict",
            "dict_paths",
            multiple=True,
            type=click.Path(exists=True),
            help="Extra dictionary file or folder; its entries override the built-in ones.",
        ),
        click.option(
            "--builtin-dicts/--no-builtin-dicts",
            default=True,
            show_default=True,
            help="Use the built-in dictionaries (else only the --dict ones).",
        ),
        click.option(
            "--rejects",
            "rejects_path",
            type=click.Path(dir_okay=False),
            help="Also write the rejects report (file, line, reason) to this TSV file.",
        ),
        click.option(
            "--workers",
            type=click.IntRange(min=1),
            metavar="N",
            default=1,
            show_default=True,
            help="Code with N worker processes (the stories are stored in input order).",
        ),
    )
    query = _decorate(
        query_command,
        click.command("query"),
        db_option,
        *FILTER_OPTIONS,
        click.option("--limit", type=click.IntRange(min=0), help="At most N rows."),
        click.option(
            "--format",
            "fmt",
            type=click.Choice(["table", "jsonl", "csv"]),
            default="table",
            show_default=True,
        ),
        click.option(
            "--count-by",
            type=click.Choice(sorted(COUNT_KEYS)),
            help="Count the events by dyad, root, code ... instead of listing them.",
        ),
    )
    export = _decorate(
        export_command,
        click.command("export"),
        click.argument("out", metavar="OUT"),
        db_option,
        click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True),
        *FILTER_OPTIONS,
    )
    for command in (ingest, query, export):
        assert isinstance(command, click.Command)
        main.add_command(command)
