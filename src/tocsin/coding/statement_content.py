"""What a statement says: a bare statement (010) whose reported words criticise, accuse, praise or
threaten takes that code, as the CAMEO codebook codes a statement by its content ("'This is
unacceptable,' the party's secretary said" is 111). The cues live in `data/statement_cues.tsv`;
this module finds them in the words a speech verb reports: its complement clause ("said *the
threats were based on lies*"), or the quotation a trailing "X said" closes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tocsin.coding.actors import subtree
from tocsin.records import Token

BARE_STATEMENT = "010"
# how reported words hang on the speech verb, and how a trailing "X said" hangs on them
CONTENT_DEPS = frozenset({"ccomp", "parataxis", "xcomp"})
NEGATORS = frozenset({"not", "n't", "never", "no"})


@dataclass(frozen=True, slots=True)
class Cue:
    words: tuple[str, ...]
    pos: str | None
    code: str

    @classmethod
    def parse(cls, cue: str, code: str) -> Cue:
        text, _, pos = cue.partition("/")
        return cls(tuple(text.split()), pos.upper() or None, code)


class StatementCues:
    """Cue words and phrases -> the CAMEO code of a statement that says them
    (`SideTables.statement_cues`)."""

    def __init__(self, codes: dict[str, str]) -> None:
        self.cues = sorted(
            (Cue.parse(cue, code) for cue, code in codes.items()), key=lambda c: -len(c.words)
        )

    def code_of(self, tokens: Sequence[Token], words: set[int]) -> tuple[str, str] | None:
        """(code, cue) of the first cue, in text order, among `words` (what a speech verb
        reports: `reported_words`)."""
        content = sorted(words)
        found: list[tuple[int, Cue]] = []
        for i in content:
            for cue in self.cues:
                if _matches(tokens, i, cue) and not _negated(tokens, i):
                    found.append((i, cue))
                    break
        if not found:
            return None
        _, cue = min(found, key=lambda pair: pair[0])
        return cue.code, " ".join(cue.words)


def reported_words(tokens: Sequence[Token], verb: int) -> set[int]:
    """The words a speech verb reports: the subtrees of its complement clauses, or, for a trailing
    attribution ("'...,' the spokesman said"), the clause it hangs on, without the attribution."""
    words: set[int] = set()
    for child in tokens[verb].children:
        if tokens[child].dep in CONTENT_DEPS:
            words |= subtree(tokens, child)
    node = tokens[verb]
    if not words and node.dep in ("parataxis", "ccomp") and node.head != node.i:
        words = subtree(tokens, node.head) - subtree(tokens, verb)
    return words


def _matches(tokens: Sequence[Token], start: int, cue: Cue) -> bool:
    if start + len(cue.words) > len(tokens):
        return False
    for offset, word in enumerate(cue.words):
        token = tokens[start + offset]
        if word not in (token.lower, token.lemma.lower()):
            return False
    return cue.pos is None or tokens[start + len(cue.words) - 1].pos == cue.pos


def _negated(tokens: Sequence[Token], word: int) -> bool:
    """ "It is *not* unacceptable", "we do *not* want them to pay the price"."""
    head = tokens[tokens[word].head]
    return any(tokens[c].lower in NEGATORS for w in (tokens[word], head) for c in w.children)
