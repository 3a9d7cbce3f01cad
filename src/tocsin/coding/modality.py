"""Mood of an act: "France will send aid" is an intent (03x), "France will cut aid" a threat (13x),
"Iraq must cooperate" (said by X) a demand (10x), "urged Mali to release prisoners" an appeal
(02x), "threatened to impose sanctions" a threat (13x), "rejected a request for loans" a refusal
(12x). The parallel sub-codes live in `data/modality.tsv`; this module finds the mood on the parse
and looks the code up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tocsin.records import Token

FAMILIES = {"02": "appeal", "03": "intent", "10": "demand", "12": "reject", "13": "threat"}
GENERIC = frozenset({"02", "020", "03", "030", "10", "100", "12", "120", "13", "130"})
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
REPORTED_FUTURE_AUX = frozenset({"would"})
OBLIGATION_AUX = frozenset({"must", "should"})
READY_WORDS = frozenset({"ready", "willing", "prepared", "committed", "determined", "poised"})
# Nouns whose infinitive is an act intended, not done ("a plan to hold elections", "accepted an
# invitation to visit")
INTENT_NOUNS = frozenset(
    {"plan", "offer", "promise", "pledge", "commitment", "intention", "readiness"}
    | {"willingness", "determination", "proposal", "vow", "invitation"}
)


@dataclass(frozen=True, slots=True)
class MoodTable:
    """For each act code, the code of an appeal for it, an intent to do it, a demand, a threat
    and a refusal (the mood table of the knowledge files, `SideTables.moods`)."""

    rows: dict[str, dict[str, str]]

    def derive(self, act_code: str, family: str) -> str | None:
        """The code of `family` (appeal, intent, demand, threat) for an act, if CAMEO has one."""
        return self.rows.get(act_code, {}).get(family)

    def refine(self, governing_code: str, act_code: str, threats: bool = True) -> str | None:
        """A governing verb's code made specific by the act it governs: "urged (020) ... to
        release (0841)" -> 0253. None when the act says nothing more specific. An intent to do
        violence is a threat ("vowed to crush Hamas") unless `threats` is off."""
        family = FAMILIES.get(governing_code[:2])
        if family is None:
            return None
        derived = self.derive(act_code, family)
        if derived is None and family == "intent" and threats:
            derived = self.derive(act_code, "threat")  # "vowed to crush Hamas" is a threat
            return derived
        if derived is None:
            return None
        if governing_code in GENERIC:
            return derived
        if len(derived) > len(governing_code) and derived.startswith(governing_code):
            return derived
        return None


def mood_of(tokens: Sequence[Token], verb: int) -> str | None:
    """'intent' for future or readiness ("will send", "is ready to send", reported "would send"),
    'demand' for obligation ("must cooperate", "has to", "should"), else None."""
    t = tokens[verb]
    auxes = {tokens[c].lower for c in t.children if tokens[c].dep == "aux"}
    if auxes & OBLIGATION_AUX:
        return "demand"
    if auxes & FUTURE_AUX:
        return "intent"
    if auxes & REPORTED_FUTURE_AUX and t.dep == "ccomp":
        return "intent"
    if t.dep == "acl" and t.tag == "VB" and tokens[t.head].lemma in INTENT_NOUNS:
        return "intent"
    if t.dep == "xcomp" and t.head != t.i:
        head = tokens[t.head]
        if head.lower in READY_WORDS:
            return "intent"
        if head.lemma == "have" and any(tokens[c].lower == "to" for c in t.children):
            return "demand"
    return None


def speaker_of(tokens: Sequence[Token], verb: int) -> int | None:
    """The verb of saying that reports a clause ("X said [that] Y must ..."), if any."""
    t = tokens[verb]
    if t.dep in ("ccomp", "parataxis") and t.head != t.i:
        return t.head
    return None
