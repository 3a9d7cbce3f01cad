"""Weapons named with a use of force make its code specific: fighter jets striking is an aerial
attack (195), tanks and artillery a fight with heavy weapons (194). The words live in
`data/weapons.tsv`; this module finds them in the doer's phrase or the instrument phrase.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tocsin.records import Token

GENERIC_FORCE = "190"
INSTRUMENT_PREPS = frozenset({"with", "using", "by"})


@dataclass(frozen=True, slots=True)
class WeaponTable:
    """Weapon lemma -> the CAMEO code of force used with it (`SideTables.weapons`)."""

    codes: dict[str, str]

    def refine(self, tokens: Sequence[Token], verb: int, doers: Iterable[int]) -> str | None:
        """The specific code for generic force used at `verb` by the phrases headed by `doers`,
        if a weapon is named there or in the verb's instrument ("with drones", "using tanks")."""
        for word in (*_words_under(tokens, doers), *_instruments(tokens, verb)):
            code = self.codes.get(tokens[word].lemma) or self.codes.get(tokens[word].lower)
            if code is not None:
                return code
        return None


def _words_under(tokens: Sequence[Token], heads: Iterable[int]) -> list[int]:
    """The head words and their modifiers ("Israeli *fighter jets*")."""
    out: list[int] = []
    for h in heads:
        out.append(h)
        out.extend(c for c in tokens[h].children if tokens[c].dep in ("compound", "amod"))
    return out


def _instruments(tokens: Sequence[Token], verb: int) -> list[int]:
    """Nouns of the verb's instrument: "struck *with drones*", "*using* tanks and artillery"."""
    out: list[int] = []
    node = tokens[verb]
    for c in node.children:
        child = tokens[c]
        if child.dep == "prep" and child.lower in INSTRUMENT_PREPS:
            out.extend(g for g in child.children if tokens[g].dep == "pobj")
        elif child.dep in ("advcl", "acl", "xcomp") and child.lemma == "use":
            out.extend(g for g in child.children if tokens[g].dep == "dobj")
    # "Using tanks and artillery, Ukrainian forces attacked": every weapon joined by "and"
    return out + [g for o in out for g in tokens[o].children if tokens[g].dep == "conj"]
