"""Which event a phrase belongs to: walking the parse from a phrase up to an event's verb.

Dates and places both need the same answer. A phrase belongs to an event when the path from the
phrase's head up the dependency tree reaches the event's verb without crossing into another
clause (a relative clause, an adverbial clause, a reported clause ...). "France, which suspended
ties on May 2, attacked Mali on Friday": "on May 2" reaches "attacked" only through "suspended", a
relative clause, so it is not the attack's date.

A phrase in a clause that governs the event's clause ("Officials said on Tuesday that troops had
shelled the village") is a weaker match, kept apart so callers can rank it below a direct one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tocsin.records import Sentence

# Dependencies that open a new clause: a phrase below one of these belongs to that clause's verb.
CLAUSE_DEPS = frozenset(
    {"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "parataxis", "csubj", "csubjpass", "pcomp"}
)
# Clause links through which a governing clause's date or place carries down to the event.
CARRYING_DEPS = frozenset({"ccomp", "xcomp", "conj"})


@dataclass(frozen=True, slots=True)
class Attachment:
    """How a phrase hangs on an event verb.

    `kind` is "verb" when the phrase is in the verb's own clause, "governing" when it is in a
    clause the verb's clause depends on. `path` lists the tokens from the phrase head (first) up
    to, not including, the verb or the governing clause's head (`anchor`).
    """

    kind: Literal["verb", "governing"]
    path: tuple[int, ...]
    anchor: int

    @property
    def depth(self) -> int:
        return len(self.path)


def ancestors(sentence: Sentence, i: int) -> list[int]:
    """Tokens from `i` (included) up to the root of its sentence."""
    chain = [i]
    seen = {i}
    while True:
        head = sentence.tokens[chain[-1]].head
        if head in seen:
            return chain
        chain.append(head)
        seen.add(head)


def clause_path(sentence: Sentence, start: int, top: int) -> tuple[int, ...] | None:
    """The path from `start` up to (not including) `top`, if `top` is an ancestor of `start` and
    the path opens no other clause on the way; None otherwise."""
    chain = ancestors(sentence, start)
    if top not in chain:
        return None
    path = tuple(chain[: chain.index(top)])
    if any(opens_clause(sentence, t) for t in path):
        return None
    return path


def opens_clause(sentence: Sentence, i: int) -> bool:
    """Whether token `i` heads a clause of its own (nouns joined by "and" do not)."""
    token = sentence.tokens[i]
    if token.dep == "conj":
        return token.pos in ("VERB", "AUX")
    return token.dep in CLAUSE_DEPS


def attach(sentence: Sentence, head: int, verb: int) -> Attachment | None:
    """How the phrase headed by `head` hangs on the event verb `verb`, or None if it does not."""
    if head == verb:
        return None
    path = clause_path(sentence, head, verb)
    if path is not None:
        return Attachment("verb", path, verb)
    # Clauses above the verb that it depends on through a carrying link.
    current = verb
    while True:
        token = sentence.tokens[current]
        if token.dep not in CARRYING_DEPS or token.head == current:
            return None
        governor = token.head
        path = clause_path(sentence, head, governor)
        if path is not None and current not in path:
            return Attachment("governing", path, governor)
        current = governor


def span_head(sentence: Sentence, start: int, end: int) -> int:
    """The token of [start, end) whose head lies outside the span (the first such one)."""
    for i in range(start, end):
        head = sentence.tokens[i].head
        if head == i or not start <= head < end:
            return i
    return start
