"""A peace mission named with a movement of forces makes it specific: peacekeepers who arrive in
a country, or troops deployed to a peacekeeping mission, provide military protection (074), not a
visit (042) or a show of force (154). The words live in `data/missions.tsv`; this module finds
them in the doer's phrase or in the act's own phrases (its object, prepositions and purpose)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tocsin.records import Token

FORCE_POSTURE_ROOT = "15"
# the act's phrases: not its subject, not a clause of its own that reports or describes
NOT_THE_ACTS = frozenset({"nsubj", "nsubjpass", "ccomp", "relcl", "conj", "parataxis"})


@dataclass(frozen=True, slots=True)
class MissionTable:
    """Act code -> mission word -> the code the act takes (`SideTables.missions`)."""

    codes: dict[str, dict[str, str]]

    def refine(
        self, tokens: Sequence[Token], code: str, verb: int, doers: Iterable[int], forces: bool
    ) -> str | None:
        """The code of the act `code` at `verb` done by the phrases headed by `doers`, if a
        mission word is in the doer's phrase, or in the act's phrases when the doers are forces
        (`forces`) or the act moves forces by itself (15x)."""
        words = self.codes.get(code)
        if not words:
            return None
        found = _found(tokens, _phrase(tokens, doers, frozenset({"relcl", "acl"})), words)
        if found is None and (forces or code.startswith(FORCE_POSTURE_ROOT)):
            found = _found(tokens, _phrase(tokens, [verb], NOT_THE_ACTS)[1:], words)
        return found


def _phrase(tokens: Sequence[Token], heads: Iterable[int], barred: frozenset[str]) -> list[int]:
    """The heads and the words below them, not through the `barred` dependencies."""
    out: list[int] = []
    queue = list(heads)
    while queue:
        word = queue.pop(0)
        out.append(word)
        queue.extend(c for c in tokens[word].children if tokens[c].dep not in barred)
    return out


def _found(tokens: Sequence[Token], words: Sequence[int], table: dict[str, str]) -> str | None:
    for word in words:
        code = table.get(tokens[word].lemma.lower()) or table.get(tokens[word].lower)
        if code is not None:
            return code
    return None
