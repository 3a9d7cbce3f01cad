"""How the commands show rows: a plain-text table (output files are written by
`tocsin.io.outputs.atomic_text`)."""

from __future__ import annotations

from collections.abc import Sequence


def format_rows(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    """Rows as a plain-text table: a header line, a rule, one line a row, columns left-aligned."""
    widths = [max([len(h), *(len(r[k]) for r in rows)]) for k, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)
