"""People files: each person's names written once, their dated roles on the lines below.

    names   code    from    until   note
    Helmut Kohl|Kohl
    ->DEUELI  1948    1982-09-30  before office
    ->DEUGOV  1982-10-01  1998-10-26  Chancellor of Germany
    ->DEUELI  1998-10-27  -   former Chancellor

(tab-separated; `->` stands for the leading tab of a role line.)
A line whose first cell is not empty names a person (names separated by `|`); each following line
that starts with a tab is one of that person's roles: a CAMEO actor code, the first and last day
it applies (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `-` for open) and a note. This module only reads
the blocks and reports their shape's problems; the codes and dates are checked where the other
actor lines are (`tocsin.knowledge.dictionaries`). See docs/dictionaries.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

PERSON_HEADER = ("names", "code", "from", "until", "note")


@dataclass(frozen=True, slots=True)
class RoleLine:
    """One dated role of a person: the cells after the leading tab, and the file line."""

    code: str
    start: str
    end: str
    note: str
    line: int


@dataclass(frozen=True, slots=True)
class PersonBlock:
    """A person: the names line and the role lines under it."""

    names: str
    line: int
    roles: tuple[RoleLine, ...]


@dataclass(frozen=True, slots=True)
class BlockProblem:
    line: int
    message: str


def read_blocks(
    rows: Iterable[tuple[int, list[str]]],
) -> Iterator[PersonBlock | BlockProblem]:
    """Person blocks from (line number, cells) rows after the header; a role line with no
    person above it, or a person with no roles, is a problem naming its line."""
    names: str | None = None
    start = 0
    roles: list[RoleLine] = []
    for number, cells in rows:
        cells = cells + [""] * (len(PERSON_HEADER) - len(cells))
        if len(cells) != len(PERSON_HEADER):
            yield BlockProblem(
                number,
                f"expected {len(PERSON_HEADER)} tab-separated cells (a role line starts with "
                f"a tab), found {len(cells)}",
            )
            continue
        first, code, since, until, note = cells
        if first:
            if names is not None:
                yield _block(names, start, roles)
            names, start, roles = first, number, []
            if code or since or until:
                yield BlockProblem(
                    number,
                    "a names line holds only names (and a note); put each role on its own "
                    "line below, starting with a tab",
                )
        elif names is None:
            yield BlockProblem(number, "a role line with no person above it: write the names first")
        else:
            roles.append(RoleLine(code, since, until, note, number))
    if names is not None:
        yield _block(names, start, roles)


def _block(names: str, line: int, roles: list[RoleLine]) -> PersonBlock | BlockProblem:
    if not roles:
        return BlockProblem(line, f"person {names.split('|')[0]!r} has no role lines below")
    return PersonBlock(names, line, tuple(roles))
