"""Click helpers shared by the command modules (cli, cli_store, cli_web ...)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import click

from tocsin.errors import TocsinError
from tocsin.records import parse_date


@contextmanager
def user_errors(*kinds: type[Exception]) -> Iterator[None]:
    """Report a user's error (bad input, a store that cannot be opened ...) as a one-line click
    error with a non-zero exit, not a traceback."""
    caught: tuple[type[Exception], ...] = kinds or (TocsinError,)
    try:
        yield
    except caught as exc:
        raise click.ClickException(str(exc)) from None


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
