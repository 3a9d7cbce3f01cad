"""What the commands share: each option declared once, as a decorator put on the commands that take
it (as sqlite-utils does), and the helpers that turn a user's error into a one-line click error.

Options that several commands read the same way arrive as one value: the dictionary options as a
`Dictionaries` (which builds the coder), the event filters as an `EventFilter`.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from enum import IntEnum
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from tocsin.errors import TocsinError
from tocsin.knowledge.topics import Topic
from tocsin.records import parse_date
from tocsin.store import EventFilter, Store, open_store

if TYPE_CHECKING:
    from tocsin.coding.coder import Coder
    from tocsin.run.parallel import CoderPool, CoderSettings

F = TypeVar("F", bound=Callable[..., Any])

DICT_ENV = "TOCSIN_DICT"
DB_HELP = "The store: a file path (SQLite, created if missing) or a postgresql:// URL."


class ExitCode(IntEnum):
    """The exit status of every command (documented in docs/errors.md)."""

    OK = 0  # everything was read, and coded or stored
    ERROR = 1  # a user's error: an input that cannot be read, a bad store or dictionary, or
    # nothing stored or written because every story failed
    USAGE = 2  # a wrong option or argument (click's own status)
    PARTIAL = 3  # some records were rejected (or changed stories left as stored); the rest is done


def finish(*, rejected: int, unreadable: int, done: int) -> None:
    """Leave with the status of a run: ERROR when an input could not be read or nothing got
    done because of errors, PARTIAL when some records were rejected, else OK."""
    if unreadable or (rejected and not done):
        raise click.exceptions.Exit(ExitCode.ERROR)
    if rejected:
        raise click.exceptions.Exit(ExitCode.PARTIAL)


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


def _upper(_ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.upper() for v in value)


def _apply(function: F, *decorators: Callable[[F], F]) -> F:
    """Apply decorators in reading order (the first is the outermost)."""
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


quiet_option = click.option(
    "--quiet", is_flag=True, help="No progress bar (it is shown only when stderr is a terminal)."
)


# --- the store ---------------------------------------------------------------------------------

db_option = click.option(
    "--db", required=True, envvar="TOCSIN_DB", help=DB_HELP + " Default: $TOCSIN_DB."
)


def open_existing(db: str) -> Store:
    """The store at `db`, which must exist (a wrong path or URL is a one-line error)."""
    with user_errors():
        return open_store(db, create=False)


# --- stories -----------------------------------------------------------------------------------

story_date_option = click.option(
    "--date", callback=date_callback, help="Publication date (YYYY-MM-DD) for stories without one."
)


def workers_option(help: str) -> Callable[[F], F]:
    """--workers N: how many worker processes code the stories (`help` says what keeps order)."""
    return click.option(
        "--workers",
        type=click.IntRange(min=1),
        metavar="N",
        default=1,
        show_default=True,
        help=help,
    )


def json_option(help: str) -> Callable[[F], F]:
    """--json: JSON output instead of text (`help` says what each JSON record is)."""
    return click.option("--json", "as_json", is_flag=True, help=help)


# --- dictionaries and the coder ----------------------------------------------------------------


@dataclass(frozen=True)
class Dictionaries:
    """The dictionaries a command codes with: the built-in ones (unless --no-builtin-dicts), then
    those named by $TOCSIN_DICT (separated like PATH), then the --dict ones, each overriding the
    entries before it. Every command that codes builds its coder from this, the same way (keeping
    the events of non-political stories with --keep-nonpolitical)."""

    extra: tuple[str, ...] = ()
    builtin: bool = True
    keep_nonpolitical: bool = False

    @classmethod
    def of(cls, dict_paths: Sequence[str], builtin: bool = True) -> Dictionaries:
        configured = [p for p in os.environ.get(DICT_ENV, "").split(os.pathsep) if p]
        missing = [p for p in configured if not os.path.exists(p)]
        if missing:
            raise click.ClickException(f"{DICT_ENV} names {missing[0]}, which does not exist")
        return cls((*configured, *dict_paths), builtin)

    @property
    def customised(self) -> bool:
        """Whether the user changed anything (else the coder is the built-in one)."""
        return bool(self.extra) or not self.builtin or self.keep_nonpolitical

    def coder(self) -> Coder:
        """A coder in this process (through `tocsin.coding.coder.build_coder`)."""
        from tocsin.coding.coder import build_coder

        with user_errors():
            return build_coder(self.extra, self.builtin, keep_nonpolitical=self.keep_nonpolitical)

    def settings(self) -> CoderSettings:
        """How worker processes (a pool, a Dask cluster) build the same coder."""
        from tocsin.run.parallel import CoderSettings

        return CoderSettings.of(self.extra, self.builtin, keep_nonpolitical=self.keep_nonpolitical)

    @contextmanager
    def open_coder(self, workers: int = 1) -> Iterator[Coder | CoderPool]:
        """A coder in this process, or with several workers a pool of worker processes, stopped
        at the end of the `with` block."""
        if workers == 1:
            yield self.coder()
            return
        from tocsin.run.parallel import CoderPool

        with CoderPool(workers, self.settings()) as pool:
            yield pool


def dictionary_options(command: F) -> F:
    """--dict and --builtin-dicts/--no-builtin-dicts, given to the command as `dictionaries`."""

    @functools.wraps(command)
    def with_dictionaries(
        *args: Any, dict_paths: tuple[str, ...], builtin_dicts: bool, **kw: Any
    ) -> Any:
        return command(*args, dictionaries=Dictionaries.of(dict_paths, builtin_dicts), **kw)

    return _apply(
        cast(F, with_dictionaries),
        click.option(
            "--dict",
            "dict_paths",
            multiple=True,
            type=click.Path(exists=True),
            help=f"Extra dictionary file or folder; its entries override the built-in ones and "
            f"those of ${DICT_ENV}.",
        ),
        click.option(
            "--builtin-dicts/--no-builtin-dicts",
            default=True,
            show_default=True,
            help=f"Use the built-in dictionaries (else only ${DICT_ENV} and the --dict ones).",
        ),
    )


def relevance_option(command: F) -> F:
    """--keep-nonpolitical, folded into the command's `dictionaries` (put it below
    `dictionary_options`)."""

    @functools.wraps(command)
    def with_relevance(
        *args: Any, keep_nonpolitical: bool, dictionaries: Dictionaries, **kw: Any
    ) -> Any:
        chosen = replace(dictionaries, keep_nonpolitical=keep_nonpolitical)
        return command(*args, dictionaries=chosen, **kw)

    return _apply(
        cast(F, with_relevance),
        click.option(
            "--keep-nonpolitical",
            is_flag=True,
            help="Also code the stories that are not political news (sport, markets, business, "
            "entertainment, weather, almanac items); each event's `topic` says which. By "
            "default only their violent or coercive acts with a political actor are coded. See "
            "docs/relevance.md.",
        ),
    )


# --- event filters -----------------------------------------------------------------------------

_FILTER_NAMES = tuple(f.name for f in fields(EventFilter))


def filter_options(command: F) -> F:
    """The event filters of `query`, `export` and `trend` (the same as the web API's), given to the
    command as `where`."""

    @functools.wraps(command)
    def with_filter(*args: Any, **kw: Any) -> Any:
        values = {name: kw.pop(name) for name in _FILTER_NAMES}
        try:
            where = EventFilter(**values)
        except TocsinError as exc:
            raise click.UsageError(str(exc)) from None
        return command(*args, where=where, **kw)

    return _apply(
        cast(F, with_filter),
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
        click.option(
            "--quad", multiple=True, type=click.IntRange(1, 4), help="GDELT quad class 1-4."
        ),
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
        click.option(
            "--topic",
            multiple=True,
            type=click.Choice([t.value for t in Topic]),
            help="The topic of the event's story (political, or what a kept non-political "
            "story is about).",
        ),
    )
