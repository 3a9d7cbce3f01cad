"""`tocsin watch`: argument parsing and output only. The work is `tocsin.run.watch.Watcher`'s; this
module builds it from the options, turns SIGINT/SIGTERM into a clean stop and prints one line per
cycle on stderr (standard output is left to the `-` sink).
"""

from __future__ import annotations

import re
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import click

from tocsin.cli.options import (
    Dictionaries,
    db_option,
    dictionary_options,
    filter_options,
    relevance_option,
    user_errors,
    workers_option,
)
from tocsin.run.watch import CycleReport, Retry, Watcher, WatchSettings, open_sink
from tocsin.store import DYAD_LEVELS, EventFilter, open_store
from tocsin.store.analytics import ShiftSettings

_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)([smhd])")


def parse_duration(text: str) -> float:
    """Seconds of a duration: `90`, `90s`, `15m`, `1h30m`, `0.5s`, `1d`."""
    value = text.strip().lower()
    try:
        return float(value)
    except ValueError:
        pass
    parts = _DURATION.findall(value)
    if not parts or "".join(n + u for n, u in parts) != value:
        raise ValueError(
            f"{text!r} is not a duration: write 90s, 15m, 1h30m or a number of seconds"
        )
    return sum(float(n) * _UNITS[u] for n, u in parts)


def _duration(_ctx: click.Context, _param: click.Parameter, value: str) -> float:
    try:
        seconds = parse_duration(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    if seconds <= 0:
        raise click.BadParameter(f"{value!r}: give a duration above zero")
    return seconds


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set `stop` (the watch ends after the story in hand); a second signal
    stops at once."""

    def handle(signum: int, _frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        click.echo(
            f"{signal.Signals(signum).name}: stopping after the story in hand "
            "(again to stop at once)",
            err=True,
        )
        stop.set()

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@click.command("watch")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@db_option
@click.option(
    "--every",
    default="15m",
    callback=_duration,
    show_default=True,
    metavar="DURATION",
    help="Time between cycle starts.",
)
@click.option("--once", is_flag=True, help="One cycle, then exit (1 if a source failed).")
@workers_option("Code with N worker processes.")
@click.option(
    "--connections",
    type=click.IntRange(min=1, max=256),
    default=8,
    show_default=True,
    help="HTTP requests in flight at once.",
)
@click.option(
    "--host-rate",
    type=click.FloatRange(min=0.001),
    default=2.0,
    show_default=True,
    help="At most this many requests a second to one host.",
)
@click.option(
    "--timeout",
    default="20s",
    callback=_duration,
    show_default=True,
    metavar="DURATION",
    help="Time limit of a request.",
)
@click.option(
    "--retry-after",
    default="60s",
    callback=_duration,
    show_default=True,
    metavar="DURATION",
    help="First back-off of a failing source or sink, doubled per failure (max 6h).",
)
@click.option(
    "--settle",
    default="2s",
    callback=_duration,
    show_default=True,
    metavar="DURATION",
    help="A folder's file is read once unchanged for this long.",
)
@click.option(
    "--alerts-to",
    multiple=True,
    metavar="SINK",
    help="Send new alerts here: a .jsonl file, - (stdout) or an http(s) webhook URL.",
)
@click.option(
    "--events-to",
    multiple=True,
    metavar="SINK",
    help="Send new events matching the filter options (--source, --code ...) here.",
)
@click.option(
    "--webhook-tries",
    type=click.IntRange(min=1, max=20),
    default=3,
    show_default=True,
    help="Tries of a webhook POST per cycle, with back-off, before it waits a cycle.",
)
@click.option(
    "--link-base",
    metavar="URL",
    help="URL of `tocsin serve`, to make the evidence links of alerts absolute.",
)
@click.option(
    "--level",
    type=click.Choice(DYAD_LEVELS),
    default=ShiftSettings().level,
    show_default=True,
    help="Alerts on dyads of countries or of full actor codes.",
)
@dictionary_options
@relevance_option
@filter_options
def watch_command(
    sources: tuple[str, ...],
    db: str,
    every: float,
    once: bool,
    workers: int,
    connections: int,
    host_rate: float,
    timeout: float,
    retry_after: float,
    settle: float,
    alerts_to: tuple[str, ...],
    events_to: tuple[str, ...],
    webhook_tries: int,
    link_base: str | None,
    level: str,
    dictionaries: Dictionaries,
    where: EventFilter,
) -> None:
    """Follow feeds and folders: code new stories as they arrive, store them, push alerts.

    SOURCE is an RSS/Atom feed URL, a folder where new JSONL/TXT/HTML files appear, or a file
    listing feed URLs and folders (one a line, # comments). Each cycle fetches what is new
    (conditional requests), skips what is stored (URL, same or near-duplicate text), codes and
    stores the rest, and recomputes the alerts of the dyads that changed. New alerts go to each
    --alerts-to sink, and new events matching the filter options to each --events-to sink: a JSONL
    file, - (stdout) or an http(s) webhook. State is kept in the store: a restart resumes. See
    docs/watch.md.
    """
    settings = WatchSettings(
        every=every,
        timeout=timeout,
        connections=connections,
        host_rate=host_rate,
        retry_after=retry_after,
        settle=settle,
        shifts=ShiftSettings(level="actor" if level == "actor" else "country"),
        link_base=link_base,
        event_filter=where,
    )
    retry = Retry(tries=webhook_tries, first=min(retry_after, 1.0), timeout=timeout)
    alert_sinks = [open_sink(spec, sys.stdout, retry) for spec in alerts_to]
    event_sinks = [open_sink(spec, sys.stdout, retry) for spec in events_to]
    with user_errors():
        store = open_store(db, create=True)
    stop = threading.Event()
    failed = False

    def report(cycle: CycleReport) -> None:
        nonlocal failed
        failed = failed or bool(cycle.failed)
        click.echo(cycle.line(), err=True)

    with store, dictionaries.open_coder(workers) as coder, stop_on_signals(stop), user_errors():
        watcher = Watcher(store, coder, sources, settings, alert_sinks, event_sinks, stop)
        try:
            watcher.run(report, once=once)
        except KeyboardInterrupt:
            raise click.ClickException(
                "stopped at once; every story stored is complete: run the same command to resume"
            ) from None
    if stop.is_set():
        click.echo("stopped; run the same command to resume", err=True)
    if once and failed:
        sys.exit(1)
