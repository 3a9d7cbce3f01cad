"""The CAMEO event ontology: names, roots, Goldstein values, quad classes and PLOVER types.

The facts live in `data/cameo_events.tsv`; this module reads them and derives the quad classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from tocsin.errors import DictionaryError, DictionaryProblem

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
    def load(cls, path: Path | None = None) -> Ontology:
        if path is None:
            text = resources.files("tocsin").joinpath("data/cameo_events.tsv").read_text("utf-8")
            name = "cameo_events.tsv"
        else:
            text = path.read_text("utf-8")
            name = str(path)
        return cls(_parse(text, name))


def _optional(cell: str) -> str | None:
    cell = cell.strip()
    return None if cell in ("", "-") else cell


def _parse(text: str, name: str) -> dict[str, EventType]:
    types: dict[str, EventType] = {}
    problems: list[DictionaryProblem] = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            header_seen = True
            continue
        if len(cells) != 7:
            problems.append(
                DictionaryProblem(name, number, f"expected 7 columns, found {len(cells)}")
            )
            continue
        code, root, goldstein, ptype, pmode, pcontext, label = cells
        if not (code.isdigit() and 2 <= len(code) <= 4 and code[:2] == root):
            problems.append(DictionaryProblem(name, number, f"malformed event code {code!r}"))
            continue
        types[code] = EventType(
            code=code,
            root=root,
            name=label.strip(),
            goldstein=float(goldstein),
            plover_type=_optional(ptype),
            plover_mode=_optional(pmode),
            plover_context=_optional(pcontext),
        )
    if problems:
        raise DictionaryError(problems)
    return types
