"""Every event a sentence states: the verb matches that are not blocked, their source-target
pairs, recoded by mood, weapon or refusal, one event per source, target and code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tocsin.coding.context import StoryContext
from tocsin.coding.grammar.blocking import (
    blocked,
    figurative,
    governed_verbs,
    in_background_clause,
    is_question,
    nonspecific,
    refusal_code,
)
from tocsin.coding.grammar.candidates import EventCandidate
from tocsin.coding.grammar.dyads import CONSULT_ROOT, dyads_of
from tocsin.coding.grammar.mood import apply_mood
from tocsin.coding.grammar.phrases import actors_at
from tocsin.coding.grammar.sources import noun_sources, support_verb, verb_source
from tocsin.coding.grammar.speech import reported, reporting_verb
from tocsin.coding.missions import MissionTable
from tocsin.coding.modality import MoodTable, mood_of, speaker_of
from tocsin.coding.statement_content import BARE_STATEMENT, StatementCues, reported_words
from tocsin.coding.verbs import VerbMatch
from tocsin.coding.weapons import GENERIC_FORCE, WeaponTable
from tocsin.knowledge.dictionaries import Flag
from tocsin.records import UNKNOWN_COUNTRY, ActorMention, Sentence, Token

UNSPECIFIED_DEMAND = "100"
MEDIA_ROLE = "MED"
FORCES_ROLE = "MIL"
# "killed *in* air strikes", "wounded *during* a raid": the attack an act of force was done in
MEANS_PREPS = frozenset({"in", "by", "during", "amid"})
FORCE_ACT_ROOTS = frozenset({"18", "19", "20"})


def find_events(
    sentence: Sentence,
    mentions: Sequence[ActorMention],
    matches: Sequence[VerbMatch],
    context: StoryContext | None = None,
    moods: MoodTable | None = None,
    weapons: WeaponTable | None = None,
    cues: StatementCues | None = None,
    missions: MissionTable | None = None,
) -> list[EventCandidate]:
    """Every event the sentence states, one per source-target pair."""
    tokens = sentence.tokens
    if is_question(sentence.text):
        return []
    governor: dict[int, VerbMatch] = {
        v: m for m in matches if Flag.GOVERNS in m.pattern.flags for v in _governed(tokens, m)
    }
    anchors = {match.verb: _anchor(tokens, match) for match in matches}
    complements: dict[int, list[VerbMatch]] = {}
    for match in matches:
        anchor = anchors[match.verb]
        if anchor in governor and governor[anchor].verb != match.verb:
            complements.setdefault(governor[anchor].verb, []).append(match)
        elif match.nested_in is not None:
            complements.setdefault(match.nested_in, []).append(match)
    events: list[EventCandidate] = []
    statements: list[EventCandidate] = []
    named_events = event_words(matches)
    for match in matches:
        anchor = anchors[match.verb]
        if anchor in governor or match.nested_in is not None:
            continue
        if in_background_clause(tokens, match.verb, named_events):
            continue
        refusal = refusal_code(tokens, match, moods)
        if refusal is None and (
            blocked(tokens, match.verb)
            or blocked(tokens, anchor)
            or nonspecific(tokens, match)
            or figurative(tokens, match)
        ):
            continue
        found = dyads_of(sentence, mentions, match, context)
        if weapons is not None and match.pattern.code == GENERIC_FORCE:
            found = armed(tokens, match, found, weapons)
        if missions is not None:
            found = on_mission(tokens, match, found, missions)
        found = doer_of_the_means(sentence, mentions, match, matches, found, context)
        found = [_verbal_clash(tokens, match, e) for e in found]
        if refusal is not None:
            found = [replace(e, code=refusal, rules=(*e.rules, "negated-refusal")) for e in found]
        elif moods is not None:
            found = apply_mood(sentence, mentions, match, found, complements, moods, context)
        if Flag.STATEMENT in match.pattern.flags:
            said = said_content(tokens, mentions, match, found, cues)
            (events if said is not found else statements).extend(said)
        else:
            events.extend(found)
    events = reported_acts(sentence, mentions, matches, events, context)
    events = without_implied_targets(events)
    events = [e for e in events if not (interview(e) or news_report(e))]
    # a bare statement codes only with a known speaker and a target of another country: the
    # addressee or the actor spoken about; one that says what its target must do is a demand
    said = [reported_obligation(tokens, s) for s in statements]
    said = [s for s in said if not news_report(s)]
    return unique(events or [s for s in said if s.code != BARE_STATEMENT or _addressed(s)])


def said_content(
    tokens: Sequence[Token],
    mentions: Sequence[ActorMention],
    match: VerbMatch,
    found: list[EventCandidate],
    cues: StatementCues | None,
) -> list[EventCandidate]:
    """A bare statement whose reported words criticise, accuse, praise or threaten takes that
    code ("'This is unacceptable,' the secretary said" 111), and, without a target, the first
    other actor those words name ("said it was unacceptable for *American troops* to stay");
    others are returned as they are."""
    if cues is None or not found or match.pattern.code != BARE_STATEMENT:
        return found
    words = reported_words(tokens, match.verb)
    said = cues.code_of(tokens, words)
    if said is None:
        return found
    code, cue = said
    out = []
    for e in found:
        rules = (*e.rules, f"statement-content:{cue}")
        target = e.target
        if target is None:
            named = [m for m in mentions if m.head in words and m.code != e.source.code]
            target = min(named, key=lambda m: m.start, default=None)
            rules = rules if target is None else (*rules, "target-in-statement")
        out.append(replace(e, code=code, target=target, rules=rules))
    return out


def reported_obligation(tokens: Sequence[Token], statement: EventCandidate) -> EventCandidate:
    """ "Russia said Sudan *must* return the helicopter": what a speaker says another actor must
    or should do is a demand on that actor, as a matched act's obligation is (mood.py); with no
    act the dictionaries know, the demand is not specified (100)."""
    target = statement.target
    if statement.code != BARE_STATEMENT or target is None:
        return statement
    if tokens[target.head].dep not in ("nsubj", "nsubjpass"):
        return statement
    clause = tokens[target.head].head
    if speaker_of(tokens, clause) != statement.match.verb or mood_of(tokens, clause) != "demand":
        return statement
    return replace(statement, code=UNSPECIFIED_DEMAND, rules=(*statement.rules, "reported-demand"))


# Roles that clash in words, not arms: "the UK ambassador clashed with Trump" is a criticism.
POLITICAL_ROLES = frozenset({"GOV", "LEG", "OPP", "PTY", "JUD", "ELI", "MED"})
ARMED_ROLES = frozenset({"MIL", "REB", "INS", "COP", "UAF", "SPY", "SEP"})
CRITICIZE = "111"


def _verbal_clash(tokens: Sequence[Token], match: VerbMatch, e: EventCandidate) -> EventCandidate:
    """A clash between two actors of political roles, neither armed, is a quarrel (111): "the
    senator clashed with the president"; troops, rebels and police clash in arms (190)."""
    if e.code != "190" or tokens[match.verb].lemma != "clash" or e.target is None:
        return e

    def political(actor: ActorMention) -> bool:
        roles = {actor.role[i : i + 3] for i in range(0, len(actor.role), 3)}
        return bool(actor.country and roles & POLITICAL_ROLES and not roles & ARMED_ROLES)

    if political(e.source) and political(e.target):
        return replace(e, code=CRITICIZE, rules=(*e.rules, "verbal-clash"))
    return e


def _governed(tokens: Sequence[Token], match: VerbMatch) -> list[int]:
    """The verbs a governing match covers: its complement clause, and the infinitives of its
    objects ("rejected Turkey's offer *to mediate*")."""
    infinitives = [c for o in match.objects for c in tokens[o].children if tokens[c].dep == "acl"]
    return [*governed_verbs(tokens, match), *infinitives]


def _anchor(tokens: Sequence[Token], match: VerbMatch) -> int:
    """Where an event stands in its clause: its verb, or an event noun's support word, which a
    governing verb or a negation covers ("urged Israel to *launch* strikes", "denied it was
    *involved* in the attack")."""
    if Flag.NOUN in match.pattern.flags:
        support = support_verb(tokens, match.verb)
        if support is not None:
            return support
    return match.verb


def without_implied_targets(events: list[EventCandidate]) -> list[EventCandidate]:
    """A protest's implied target (the home government) gives way where the sentence gives the
    same source a target it names ("farmers protested ... against the EU's quotas")."""
    named = {e.source.code for e in events if e.target is not None and e.target.text}
    return [
        e for e in events if not ("target-implied-government" in e.rules and e.source.code in named)
    ]


def interview(event: EventCandidate) -> bool:
    """ "Spoke to the Times", "speaking on BBC Radio 4": talking to a news medium is how a
    statement is made, not a consultation (04x) with the medium."""
    actors = (event.source, event.target)
    media = [a for a in actors if a is not None and a.role.startswith(MEDIA_ROLE)]
    return event.code[:2] == CONSULT_ROOT and bool(media)


def news_report(event: EventCandidate) -> bool:
    """ "..., the Malian government said, *Reuters reported*": a news medium's bare statement
    is its report of others' words, not a political act (the medium may still criticise, 111,
    or be spoken to)."""
    return event.code == BARE_STATEMENT and event.source.role.startswith(MEDIA_ROLE)


def _addressed(statement: EventCandidate) -> bool:
    source, target = statement.source, statement.target
    if target is None or source.code.startswith("---"):
        return False
    return source.country is None or target.country != source.country


def reported_acts(
    sentence: Sentence,
    mentions: Sequence[ActorMention],
    matches: Sequence[VerbMatch],
    events: list[EventCandidate],
    context: StoryContext | None,
) -> list[EventCandidate]:
    """Acts reported by a speaker ("X said B attacked C", "B attacked C, X said"): a claim, an
    accusation, or the act itself with the speaker in the evidence (see `speech`)."""
    tokens = sentence.tokens
    speakers: dict[int, ActorMention] = {}
    for m in matches:
        if Flag.STATEMENT in m.pattern.flags:
            found = actors_at(sentence, verb_source(tokens, m.verb)[0], mentions, context)
            if found:
                speakers[m.verb] = found[0]
    out = []
    for e in events:
        verb = reporting_verb(tokens, e.match.verb, set(speakers))
        if verb is None:
            out.append(e)
            continue
        speaker = speakers[verb]
        said = tokens[e.source.head].pos == "PRON"  # "X said *it* attacked B"
        for code, source, target, rule in reported(e.code, e.source, e.target, speaker, said):
            out.append(
                replace(
                    e,
                    code=code,
                    source=source,
                    target=target,
                    rules=(*e.rules, rule),
                    speaker=speaker,
                )
            )
    return out


def find_actions(sentence: Sentence, matches: Sequence[VerbMatch]) -> list[VerbMatch]:
    """The acts a sentence states, whoever did them: the verb matches that are not negated,
    hypothetical, governed by another verb or nested in its object; statements last."""
    tokens = sentence.tokens
    if is_question(sentence.text):
        return []
    governed = {
        v for m in matches if Flag.GOVERNS in m.pattern.flags for v in governed_verbs(tokens, m)
    }
    named_events = event_words(matches)
    acts = [
        m
        for m in matches
        if m.verb not in governed
        and m.nested_in is None
        and not blocked(tokens, m.verb)
        and not nonspecific(tokens, m)
        and not figurative(tokens, m)
        and not in_background_clause(tokens, m.verb, named_events)
    ]
    return sorted(acts, key=lambda m: Flag.STATEMENT in m.pattern.flags)


def event_words(matches: Sequence[VerbMatch]) -> set[int]:
    """Words that name an event: a matched verb or noun, or the object a pattern matched on
    ("launched *an attack*")."""
    words = {m.verb for m in matches}
    return words | {m.matched_object for m in matches if m.matched_object is not None}


def armed(
    tokens: Sequence[Token], match: VerbMatch, found: list[EventCandidate], weapons: WeaponTable
) -> list[EventCandidate]:
    """ "Israeli fighter jets struck Hamas targets": force used with aircraft is 195."""
    doers = _doer_heads(tokens, match)
    if match.matched_object is not None:  # "ordered a *missile* strike"
        doers = [*doers, match.matched_object]
    code = weapons.refine(tokens, match.verb, doers)
    if code is None:
        return found
    return [replace(e, code=code, rules=(*e.rules, f"weapon:{code}")) for e in found]


def doer_of_the_means(
    sentence: Sentence,
    mentions: Sequence[ActorMention],
    match: VerbMatch,
    matches: Sequence[VerbMatch],
    found: list[EventCandidate],
    context: StoryContext | None,
) -> list[EventCandidate]:
    """ "200 civilians were killed *in Syrian and Russian air strikes*": an agentless act of
    force done in an attack the sentence names was done by whoever carried out the attack, with
    the attack's more specific code when the act's own is generic force (190)."""
    if not any("agentless" in e.rules for e in found):
        return found
    tokens = sentence.tokens
    means = {
        g
        for p in tokens[match.verb].children
        if tokens[p].dep == "prep" and tokens[p].lower in MEANS_PREPS
        for g in tokens[p].children
        if tokens[g].dep == "pobj"
    }
    for attack in matches:
        if attack.verb not in means or attack.pattern.code[:2] not in FORCE_ACT_ROOTS:
            continue
        doers: list[ActorMention] = []
        for heads, _ in noun_sources(tokens, attack.verb, attack.pattern.modifiers):
            doers = actors_at(sentence, heads, mentions, context)
            if doers:
                break  # the first choice that names someone, as for any nominal event
        if not doers:
            continue
        code = attack.pattern.code if match.pattern.code == GENERIC_FORCE else None
        out = []
        for e in found:
            if "agentless" not in e.rules:
                out.append(e)
                continue
            for doer in {d.code: d for d in doers}.values():
                target = e.target
                if (
                    target is not None
                    and target.kind == "context"
                    and target.country == doer.country
                ):
                    # "soldiers were wounded in an Israeli raid": the story put the soldiers in
                    # the only country it knew, the attacker's; their country is unknown
                    target = replace(target, code=UNKNOWN_COUNTRY + target.code[3:], kind="unknown")
                if target is not None and target.code == doer.code:
                    if "target-place-of-event" not in e.rules:
                        out.append(e)  # the attacker's own people: not the attack's victims
                        continue
                    target = None  # "in *Saudi* air strikes" named the doer, not a place
                dropped = {"agentless"} | (
                    {"story-context", "target-place-of-event"} if target is not e.target else set()
                )
                rules = (*(r for r in e.rules if r not in dropped), "doer-of-the-means")
                out.append(replace(e, source=doer, target=target, code=code or e.code, rules=rules))
        return out
    return found


def on_mission(
    tokens: Sequence[Token], match: VerbMatch, found: list[EventCandidate], missions: MissionTable
) -> list[EventCandidate]:
    """ "Chinese peacekeepers arrived in South Sudan": a movement of forces on a peace mission
    provides military protection (074)."""
    doers = _doer_heads(tokens, match)
    forces = any(e.source.code[3:6] == FORCES_ROLE for e in found)  # not GOVMIL: a minister
    code = missions.refine(tokens, match.pattern.code, match.verb, doers, forces)
    if code is None:
        return found
    return [replace(e, code=code, rules=(*e.rules, f"mission:{code}")) for e in found]


def _doer_heads(tokens: Sequence[Token], match: VerbMatch) -> list[int]:
    """Where the doer's words are: an event noun itself ("*air strikes*"), else the verb's
    subject phrase."""
    return [match.verb] if Flag.NOUN in match.pattern.flags else verb_source(tokens, match.verb)[0]


def unique(events: list[EventCandidate]) -> list[EventCandidate]:
    """One event per (source, target, code); a root or parent code is dropped where a finer code
    of the same pair stands ("issued a statement" 010 over "statement" 01)."""
    seen: set[tuple[str, str, str]] = set()
    out: list[EventCandidate] = []
    for e in events:
        key = (e.source.code, e.target.code if e.target else "", e.code)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return [
        e
        for e in out
        if not any(
            len(code) > len(e.code) and code.startswith(e.code) and (s, t) == key[:2]
            for s, t, code in seen
            for key in [(e.source.code, e.target.code if e.target else "", e.code)]
        )
    ]
