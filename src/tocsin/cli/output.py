"""Where the commands write: a plain-text table, an output file or stdout."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import IO

import click


def format_rows(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    """Rows as a plain-text table: a header line, a rule, one line a row, columns left-aligned."""
    widths = [max([len(h), *(len(r[k]) for r in rows)]) for k, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)


class open_out:
    """stdout for '-', else a file opened for writing."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.handle: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        if self.path == "-":
            return sys.stdout
        try:
            self.handle = open(self.path, "w", encoding="utf-8", newline="")
        except OSError as exc:
            raise click.ClickException(f"cannot write {self.path}: {exc.strerror}") from None
        return self.handle

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()
