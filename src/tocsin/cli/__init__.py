"""The `tocsin` command line: argument parsing and output only. Every command calls the same Python
API a user would (`tocsin.Coder`, `tocsin.store`, ...).

One module per command group: `coding` (code, demo, eval), `actors` (actors resolve, dict check),
`store` (ingest, query, export), `web` (serve, trend, alerts), `watch` (watch); `scale` runs
`code --dask`. The options that several commands take are declared once, in `options`.
"""

from __future__ import annotations

import logging
import sys

import click

from tocsin.cli.actors import actors_group, dict_group
from tocsin.cli.coding import code_command, demo_command, eval_command
from tocsin.cli.store import export_command, ingest_command, query_command
from tocsin.cli.watch import watch_command
from tocsin.cli.web import alerts_command, serve_command, trend_command


@click.group()
@click.version_option(package_name="tocsin")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
def main(verbose: int) -> None:
    """tocsin: political event data from news text (who did what to whom, when, where, why)."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )


for _command in (
    code_command,
    actors_group,
    dict_group,
    demo_command,
    eval_command,
    ingest_command,
    query_command,
    export_command,
    serve_command,
    trend_command,
    alerts_command,
    watch_command,
):
    main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
