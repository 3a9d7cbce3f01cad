"""Mood: a governing verb takes the specific code of the act it governs ("threatened to impose
sanctions" 138), a future act is an intent or a threat, an obligation reported by a speaker is a
demand, and joined subjects that agree commit to each other."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tocsin.coding.context import StoryContext
from tocsin.coding.grammar.candidates import EventCandidate
from tocsin.coding.grammar.dyads import dyads_of
from tocsin.coding.grammar.phrases import actors_at
from tocsin.coding.grammar.sources import verb_source
from tocsin.coding.modality import MoodTable, mood_of, speaker_of
from tocsin.coding.verbs import VerbMatch
from tocsin.knowledge.dictionaries import Flag
from tocsin.records import ActorMention, Sentence, Token

THREAT_ROOT = "13"


def apply_mood(
    sentence: Sentence,
    mentions: Sequence[ActorMention],
    match: VerbMatch,
    found: list[EventCandidate],
    complements: dict[int, list[VerbMatch]],
    moods: MoodTable,
    context: StoryContext | None,
) -> list[EventCandidate]:
    """Recode events by mood: a governing verb takes the specific code of the act it governs;
    a future act becomes an intent; an obligation reported by a speaker becomes a demand."""
    tokens = sentence.tokens
    for act in complements.get(match.verb, []):
        # "vowed to crush Hamas" threatens; "offered support to French operations" does not
        threats = Flag.NOUN not in act.pattern.flags
        refined = moods.refine(match.pattern.code, act.pattern.code, threats=threats)
        if refined is None:
            continue
        acts = dyads_of(sentence, mentions, act, context)
        act_target = next((a.target for a in acts if a.target is not None), None)
        # "urged the EU to impose sanctions on Iran": a call for sanctions threatens Iran, not
        # the EU it is addressed to
        threatened = refined[:2] == THREAT_ROOT and match.pattern.code[:2] != THREAT_ROOT
        refined_events = [
            replace(
                e,
                code=refined,
                target=(act_target or e.target) if threatened else (e.target or act_target),
                rules=(
                    *e.rules,
                    f"mood:{act.pattern.id}",
                    *(("target-of-the-threat",) if threatened and act_target else ()),
                ),
            )
            for e in found
        ]
        reciprocal_act = Flag.RECIPROCAL in act.pattern.flags
        joined = {e.source.code for e in found}
        if len(joined) > 1 and {a.target.code for a in acts if a.target} <= joined:
            # "The Thai and Cambodian ministers agreed to meet": the act's only targets are
            # the joined subjects themselves
            refined_events = [
                replace(e, target=None) if e.target and e.target.code in joined else e
                for e in refined_events
            ]
        return mutual(tokens, match, refined_events, refined, reciprocal_act)
    for code in match.object_acts:  # "rejected a request for loans": a refusal of aid
        # an object names what is offered, not a threat ("offered support to operations")
        refined = moods.refine(match.pattern.code, code, threats=False)
        if refined is not None:
            refined_events = [
                replace(e, code=refined, rules=(*e.rules, f"mood-object:{code}")) for e in found
            ]
            return mutual(tokens, match, refined_events, refined, False)
    found = mutual(tokens, match, found, match.pattern.code, False)
    mood = mood_of(tokens, match.verb)
    if mood == "intent":
        # a future act of cooperation is an intent, a future act of conflict a threat (as the
        # CAMEO codebook reads "will extend the curfew", "will withdraw the inspectors")
        derived, rule = moods.derive(match.pattern.code, "intent"), "future-intent"
        if derived is None:
            derived, rule = moods.derive(match.pattern.code, "threat"), "future-threat"
        if derived is None:
            return found
        # "Armenia is ready to sign a treaty with Azerbaijan": only the one who intends
        return [
            replace(e, code=derived, rules=(*e.rules, rule))
            for e in found
            if "reciprocal" not in e.rules
        ]
    if mood == "demand":
        speaker = speaker_of(tokens, match.verb)
        if speaker is None:
            return []
        derived = moods.derive(match.pattern.code, "demand") or "100"
        speakers = actors_at(sentence, verb_source(tokens, speaker)[0], mentions, context)
        return [
            EventCandidate(match, who, e.source, (*e.rules, "reported-demand"), derived)
            for who in speakers
            for e in found
            if who.code != e.source.code
        ]
    return found


def mutual(
    tokens: Sequence[Token],
    match: VerbMatch,
    events: list[EventCandidate],
    code: str,
    reciprocal: bool,
) -> list[EventCandidate]:
    """ "Thailand and Cambodia agreed to meet": joined subjects with no target commit to each
    other."""
    sources = [e.source for e in events if e.target is None]
    if (tokens[match.verb].lemma == "agree" or reciprocal) and len(sources) > 1:
        return [
            EventCandidate(match, a, b, (*events[0].rules, "mutual"), code)
            for a in sources
            for b in sources
            if a.code != b.code
        ]
    return events
