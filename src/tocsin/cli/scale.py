"""`tocsin code --dask`: argument checks and progress on stderr around `tocsin.run.distributed`."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Sequence

import click

from tocsin.cli.options import finish
from tocsin.errors import TocsinError
from tocsin.run.distributed import DistributedSummary, code_distributed
from tocsin.run.parallel import CoderSettings


class DaskProgress:
    """Partitions done on stderr: one line redrawn on a terminal, a line a partition otherwise."""

    def __init__(self, terminal: bool) -> None:
        self.terminal = terminal
        self.shown = False

    def __call__(self, summary: DistributedSummary) -> None:
        if self.terminal:
            click.echo(f"\r\033[K{summary.line()}", err=True, nl=False)
            self.shown = True
        else:
            click.echo(summary.line(), err=True)

    def clear(self) -> None:
        if self.shown:
            click.echo("\r\033[K", err=True, nl=False)
            self.shown = False


def code_on_dask(
    inputs: Sequence[str],
    address: str | None,
    out: str,
    fmt: str,
    db: str | None,
    workers: int,
    settings: CoderSettings,
    date: dt.date | None,
    skip_bad: bool,
    unsupported: Sequence[str],
) -> None:
    """Code the input files on a Dask cluster into Parquet parts in `out` and/or the store `db`."""
    if address is None:
        raise click.UsageError("--db stores what a Dask job codes: give --dask ADDRESS|local too")
    if unsupported:
        raise click.UsageError(f"{' and '.join(unsupported)} cannot be used with --dask")
    if not inputs or "-" in inputs:
        raise click.UsageError("with --dask, name the input files: the workers read them")
    if fmt != "jsonl":
        raise click.UsageError("with --dask, events are written as Parquet; leave out --format")
    if out == "-" and db is None:
        raise click.UsageError("with --dask, --out names the folder of the Parquet files")
    if workers > 1 and address != "local":
        raise click.UsageError(
            "--workers sets the size of --dask local; a cluster has the workers it was started with"
        )
    # importing distributed sets its loggers to INFO; tocsin's -v and -vv decide instead
    import distributed  # noqa: F401

    logging.getLogger("distributed").setLevel(logging.getLogger().getEffectiveLevel())
    progress = DaskProgress(sys.stderr.isatty())

    def skipped(message: str) -> None:
        progress.clear()
        click.echo(f"skipped: {message}", err=True)

    try:
        summary = code_distributed(
            inputs,
            address,
            out=None if out == "-" else out,
            store_url=db,
            settings=settings,
            workers=workers,
            default_date=date,
            skip_bad=skip_bad,
            on_progress=progress,
            on_bad=skipped,
        )
    except TocsinError as exc:
        progress.clear()
        raise click.ClickException(str(exc)) from None
    progress.clear()
    written = [f"Parquet files in {out}"] if out != "-" else []
    if db is not None:
        written.append("the store")
    click.echo(f"done: {summary.line()}; written to {' and '.join(written)}", err=True)
    finish(rejected=summary.bad, unreadable=summary.unreadable, done=summary.stories)
