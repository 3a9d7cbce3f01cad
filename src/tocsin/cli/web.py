"""The web and analytics commands of the CLI: `tocsin serve`, `tocsin trend` and `tocsin alerts`.

Argument parsing and output only: `serve` runs `tocsin.web.create_app` under uvicorn, `trend` and
`alerts` print what `tocsin.store.analytics` computes (the same figures as /api/dyads/series and
/api/alerts).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from tocsin.cli.options import (
    Dictionaries,
    date_callback,
    db_option,
    dictionary_options,
    filter_options,
    open_existing,
    relevance_option,
    user_errors,
)
from tocsin.cli.output import format_rows
from tocsin.store import DYAD_LEVELS, EventFilter
from tocsin.store.analytics import (
    PERIODS,
    Period,
    ShiftReport,
    ShiftSettings,
    detect_shifts,
    dyad_series,
    series_rows,
    total_balance,
)

LOOPBACK = ("127.0.0.1", "localhost", "::1")
DEFAULTS = ShiftSettings()
F = TypeVar("F", bound=Callable[..., Any])


# --- serve -------------------------------------------------------------------------------------


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--token",
    envvar="TOCSIN_API_TOKEN",
    show_envvar=True,
    help="Bearer token for POST /api/stories (prefer the environment variable).",
)
@click.option("--protect-reads", is_flag=True, help="Require the token for the read endpoints too.")
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    help="An origin whose pages may call the API (CORS is off by default).",
)
@click.option(
    "--max-body",
    type=click.IntRange(min=1024),
    default=5 * 1024 * 1024,
    show_default=True,
    help="Largest request body, in bytes.",
)
@dictionary_options
@relevance_option
def serve_command(
    db: str,
    host: str,
    port: int,
    token: str | None,
    protect_reads: bool,
    cors_origins: tuple[str, ...],
    max_body: int,
    dictionaries: Dictionaries,
) -> None:
    """Serve the dashboard and the JSON API of a store.

    Reads are open unless --protect-reads; POST /api/stories (code and store stories) needs
    `Authorization: Bearer <token>`, the token given by $TOCSIN_API_TOKEN (or --token). The API
    is described at /docs (and /openapi.json).
    """
    import uvicorn

    from tocsin.web import create_app

    # the built-in coder is loaded on the first POST; the user's dictionaries now, so that an
    # error in them stops the server before it starts
    coder = dictionaries.coder() if dictionaries.customised else None
    with user_errors():
        app = create_app(
            db,
            token,
            coder=coder,
            protect_reads=protect_reads,
            cors_origins=cors_origins,
            max_body_bytes=max_body,
            preload=True,
        )
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    click.echo(f"tocsin dashboard on {url} (API reference: {url}docs); Ctrl-C stops it")
    if not token:
        click.echo("writing is off: set TOCSIN_API_TOKEN to accept POST /api/stories", err=True)
    if host not in LOOPBACK and not protect_reads:
        click.echo(
            f"warning: {host} is reachable from other machines and reads are open "
            "(use --protect-reads with a token to restrict them)",
            err=True,
        )
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


# --- trend -------------------------------------------------------------------------------------


@click.command("trend")
@db_option
@filter_options
@click.option("--by", type=click.Choice(PERIODS), default="week", show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True
)
@click.option(
    "--fill/--no-fill", default=True, show_default=True, help="Include the periods without events."
)
def trend_command(db: str, where: EventFilter, by: Period, fmt: str, fill: bool) -> None:
    """Print the time series of the events matching the filters (a dyad: --source and
    --target): counts by quad class, Goldstein sum and mean per day, week or month."""
    with open_existing(db) as store, user_errors():
        points = dyad_series(store, where, by, fill)
    header, rows = series_rows(points)
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return
    if not rows:
        click.echo("no dated event matches", err=True)
        return
    click.echo(format_rows(header, rows))
    total = total_balance(points)
    mean = "-" if total.goldstein_mean is None else f"{total.goldstein_mean:+.2f}"
    share = "-" if total.conflict_share is None else f"{total.conflict_share:.0%}"
    click.echo(
        f"\n{total.events} events in {len(points)} {by}s: {total.cooperation} cooperation, "
        f"{total.conflict} conflict ({share}), mean Goldstein {mean}; balance: {total.tone}"
    )


# --- alerts ------------------------------------------------------------------------------------


def _positive_option(name: str, default: int, help: str | None = None) -> Callable[[F], F]:
    return click.option(
        name, type=click.IntRange(min=1), default=default, show_default=True, help=help
    )


@click.command("alerts")
@db_option
@click.option(
    "--as-of", callback=date_callback, help="End of the recent window (default: latest event)."
)
@_positive_option("--recent-days", DEFAULTS.recent_days)
@_positive_option("--baseline-days", DEFAULTS.baseline_days)
@_positive_option("--min-recent", DEFAULTS.min_recent, "Recent events a dyad needs to be assessed.")
@_positive_option(
    "--min-baseline", DEFAULTS.min_baseline, "Earlier events a dyad needs to be assessed."
)
@click.option(
    "--z",
    type=click.FloatRange(min=0),
    default=DEFAULTS.z_threshold,
    show_default=True,
    help="Smallest |z| of a change that is flagged.",
)
@click.option("--level", type=click.Choice(DYAD_LEVELS), default=DEFAULTS.level, show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True
)
def alerts_command(
    db: str,
    as_of: dt.date | None,
    recent_days: int,
    baseline_days: int,
    min_recent: int,
    min_baseline: int,
    z: float,
    level: str,
    fmt: str,
) -> None:
    """List the dyads whose recent Goldstein mean or conflict share departs sharply from their
    own history (method and thresholds: docs/analytics.md), the most severe first."""
    try:
        settings = ShiftSettings(
            recent_days=recent_days,
            baseline_days=baseline_days,
            min_recent=min_recent,
            min_baseline=min_baseline,
            z_threshold=z,
            level="actor" if level == "actor" else "country",
        )
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    with open_existing(db) as store, user_errors():
        report = detect_shifts(store, settings, as_of)
    if fmt == "jsonl":
        for alert in report.alerts:
            click.echo(json.dumps(_alert_record(report, alert)))
        return
    click.echo(_report_text(report))


def _report_text(report: ShiftReport) -> str:
    if report.as_of is None:
        return "no dated events: nothing to compare"
    s = report.settings
    lines = [
        f"last {s.recent_days} days ({report.recent_start} to {report.as_of}) against the "
        f"{s.baseline_days} before; {report.dyads_assessed} dyads with at least {s.min_recent} "
        f"recent and {s.min_baseline} earlier events"
    ]
    if not report.alerts:
        lines.append("no dyad departs sharply from its own history")
        return "\n".join(lines)
    headers = ("source", "target", "direction", "severity", "recent", "before", "signals")
    rows: list[tuple[str, ...]] = [
        (
            a.source,
            a.target,
            a.direction,
            f"{a.severity:.1f}",
            str(a.recent.events),
            str(a.baseline.events),
            "; ".join(signal.describe() for signal in a.signals),
        )
        for a in report.alerts
    ]
    return "\n".join(lines) + "\n\n" + format_rows(headers, rows)


def _alert_record(report: ShiftReport, alert: Any) -> dict[str, Any]:
    return {
        "source": alert.source,
        "target": alert.target,
        "direction": alert.direction,
        "severity": round(alert.severity, 3),
        "as_of": report.as_of.isoformat() if report.as_of else None,
        "recent_events": alert.recent.events,
        "baseline_events": alert.baseline.events,
        "signals": [
            {
                "metric": s.metric,
                "baseline": round(s.baseline, 4),
                "recent": round(s.recent, 4),
                "z": round(s.z, 3),
            }
            for s in alert.signals
        ],
    }
