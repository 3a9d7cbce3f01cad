"""One reader for every knowledge file: tab-separated text, `#` comments and blank lines skipped,
a header row naming the columns, `-` (or an empty cell) for "nothing". Problems are collected
with their file and line (`DictionaryProblem`), never raised one at a time, so that `tocsin dict
check` can list them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tocsin.errors import DictionaryProblem

NOTHING = "-"  # the one "nothing" marker of every table


@dataclass(frozen=True, slots=True)
class Row:
    """One data line of a table: its cells (stripped, padded to the header) and its place."""

    file: str
    line: int
    cells: tuple[str, ...]

    def ref(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Table:
    """A table read from one file: its header (lower-cased column names) and its rows."""

    file: str
    header: tuple[str, ...]
    header_line: int
    rows: tuple[Row, ...]


def read_table(path: Path, name: str, problems: list[DictionaryProblem]) -> Table | None:
    """The table in `path` (`name` is how problems name the file), or None when the file cannot
    be read or has no header; rows with more cells than the header are reported and left out."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(DictionaryProblem(name, 0, f"cannot read file: {exc}"))
        return None
    return parse_table(text, name, problems)


def parse_table(text: str, name: str, problems: list[DictionaryProblem]) -> Table | None:
    header: tuple[str, ...] | None = None
    header_line = 0
    rows: list[Row] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if header is None:
            header, header_line = tuple(c.lower() for c in cells), number
            continue
        if len(cells) > len(header):
            problems.append(
                DictionaryProblem(
                    name,
                    number,
                    f"expected {len(header)} tab-separated columns, found {len(cells)}",
                )
            )
            continue
        cells += [""] * (len(header) - len(cells))
        rows.append(Row(name, number, tuple(cells)))
    if header is None:
        problems.append(
            DictionaryProblem(name, 0, "no header row: the first line names the columns")
        )
        return None
    return Table(name, header, header_line, tuple(rows))


def optional(cell: str) -> str | None:
    """A cell's value, or None for the nothing marker or an empty cell."""
    return None if cell in ("", NOTHING) else cell


def names(cell: str) -> tuple[str, ...]:
    """The `|`-separated values of a cell, without the nothing marker."""
    return tuple(n.strip() for n in cell.split("|") if n.strip() and n.strip() != NOTHING)
