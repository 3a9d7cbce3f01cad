"""Source-target pairs of one verb match: the doers (`sources`), the targets (`targets`), and the
conventions that join them (reciprocal acts, targets implied by the previous sentence)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tocsin.coding.actors import group_head
from tocsin.coding.context import StoryContext
from tocsin.coding.grammar.candidates import EventCandidate
from tocsin.coding.grammar.phrases import actors_at, prep_objects
from tocsin.coding.grammar.sources import noun_sources, verb_source
from tocsin.coding.grammar.speech import speaker_of_pronoun
from tocsin.coding.grammar.targets import (
    HOME_PLACE_ROOTS,
    OWN_ACT_ROOTS,
    PLACE_PREPS,
    POSTURE_ROOT,
    TargetQuery,
    find_targets,
    from_slot,
    home_place,
    needs_target,
    other_country,
    own_part,
    role_targets,
    target_place_of_event,
    target_prep,
    unknown_target,
)
from tocsin.coding.grammar.unknown import (
    FORCE_ROOTS,
    is_anonymous,
    names_someone,
    unknown_actor,
    unknown_sources,
)
from tocsin.coding.verbs import VerbMatch, is_passive
from tocsin.knowledge.dictionaries import Flag, Slot
from tocsin.records import UNKNOWN_COUNTRY, ActorMention, Sentence, Token

# Roots whose target news often leaves to the story ("France called the coup unacceptable").
IMPLICIT_TARGET_ROOTS = frozenset({"11", "12", "13", "16"})


def _speaker_as_source(
    sentence: Sentence,
    mentions: Sequence[ActorMention],
    choices: Sequence[tuple[list[int], tuple[str, ...]]],
    context: StoryContext | None,
) -> tuple[list[ActorMention], tuple[str, ...]]:
    """ "The rebels said *they* would lay down their arms": an unresolved pronoun subject of a
    reported clause is the speaker, known or `---`."""
    heads = next((h for h, _ in choices if h), [])
    speaker = speaker_of_pronoun(sentence.tokens, heads[0]) if heads else None
    if speaker is None:
        return [], ()
    found = actors_at(sentence, [speaker], mentions, context)
    if not found:
        actor = unknown_actor(sentence, speaker, mentions)
        found = [actor] if actor is not None and names_someone(sentence, actor) else []
    return found, ("pronoun-is-speaker",) if found else ()


# Consultations (04x) are held with someone: where they were held is no partner ("discussed
# developments *in Syria*", "speaking *from* a camp in Syria"); a visit (042) is to a place.
CONSULT_ROOT = "04"
VISIT = "042"


def _with_someone(match: VerbMatch) -> bool:
    code = match.pattern.code
    return code[:2] == CONSULT_ROOT and not code.startswith(VISIT)


def _alone(match: VerbMatch, sources: Sequence[ActorMention]) -> bool:
    """A consultation verb (040, 041, 046: meet, talk, negotiate) with one doer and no one it was
    held with: a meeting of the doer's own ("the cabinet met for two hours"), or a partner the
    text does not give. CAMEO codes a consultation between two actors; a pattern that may stand
    alone (hosting or attending a summit) says so with `no-target-ok`, an event noun by itself."""
    flags = match.pattern.flags
    if flags & {Flag.NO_TARGET_OK, Flag.NOUN} or len(sources) != 1:
        return False
    return _with_someone(match)


def _topic_noun(sentence: Sentence, match: VerbMatch) -> bool:
    """An event noun with no target inside a prepositional phrase and with no verb doing it
    ("in their proxy wars", "since the revolt"): the sentence talks about it, it does not report
    it."""
    if Flag.NOUN not in match.pattern.flags:
        return False
    tokens = sentence.tokens
    noun = tokens[match.verb]
    if any(tokens[c].dep == "prep" and tokens[c].lower == "by" for c in noun.children):
        return False  # "an attack *by gunmen*"
    verb = tokens[noun.head]
    # "efforts *to end* the war", "massed *to launch* an offensive": the object of a purpose
    # clause is intended or talked about, not done
    purpose = noun.dep == "dobj" and verb.dep in ("acl", "advcl", "xcomp") and verb.tag == "VB"
    return noun.dep == "pobj" or purpose


PROTEST_ROOT = "14"
# Calling off a protest or strike (CAMEO 082, "ease popular dissent"), and refusing to (1242),
# yields to the authority the protest addressed
EASE_DISSENT = "082"


def addresses_authority(code: str) -> bool:
    """A protest or strike, or the end of one: acts whose unnamed target is the authority."""
    return code[:2] == PROTEST_ROOT or code.startswith(EASE_DISSENT)


def implied_authority(
    sentence: Sentence, match: VerbMatch, source: ActorMention, context: StoryContext | None
) -> ActorMention | None:
    """A strike or protest (or its end) that names no target is addressed to the authority of its
    place: by CAMEO practice the home government (the source's country, else the story's home,
    else `---GOV`). The mention has no words of its own; the rule in the evidence says so."""
    if source.role.startswith("GOV"):
        return None  # a government does not protest at itself
    country = source.country or (context.home.country if context is not None else None)
    code = (country or UNKNOWN_COUNTRY) + "GOV"
    kind = "home" if country else "unknown"
    verb = match.verb
    return ActorMention(verb, verb, verb, code, "", kind, ())


def same_actor(a: ActorMention, b: ActorMention) -> bool:
    """One actor on both sides. Two actors of unknown country share a code without being one
    ("the finance minister criticised the central bank": `---GOV` both): only the same words
    are the same actor there."""
    if a.code != b.code:
        return False
    return not a.code.startswith(UNKNOWN_COUNTRY) or a.text.lower() == b.text.lower()


def apart(
    sources: list[ActorMention], targets: list[ActorMention]
) -> tuple[list[ActorMention], list[ActorMention]]:
    """In an undated story, a dated name that lands on the same code as the other side of its
    event takes the code it has at another date: "the Taliban rejected the Afghan government's
    offer" is the insurgency's act, whatever the Taliban are today. Not for people: a person's
    other dates are other offices of the same person ("Erdogan accused ... the Turkish
    government" is not the mayor of Istanbul's act)."""
    if len(sources) != 1:
        return sources, targets
    (source,) = sources
    for i, target in enumerate(targets):
        if target.code != source.code:
            continue
        if _movable(source):
            return [_at_other_date(source)], targets
        if _movable(target):
            return sources, [*targets[:i], _at_other_date(target), *targets[i + 1 :]]
    return sources, targets


def _deployed_force(
    tokens: Sequence[Token], match: VerbMatch, found: Sequence[ActorMention]
) -> bool:
    """The targets found are the force the pattern's object names ("deployed *riot police*",
    "deployed *thousands of* riot police")."""
    cue = match.matched_object
    if cue is None or not found:
        return False
    return all(t.start <= cue < t.end or group_head(tokens, t.head) == cue for t in found)


def _movable(mention: ActorMention) -> bool:
    return bool(mention.other_dates) and mention.kind != "person"


def _at_other_date(mention: ActorMention) -> ActorMention:
    line = mention.other_dates[0]
    return replace(mention, code=line.code, entries=(line,), other_dates=mention.other_dates[1:])


def _between(
    sentence: Sentence,
    mentions: Sequence[ActorMention],
    match: VerbMatch,
    choices: Sequence[tuple[list[int], tuple[str, ...]]],
    context: StoryContext | None,
) -> list[ActorMention]:
    """The sides an event noun or its verb's subject names with "between" ("clashes *between
    Sudanese troops and the RSF*"), when no one else is its doer."""
    tokens = sentence.tokens
    heads = [h for hs, _ in choices for h in hs]
    if Flag.NOUN in match.pattern.flags:
        heads.append(match.verb)
    sides = prep_objects(tokens, heads, frozenset({"between"}))
    return actors_at(sentence, sides, mentions, context)


# Verbs of sending someone out of a place, whose agentless passive names the expeller by the
# place: "two inspectors were expelled *from North Korea*".
EXPELLING_VERBS = frozenset({"expel", "deport", "eject", "banish", "exile", "ban", "bar"})


def _expelled_from(
    sentence: Sentence,
    mentions: Sequence[ActorMention],
    match: VerbMatch,
    context: StoryContext | None,
) -> tuple[list[ActorMention], tuple[str, ...]]:
    """The state an agentless passive expulsion is from is the one that expelled ("were deported
    *from Germany*"); a place inside a country is no doer ("expelled from the camp")."""
    tokens = sentence.tokens
    verb = tokens[match.verb]
    if verb.lemma not in EXPELLING_VERBS or any(tokens[c].dep == "agent" for c in verb.children):
        return [], ()
    heads = prep_objects(tokens, [match.verb], frozenset({"from"}))
    found = [a for a in actors_at(sentence, heads, mentions, context) if a.kind != "place"]
    return found, ("expelled-from",) if found else ()


# Roots whose agentless passive on a thing is done by the thing's owner: "*UN* sanctions against
# Iran were lifted" (08), "*Russian* gas supplies were cut" (16), "*EU* restrictions were imposed"
# (17).
OWNER_DOES_ROOTS = frozenset({"08", "16", "17"})
THING_PREPS = frozenset({"on", "against", "to", "for"})


def _owner_of_the_thing(
    sentence: Sentence,
    mentions: Sequence[ActorMention],
    match: VerbMatch,
    context: StoryContext | None,
) -> tuple[list[ActorMention], tuple[str, ...]]:
    """The owner named on the subject of an agentless passive is its doer, when the subject is a
    thing, not persons ("*UN* sanctions against Iran were lifted": IGOUNO; not "two *Kenyan*
    journalists were released")."""
    tokens = sentence.tokens
    verb = tokens[match.verb]
    if match.pattern.code[:2] not in OWNER_DOES_ROOTS or any(
        tokens[c].dep == "agent" for c in verb.children
    ):
        return [], ()
    found: list[ActorMention] = []
    for subject in (c for c in verb.children if tokens[c].dep == "nsubjpass"):
        if any(m.head == subject for m in mentions):
            continue  # the subject names persons or a body: done to them
        owners = [
            c
            for c in tokens[subject].children
            if tokens[c].dep in ("poss", "compound", "amod") and tokens[c].pos != "PRON"
        ]
        found += [
            a
            for a in actors_at(sentence, owners, mentions, context)
            if a.kind not in ("agent", "place", "unknown")
        ]
    return found, ("owner-of-the-thing",) if found else ()


def dyads_of(
    sentence: Sentence,
    mentions: Sequence[ActorMention],
    match: VerbMatch,
    context: StoryContext | None,
) -> list[EventCandidate]:
    tokens = sentence.tokens
    nominal = Flag.NOUN in match.pattern.flags
    choices = (
        noun_sources(tokens, match.verb, match.pattern.modifiers)
        if nominal
        else [verb_source(tokens, match.verb)]
    )
    sources: list[ActorMention] = []
    rules: tuple[str, ...] = ()
    for heads, choice_rules in choices:
        sources, rules = actors_at(sentence, heads, mentions, context), choice_rules
        if sources:
            break
    if "nominal-owner" in rules:  # "Pakistani army operations": one actor, PAKMIL, not PAK too
        sources = [
            s for s in sources if not any(o is not s and o.code.startswith(s.code) for o in sources)
        ]
    passive = not nominal and is_passive(tokens, match.verb)
    if not sources:
        sources, rules = _speaker_as_source(sentence, mentions, choices, context)
    if not sources:
        # "talks *between Kenya and Uganda*", "the summit between the EU and Turkey failed to
        # reach agreement": the two sides act on each other
        sides = _between(sentence, mentions, match, choices, context)
        if len(sides) > 1 and not _topic_noun(sentence, match):
            return _each_other(match, sides, ("between",))
    if not sources and passive:
        sources, rules = _expelled_from(sentence, mentions, match, context)
    if not sources and passive:
        sources, rules = _owner_of_the_thing(sentence, mentions, match, context)
    if not sources:
        sources, rules = unknown_sources(sentence, mentions, match, choices, passive)
    if not sources:
        return []
    own_countries = frozenset(s.country for s in sources if s.country)
    # whose the act is, for acts the source does to another ("lifted the *US* embargo on
    # Vietnam"), not where the pattern asks for the owner ("defended *US* strategy")
    own = (
        own_countries
        if match.pattern.code[:2] in OWN_ACT_ROOTS and Slot.POSS not in match.pattern.targets
        else frozenset()
    )
    found, target_rules = find_targets(sentence, mentions, match, passive, context, own)
    if "owner-of-the-thing" in rules:
        # "UN sanctions *against Iran* were lifted": the thing's own preposition names whom
        things = [c for c in tokens[match.verb].children if tokens[c].dep == "nsubjpass"]
        preps = match.pattern.preps - PLACE_PREPS or THING_PREPS
        found = actors_at(sentence, prep_objects(tokens, things, preps), mentions, context)
        target_rules = ("target-of-the-thing",) if found else ()
    if match.pattern.code[:2] == POSTURE_ROOT and _deployed_force(tokens, match, found):
        # "deployed (thousands of) riot police against ...": the force a posture act puts in
        # place is its own object, not its target
        query = TargetQuery(sentence, mentions, match, passive, context)
        found = target_prep(query)
        target_rules = ("target-prep",) if found else ()
    if Flag.RECIPROCAL in match.pattern.flags and len(sources) > 1 and not from_slot(target_rules):
        # "Hanoi and Beijing failed to reach a deal *on the Spratly islands*": the joined
        # subjects are each other's partners; an actor deeper in the object is only a topic
        found, target_rules = [], ()
    if context is not None:
        found = other_country(sentence, mentions, found, sources, context)
    if not found:
        found, target_rules = role_targets(sentence, mentions, match, passive, sources, context)
    # "The Senegalese government imposed a curfew in the Casamance region": a place of the
    # source's own country is where it acted, not whom it acted on
    found = [t for t in found if not home_place(tokens, t, sources, mentions)]
    if match.pattern.code[:2] == POSTURE_ROOT:
        found = [t for t in found if not any(own_part(tokens, s, t) for s in sources)]
    sources, found = apart(sources, found)
    if len(sources) == 1 and all(
        same_actor(t, sources[0]) and tokens[t.head].pos != "PRON" for t in found
    ):
        # "Ethiopia lifted the state of emergency": "the state" is Ethiopia itself
        found, target_rules = [], ()
    mutual = Flag.RECIPROCAL in match.pattern.flags and len(sources) > 1
    query = TargetQuery(sentence, mentions, match, passive, context)
    # "accused Gulen of trying to overthrow the Turkish government": with the source's own
    # government put aside, the unknown name is the target
    unknown = None if found or mutual else unknown_target(query)
    if unknown is not None and any(s.start <= unknown.head < s.end for s in sources):
        unknown = None  # the source's own words ("violations *by Azerbaijani forces*")
    # "Sudan's army and the RSF agreed to talks in Jeddah": joined subjects of an agreement are
    # each other's partners (`mood.mutual`), not the place's
    joint = len(sources) > 1 and tokens[match.verb].lemma == "agree"
    if not found and unknown is None and not mutual and not joint and not _with_someone(match):
        # "agreed to a ceasefire *in Syria*", "imposed a curfew *in the Casamance region*": the
        # place where it was done, even one of the source's own country, when nothing else is
        found = [
            t
            for t in target_place_of_event(query)
            if all(t.code != s.code for s in sources)
            and (match.pattern.code[:2] in HOME_PLACE_ROOTS or t.country not in own_countries)
        ]
        target_rules = ("target-place-of-event",) if found else target_rules
    if not found and unknown is None and needs_target(match):
        return []
    if not found and unknown is None and _alone(match, sources):
        return []  # "the cabinet met for two hours": a body meeting by itself consults no one
    if not found and unknown is None and _topic_noun(sentence, match):
        return []  # "efforts to end *Syria's civil war*": a topic, not an act done now
    rules = rules + target_rules + (("passive",) if passive else ())
    if any(m.kind == "context" for m in (*sources, *found)):
        rules += ("story-context",)
    if not found and context is not None and match.pattern.code[:2] in IMPLICIT_TARGET_ROOTS:
        implicit = [
            t for t in map(lambda src: context.implicit_target(sentence.index, src), sources) if t
        ]
        if implicit and Slot.NONE not in match.pattern.targets:
            found, rules = implicit[:1], (*rules, "target-from-story")
    if not found and unknown is not None:
        found, rules = [unknown], (*rules, "unknown-target")
    if not found and addresses_authority(match.pattern.code) and len(sources) == 1:
        authority = implied_authority(sentence, match, sources[0], context)
        if authority is not None:
            found, rules = [authority], (*rules, "target-implied-government")
    if (
        all(is_anonymous(a) for a in (*sources, *found))
        and match.pattern.code[:2] not in FORCE_ROOTS
    ):
        return []  # an event needs a known actor unless its act is violent or coercive
    targets: list[ActorMention | None] = list(found) or [None]
    out: list[EventCandidate] = []
    for source in sources:
        for target in targets:
            if target is not None and same_actor(target, source):
                continue
            out.append(EventCandidate(match, source, target, rules, match.pattern.code))
            if Flag.RECIPROCAL in match.pattern.flags and target is not None:
                out.append(
                    EventCandidate(
                        match, target, source, (*rules, "reciprocal"), match.pattern.code
                    )
                )
    if Flag.RECIPROCAL in match.pattern.flags and found == [] and len(sources) > 1:
        # "Israel and Lebanon renewed negotiations": the joined subjects act on each other
        out = _each_other(match, sources, (*rules, "reciprocal-subjects"))
    return out


def _each_other(
    match: VerbMatch, sides: Sequence[ActorMention], rules: tuple[str, ...]
) -> list[EventCandidate]:
    """Every side acting on every other side of another code."""
    code = match.pattern.code
    return [
        EventCandidate(match, a, b, rules, code) for a in sides for b in sides if a.code != b.code
    ]
