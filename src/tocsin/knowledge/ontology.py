"""The CAMEO event ontology: names, roots, Goldstein values, quad classes and PLOVER types.

The facts live in `data/cameo_events.tsv`; this module reads them and derives the quad classes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from tocsin.errors import DictionaryError, DictionaryProblem
from tocsin.knowledge.tables import Table, optional, parse_table, read_table

# GDELT: 1 verbal cooperation (01-04), 2 material cooperation (05-08),
# 3 verbal conflict (09-13), 4 material conflict (14-20).
GDELT_QUAD = {
    f"{r:02d}": 1 if r <= 4 else 2 if r <= 8 else 3 if r <= 13 else 4 for r in range(1, 21)
}
# Phoenix: 0 statements and appeals (01-02), 1 verbal cooperation (03-05), 2 material cooperation
# (06-08), 3 verbal conflict (09-13 and 16), 4 material conflict (14-15, 17-20).
PHOENIX_QUAD = {
    f"{r:02d}": 0 if r <= 2 else 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 or r == 16 else 4
    for r in range(1, 21)
}


@dataclass(frozen=True, slots=True)
class EventType:
    code: str
    root: str
    name: str
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None

    @property
    def quad_class(self) -> int:
        return GDELT_QUAD[self.root]

    @property
    def phoenix_quad(self) -> int:
        return PHOENIX_QUAD[self.root]


class Ontology:
    """All CAMEO event types, looked up by code."""

    def __init__(self, types: dict[str, EventType]) -> None:
        self._types = types

    def __contains__(self, code: object) -> bool:
        return code in self._types

    def __getitem__(self, code: str) -> EventType:
        return self._types[code]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._types.values())

    def __len__(self) -> int:
        return len(self._types)

    @classmethod
    def load(cls, path: Path | None = None, extra: Sequence[Path | str] = ()) -> Ontology:
        """The CAMEO table (the built-in one, or `path`), with the rows of any CAMEO tables
        among the users' knowledge files `extra` (files or folders) over it."""
        if path is None:
            text = resources.files("tocsin").joinpath("data/cameo_events.tsv").read_text("utf-8")
            types = _parse(text, "cameo_events.tsv")
        else:
            types = _parse(path.read_text("utf-8"), str(path))
        problems: list[DictionaryProblem] = []
        for user_file in _tsv_files(extra):
            table = read_table(user_file, str(user_file), problems)
            if table is not None and table.header == EVENT_HEADER:
                types.update(parse_event_rows(table, problems))
        if problems:
            raise DictionaryError(problems)
        return cls(types)


def _tsv_files(paths: Sequence[Path | str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.rglob("*.tsv")) if p.is_dir() else [p])
    return out


EVENT_HEADER = ("code", "root", "goldstein", "plover_type", "plover_mode", "plover_context", "name")


def _parse(text: str, name: str) -> dict[str, EventType]:
    problems: list[DictionaryProblem] = []
    table = parse_table(text, name, problems)
    types = parse_event_rows(table, problems) if table is not None else {}
    if problems:
        raise DictionaryError(problems)
    return types


def parse_event_rows(table: Table, problems: list[DictionaryProblem]) -> dict[str, EventType]:
    """The event types of a CAMEO table; malformed rows are added to `problems`."""
    types: dict[str, EventType] = {}
    if table.header != EVENT_HEADER:
        problems.append(
            DictionaryProblem(
                table.file, table.header_line, f"expected the columns {' '.join(EVENT_HEADER)}"
            )
        )
        return types
    for row in table.rows:
        code, root, goldstein, ptype, pmode, pcontext, label = row.cells
        if not (code.isdigit() and 2 <= len(code) <= 4 and code[:2] == root):
            problems.append(DictionaryProblem(row.file, row.line, f"malformed event code {code!r}"))
            continue
        try:
            value = float(goldstein)
        except ValueError:
            problems.append(
                DictionaryProblem(row.file, row.line, f"Goldstein value {goldstein!r} not a number")
            )
            continue
        types[code] = EventType(
            code=code,
            root=root,
            name=label,
            goldstein=value,
            plover_type=optional(ptype),
            plover_mode=optional(pmode),
            plover_context=optional(pcontext),
        )
    return types
