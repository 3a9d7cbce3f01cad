"""Reported speech as the CAMEO codebook and PETRARCH code it.

A speech verb ("said", "reported", "according to") that reports another act does not code a bare
statement: the reported act is coded, and the speaker is kept in the evidence. What the report
makes of the act depends on who speaks (CAMEO codebook, 010/015/112; PETRARCH's reported-speech
rules at the end of CAMEO.2.0.txt):

- "X said it attacked B" (the speaker is the doer, the act is force): a claim of responsibility,
  X -> B 015, next to the act itself;
- "X said B attacked C" where X is C itself (or C's state): an accusation, X -> B 112, next to
  the act;
- a neutral reporter (a news agency, a police spokesman describing others, "a local official
  said"): the reported act B -> C, with X only in the evidence;
- "X said it would do Q to B": the mood rules make Q an intent (03x) or a threat (13x), X -> B.
"""

from __future__ import annotations

from collections.abc import Sequence

from tocsin.records import ActorMention, Token

CLAIM = "015"
ACCUSE = "112"
CLAIMABLE_ROOTS = frozenset({"18", "19", "20"})  # force one claims responsibility for
ACCUSABLE_ROOTS = frozenset({"17", "18", "19", "20"})
# How a reported clause hangs on its speech verb: "X said (that) B attacked C" (ccomp), "B attacked
# C, X said" (the speech verb is a parataxis or ccomp-headed root), "according to X".
REPORTED_DEPS = frozenset({"ccomp", "parataxis"})
SPEECH_LEMMAS = frozenset(
    {
        *("say", "tell", "announce", "report", "state", "add", "claim", "insist", "confirm"),
        *("declare", "assert", "stress", "reiterate", "affirm", "reaffirm", "maintain"),
        *("emphasize", "emphasise", "explain", "argue", "contend", "write", "tweet"),
    }
)


def reporting_verb(tokens: Sequence[Token], verb: int, speech_verbs: set[int]) -> int | None:
    """The speech verb that reports the clause of `verb`, if any: its head through "said that",
    or a speech verb hanging on it ("B attacked C, officials said")."""
    node = tokens[verb]
    seen = {verb}
    while node.dep in (*REPORTED_DEPS, "conj", "xcomp", "advcl") and node.head not in seen:
        seen.add(node.head)
        if node.head in speech_verbs and node.dep in REPORTED_DEPS:
            return node.head
        node = tokens[node.head]
    for child in tokens[verb].children:
        if child in speech_verbs and tokens[child].dep in (*REPORTED_DEPS, "advcl"):
            return child
    return None


def same_party(a: ActorMention, b: ActorMention | None) -> bool:
    """The same actor, or a state and its own government, forces or territory."""
    if b is None or a.code.startswith("---") or b.code.startswith("---"):
        return False
    if a.code == b.code:
        return True
    state = {"", "GOV", "MIL"}
    return a.country is not None and a.country == b.country and {a.role, b.role} <= state


def reported(
    code: str, source: ActorMention, target: ActorMention | None, speaker: ActorMention, said: bool
) -> list[tuple[str, ActorMention, ActorMention | None, str]]:
    """The events a report makes of an act (code, source, target, rule): the act itself, with
    the speaker's claim (the speaker did it: `said` is true when the act's subject is a pronoun
    standing for the speaker) or accusation (the speaker is its target) next to it."""
    root = code[:2]
    act = (code, source, target, "reported-by-speaker")
    if root in CLAIMABLE_ROOTS and said and speaker.code == source.code:
        return [act, (CLAIM, speaker, target, "claim-of-responsibility")]
    if (
        root in ACCUSABLE_ROOTS
        and same_party(speaker, target)
        and not same_party(speaker, source)
        and not source.code.startswith("---")
    ):
        return [act, (ACCUSE, speaker, source, "accusation-by-victim")]
    return [act]


def speaker_of_pronoun(tokens: Sequence[Token], subject: int) -> int | None:
    """The speaker a pronoun subject of a reported clause stands for ("the rebels said *they*
    would lay down their weapons"): the subject of the speech verb above the clause."""
    if tokens[subject].pos != "PRON":
        return None
    node = tokens[tokens[subject].head]
    for _ in range(4):
        if node.dep not in (*REPORTED_DEPS, "conj", "xcomp") or node.head == node.i:
            return None
        head = tokens[node.head]
        if head.lemma in SPEECH_LEMMAS and node.dep in REPORTED_DEPS:
            return next((c for c in head.children if tokens[c].dep in ("nsubj", "nsubjpass")), None)
        node = head
    return None


# First-person words inside reported speech stand for the speaker: "'The rebels attacked *our*
# positions,' the army said".
FIRST_PERSON = frozenset({"we", "us", "our", "ours", "ourselves"})


def speaker_of_first_person(tokens: Sequence[Token], head: int) -> int | None:
    """The speaker a first-person word stands for, when the phrase at `head` is one ("attack
    *us*") or is owned by one ("*our* positions"), in a clause reported by a speech verb: the
    subject of that speech verb."""
    pronoun = head
    if tokens[head].lower not in FIRST_PERSON:
        owners = [c for c in tokens[head].children if tokens[c].dep == "poss"]
        if not owners or tokens[owners[0]].lower not in FIRST_PERSON:
            return None
        pronoun = owners[0]
    if tokens[pronoun].pos != "PRON":
        return None
    speech = speech_over(tokens, tokens[pronoun].head, frozenset({"parataxis", "advcl"}))
    if speech is None:
        return None
    return next(
        (c for c in tokens[speech].children if tokens[c].dep in ("nsubj", "nsubjpass")), None
    )


def speech_over(tokens: Sequence[Token], word: int, hanging: frozenset[str]) -> int | None:
    """The speech verb that reports the clause of `word`, climbing from it: one hanging on a
    clause by a dependency in `hanging` ("'... our positions,' the army *said*"), or one the
    clause is the reported complement of ("the army *said* rebels attacked ...")."""
    node = tokens[word]
    for _ in range(8):
        for c in node.children:
            if tokens[c].lemma in SPEECH_LEMMAS and tokens[c].dep in hanging:
                return c
        if node.dep in REPORTED_DEPS and tokens[node.head].lemma in SPEECH_LEMMAS:
            return node.head
        if node.head == node.i:
            return None
        node = tokens[node.head]
    return None
