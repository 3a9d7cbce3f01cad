"""Click option callbacks shared by the command modules (cli, cli_store, cli_web ...)."""

from __future__ import annotations

import datetime as dt

import click

from tocsin.inputs import parse_date


def date_callback(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> dt.date | None:
    """Parse a YYYY-MM-DD option value, or fail naming the option."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
