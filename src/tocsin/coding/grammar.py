"""Who did it to whom: source and target of each verb match, found on the dependency parse.

Handles subjects and objects, passive voice ("Mali was suspended by the AU"), negation, questions
and conditionals, conjoined actors and verbs, relative clauses ("ECOWAS, which suspended Mali"),
complement clauses of governing verbs ("threatened to impose sanctions") and reciprocal events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from tocsin.coding.actors import compose, phrase_tokens, resolve_phrase
from tocsin.coding.context import StoryContext
from tocsin.coding.modality import MoodTable, mood_of, speaker_of
from tocsin.coding.verbs import VerbMatch, inflections, is_passive
from tocsin.coding.weapons import GENERIC_FORCE, WeaponTable
from tocsin.records import ActorMention, Sentence, Token

RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
# Verbs whose subject carries out the event noun they take ("launched *attacks*", "announced
# *aid*"), unlike "citing the coup" or "discussed the sanctions".
SUPPORT_VERBS = frozenset(
    {
        "carry",
        "launch",
        "conduct",
        "stage",
        "mount",
        "continue",
        "resume",
        "begin",
        "start",
        "step",
        "intensify",
        "escalate",
        "hold",
        "make",
        "wage",
        "announce",
        "unveil",
        "deliver",
        "offer",
        "give",
        "provide",
        "send",
        "extend",
        "approve",
        "order",
        "impose",
        "declare",
        "initiate",
        "undertake",
        "lead",
        "organize",
        "organise",
        "perpetrate",
        "commit",
        "pledge",
        "promise",
        "grant",
        "renew",
        "expand",
        "increase",
        "tighten",
        "lift",
        "end",
        "suspend",
        "sign",
        "conclude",
        "complete",
        "finalize",
        "finalise",
        "issue",
        "file",
        "pursue",
        "execute",
        "perform",
        "step up",
        "have",
    }
)
# Roots whose target news often leaves to the story ("France called the coup unacceptable").
IMPLICIT_TARGET_ROOTS = frozenset({"11", "12", "13", "16"})
PLACE_PREPS = frozenset({"in", "across", "throughout", "inside", "within"})
# Force posture (15x): a country that alerts or reinforces *its own* forces has no target
POSTURE_ROOT = "15"
HYPOTHETICAL_AUX = frozenset({"could", "may", "might"})
# "failed to reach an agreement", "refrained from attacking", "hopes to sign a deal": the act
# did not happen ("wants Germany to pay" is an appeal in CAMEO, so "want" is not listed)
NEGATING_VERBS = frozenset({"fail", "refrain", "hope", "expect", "prefer"})
# by form too: the tagger reads "hopes" as a form of "hop"
NEGATING_FORMS = frozenset(form for verb in NEGATING_VERBS for form in inflections(verb))
# "a danger of Iranian attacks", "fears of a coup": an act that may come, not one that came
HYPOTHETICAL_NOUNS = frozenset(
    {
        "danger",
        "risk",
        "threat",
        "fear",
        "possibility",
        "prospect",
        "likelihood",
        "chance",
        "spectre",
        "specter",
        "warning",
        "scenario",
    }
)
# "denied charges that it tortured a priest": the content of an allegation is not an event
ALLEGATION_NOUNS = frozenset(
    {
        "allegation",
        "charge",
        "accusation",
        "claim",
        "rumour",
        "rumor",
        "speculation",
        "suspicion",
    }
)
# Nouns of a message whose participle speaks for the one who issued it ("issued a statement
# *urging* Britain to act", "sent a letter *calling on* the UN to ...")
MESSAGE_NOUNS = frozenset(
    {
        "statement",
        "letter",
        "resolution",
        "communique",
        "declaration",
        "message",
        "note",
        "appeal",
        "decree",
        "motion",
        "petition",
        "tweet",
        "post",
        "video",
        "speech",
    }
)
# A negated act in the present or future is a refusal ("Britain will not accept the proposal");
# in the past it is only something that did not happen ("did not attack").
REFUSAL_AUX = frozenset({"will", "wo", "would", "shall", "does", "do", "can", "ca", "'ll"})
REFUSABLE_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
INHERIT_DEPS = frozenset({"conj", "xcomp", "advcl", "acl", "pcomp", "acomp"})
OBJECT_TARGET_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "obj"})
FALLBACK_PREPS = frozenset(
    {"with", "against", "on", "to", "toward", "towards", "into", "at", "under", "upon"}
)


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """A verb match with its resolved source and target, before scoring and dating. `code` is
    the pattern's code, or the code its mood makes of it (intent, demand, appeal, threat)."""

    match: VerbMatch
    source: ActorMention
    target: ActorMention | None
    rules: tuple[str, ...]
    code: str


def find_events(
    sentence: Sentence,
    mentions: Sequence[ActorMention],
    matches: Sequence[VerbMatch],
    context: StoryContext | None = None,
    moods: MoodTable | None = None,
    weapons: WeaponTable | None = None,
) -> list[EventCandidate]:
    """Every event the sentence states, one per source-target pair."""
    tokens = sentence.tokens
    if _question(sentence.text):
        return []
    governor: dict[int, VerbMatch] = {
        v: m for m in matches if "governs" in m.pattern.flags for v in _governed(tokens, m)
    }
    complements: dict[int, list[VerbMatch]] = {}
    for match in matches:
        if match.verb in governor and governor[match.verb].verb != match.verb:
            complements.setdefault(governor[match.verb].verb, []).append(match)
        elif match.nested_in is not None:
            complements.setdefault(match.nested_in, []).append(match)
    events: list[EventCandidate] = []
    statements: list[EventCandidate] = []
    for match in matches:
        if match.verb in governor or match.nested_in is not None:
            continue
        refusal = _refusal(tokens, match, moods)
        if refusal is None and _blocked(tokens, match.verb):
            continue
        found = _events_for(sentence, mentions, match, context)
        if weapons is not None and match.pattern.code == GENERIC_FORCE:
            found = _armed(tokens, match, found, weapons)
        if refusal is not None:
            found = [replace(e, code=refusal, rules=(*e.rules, "negated-refusal")) for e in found]
        elif moods is not None:
            found = _apply_mood(sentence, mentions, match, found, complements, moods, context)
        (statements if "statement" in match.pattern.flags else events).extend(found)
    return _unique(events or statements)


def _armed(
    tokens: Sequence[Token], match: VerbMatch, found: list[EventCandidate], weapons: WeaponTable
) -> list[EventCandidate]:
    """ "Israeli fighter jets struck Hamas targets": force used with aircraft is 195."""
    doers = [match.verb] if "noun" in match.pattern.flags else _verb_source(tokens, match.verb)[0]
    if match.matched_object is not None:  # "ordered a *missile* strike"
        doers = [*doers, match.matched_object]
    code = weapons.refine(tokens, match.verb, doers)
    if code is None:
        return found
    return [replace(e, code=code, rules=(*e.rules, f"weapon:{code}")) for e in found]


def _refusal(tokens: Sequence[Token], match: VerbMatch, moods: MoodTable | None) -> str | None:
    """The reject code of a negated cooperative act in the present or future ("will not accept",
    "does not recognise"), if CAMEO has one."""
    if moods is None or match.pattern.code[:2] not in REFUSABLE_ROOTS:
        return None
    t = tokens[match.verb]
    children = [tokens[c] for c in t.children]
    if not any(c.dep == "neg" for c in children):
        return None
    if not any(c.dep == "aux" and c.lower in REFUSAL_AUX for c in children):
        return None
    if _conditional_sentence(tokens):
        return None
    return moods.derive(match.pattern.code, "reject")


def find_actions(sentence: Sentence, matches: Sequence[VerbMatch]) -> list[VerbMatch]:
    """The acts a sentence states, whoever did them: the verb matches that are not negated,
    hypothetical, governed by another verb or nested in its object; statements last."""
    tokens = sentence.tokens
    if _question(sentence.text):
        return []
    governed = {v for m in matches if "governs" in m.pattern.flags for v in _governed(tokens, m)}
    acts = [
        m
        for m in matches
        if m.verb not in governed and m.nested_in is None and not _blocked(tokens, m.verb)
    ]
    return sorted(acts, key=lambda m: "statement" in m.pattern.flags)


def _question(text: str) -> bool:
    """A sentence that asks, also inside quotation marks ("How can we ...?”)."""
    return text.rstrip().rstrip("\"'”’)").endswith("?")


def _apply_mood(
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
        threats = "noun" not in act.pattern.flags
        refined = moods.refine(match.pattern.code, act.pattern.code, threats=threats)
        if refined is None:
            continue
        acts = _events_for(sentence, mentions, act, context)
        act_target = next((a.target for a in acts if a.target is not None), None)
        refined_events = [
            replace(
                e,
                code=refined,
                target=e.target or act_target,
                rules=(*e.rules, f"mood:{act.pattern.id}"),
            )
            for e in found
        ]
        mutual = "reciprocal" in act.pattern.flags
        joined = {e.source.code for e in found}
        if len(joined) > 1 and {a.target.code for a in acts if a.target} <= joined:
            # "The Thai and Cambodian ministers agreed to meet": the act's only targets are
            # the joined subjects themselves
            refined_events = [
                replace(e, target=None) if e.target and e.target.code in joined else e
                for e in refined_events
            ]
        return _mutual(tokens, match, refined_events, refined, mutual)
    for code in match.object_acts:  # "rejected a request for loans": a refusal of aid
        # an object names what is offered, not a threat ("offered support to operations")
        refined = moods.refine(match.pattern.code, code, threats=False)
        if refined is not None:
            refined_events = [
                replace(e, code=refined, rules=(*e.rules, f"mood-object:{code}")) for e in found
            ]
            return _mutual(tokens, match, refined_events, refined, False)
    found = _mutual(tokens, match, found, match.pattern.code, False)
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
        speakers = _actors(sentence, _verb_source(tokens, speaker)[0], mentions, context)
        return [
            EventCandidate(match, who, e.source, (*e.rules, "reported-demand"), derived)
            for who in speakers
            for e in found
            if who.code != e.source.code
        ]
    return found


def _mutual(
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


def _governed(tokens: Sequence[Token], match: VerbMatch) -> list[int]:
    """Verbs of the complement clause of a governing verb ("urged Mali *to hold* elections",
    "accused Moscow *of violating* the treaty")."""
    out = list(match.clause[1:])
    for c in tokens[match.verb].children:
        if tokens[c].dep in ("ccomp", "xcomp"):
            out.append(c)
        elif tokens[c].dep == "prep":
            out.extend(g for g in tokens[c].children if tokens[g].dep == "pcomp")
    return out


def _blocked(tokens: Sequence[Token], verb: int) -> bool:
    """Negated, or inside a conditional clause."""
    t = tokens[verb]
    if any(tokens[c].dep == "neg" or tokens[c].lower in NEGATIONS for c in t.children):
        return True
    if any(tokens[c].lower == "neither" for c in _subject_words(tokens, verb)):
        return True
    if any(tokens[c].dep == "aux" and tokens[c].lower in HYPOTHETICAL_AUX for c in t.children):
        return True  # "ECOWAS could impose sanctions": a possibility, not an event
    if any(tokens[c].lower == "would" for c in t.children) and _conditional_sentence(tokens):
        return True  # "If Venezuela attacks Guyana, Brazil would defend it"
    # "did not agree to suspend": negation on a governing verb covers its complement
    node = t
    seen = 0
    while node.dep in ("xcomp", "conj", "ccomp", "pcomp", "prep") and seen < 10:
        head = tokens[node.head]
        if node.dep == "xcomp" and any(tokens[c].dep == "neg" for c in head.children):
            return True
        if node.dep in ("xcomp", "ccomp", "pcomp") and _negating(head):
            return True
        if node.dep == "pcomp" and head.dep == "prep" and _negating(tokens[head.head]):
            return True  # "refrained *from attacking*"
        node = head
        seen += 1
    if _under_noun(tokens, verb):
        return True
    node = t
    for _ in range(10):
        if node.dep == "advcl" and any(
            tokens[c].lower in CONDITIONAL_MARKS for c in node.children if tokens[c].dep == "mark"
        ):
            return True
        if node.head == node.i:
            break
        node = tokens[node.head]
    return False


def _negating(token: Token) -> bool:
    return token.lemma in NEGATING_VERBS or token.lower in NEGATING_FORMS


def _under_noun(tokens: Sequence[Token], verb: int) -> bool:
    """An act named as a danger ("a risk *of attacks*") or the content of an allegation
    ("charges *that it tortured*"), within two steps of the noun."""
    node = tokens[verb]
    for _ in range(3):
        if node.head == node.i:
            return False
        head = tokens[node.head]
        if node.dep == "pobj" and head.lower == "of" and head.head != head.i:
            owner = tokens[head.head]
            if owner.lemma in HYPOTHETICAL_NOUNS or owner.lemma in ALLEGATION_NOUNS:
                return True
        if node.dep in ("acl", "ccomp") and head.pos == "NOUN" and head.lemma in ALLEGATION_NOUNS:
            return True
        node = head
    return False


def _conditional_sentence(tokens: Sequence[Token]) -> bool:
    """An if/unless clause, or a clause opened by "Should X ..." or "Were X to ..."."""
    if tokens and tokens[0].lower in ("should", "were", "had"):
        return True
    return any(t.dep == "mark" and t.lower in CONDITIONAL_MARKS for t in tokens)


def _needs_target(match: VerbMatch) -> bool:
    """A pattern whose target comes only from a preposition or an owner ("withdrew *from* ECOWAS",
    "suspended *Mali's* membership") means something else when no actor fills that slot."""
    flags = match.pattern.flags
    if flags & {"no-target-ok", "reciprocal", "noun"}:
        return False  # an event noun often names its act without its target ("aid was pledged")
    return set(match.pattern.targets) <= {"prep", "poss"}


def _subject_words(tokens: Sequence[Token], verb: int) -> list[int]:
    """Words hanging on the verb's subject ("*Neither* Ethiopia nor Eritrea signed")."""
    return [
        g
        for c in tokens[verb].children
        if tokens[c].dep in ("nsubj", "nsubjpass")
        for g in (c, *tokens[c].children)
    ]


def _events_for(
    sentence: Sentence,
    mentions: Sequence[ActorMention],
    match: VerbMatch,
    context: StoryContext | None,
) -> list[EventCandidate]:
    tokens = sentence.tokens
    nominal = "noun" in match.pattern.flags
    choices = (
        _noun_sources(tokens, match.verb, match.pattern.modifiers)
        if nominal
        else [_verb_source(tokens, match.verb)]
    )
    sources: list[ActorMention] = []
    rules: tuple[str, ...] = ()
    for heads, choice_rules in choices:
        sources, rules = _actors(sentence, heads, mentions, context), choice_rules
        if sources:
            break
    if "nominal-owner" in rules:  # "Pakistani army operations": one actor, PAKMIL, not PAK too
        sources = [
            s for s in sources if not any(o is not s and o.code.startswith(s.code) for o in sources)
        ]
    if not sources:
        return []
    passive = not nominal and is_passive(tokens, match.verb)
    found, target_rules = _targets(sentence, mentions, match, passive, context)
    if context is not None:
        found = _other_country(sentence, mentions, found, sources, context)
    if not found:
        found, target_rules = _role_targets(sentence, mentions, match, passive, sources, context)
    # "The Senegalese government imposed a curfew in the Casamance region": a place of the
    # source's own country is where it acted, not whom it acted on
    found = [t for t in found if not _home_place(tokens, t, sources, mentions)]
    if match.pattern.code[:2] == POSTURE_ROOT:
        found = [t for t in found if not any(_own(tokens, s, t) for s in sources)]
    if len(sources) == 1 and all(
        t.code == sources[0].code and tokens[t.head].pos != "PRON" for t in found
    ):
        found = []  # "Ethiopia lifted the state of emergency": "the state" is Ethiopia itself
    if not found and _needs_target(match):
        return []
    rules = rules + target_rules + (("passive",) if passive else ())
    if any(m.kind == "context" for m in (*sources, *found)):
        rules += ("story-context",)
    if not found and context is not None and match.pattern.code[:2] in IMPLICIT_TARGET_ROOTS:
        implicit = [
            t for t in map(lambda src: context.implicit_target(sentence.index, src), sources) if t
        ]
        if implicit and "none" not in match.pattern.targets:
            found, target_rules = implicit[:1], ("target-from-story",)
    if context is not None:
        for noted in found:
            context.note_target(sentence.index, noted)
    targets: list[ActorMention | None] = list(found) or [None]
    out: list[EventCandidate] = []
    for source in sources:
        for target in targets:
            if target is not None and target.code == source.code:
                continue
            out.append(EventCandidate(match, source, target, rules, match.pattern.code))
            if "reciprocal" in match.pattern.flags and target is not None:
                out.append(
                    EventCandidate(
                        match, target, source, (*rules, "reciprocal"), match.pattern.code
                    )
                )
    if "reciprocal" in match.pattern.flags and found == [] and len(sources) > 1:
        # "Israel and Lebanon renewed negotiations": the joined subjects act on each other
        code = match.pattern.code
        out = [
            EventCandidate(match, a, b, (*rules, "reciprocal-subjects"), code)
            for a in sources
            for b in sources
            if a.code != b.code
        ]
    return out


def _home_place(
    tokens: Sequence[Token],
    target: ActorMention,
    sources: Sequence[ActorMention],
    mentions: Sequence[ActorMention],
) -> bool:
    if target.code != target.country or all(s.country != target.country for s in sources):
        return False
    spans = [(s.start, s.end) for s in sources]
    named = [
        m for m in mentions if m.code == target.code and not any(a <= m.head < b for a, b in spans)
    ]
    # "ethnic cleansing against Bosniaks in eastern Bosnia": named as a target elsewhere too
    return all(_in_place_phrase(tokens, m.head) for m in named) and _in_place_phrase(
        tokens, target.head
    )


def _in_place_phrase(tokens: Sequence[Token], word: int) -> bool:
    node = tokens[word]
    while node.dep in ("compound", "amod", "poss") and node.head != node.i:
        node = tokens[node.head]
    return node.dep == "pobj" and tokens[node.head].lower in PLACE_PREPS


def _own(tokens: Sequence[Token], source: ActorMention, target: ActorMention) -> bool:
    """ "The US strengthened *its* forces": a part of the source named through its pronoun is
    not a target."""
    owned = any(
        tokens[c].dep == "poss" and tokens[c].pos == "PRON" for c in tokens[target.head].children
    )
    return owned and target.country is not None and target.country == source.country


def _verb_source(tokens: Sequence[Token], verb: int) -> tuple[list[int], tuple[str, ...]]:
    """The subject heads of a verb, inherited through conjunctions and complements."""
    rules: list[str] = []
    node = tokens[verb]
    for _ in range(8):
        children = [tokens[c] for c in node.children]
        agents = [
            g for c in children if c.dep == "agent" for g in c.children if tokens[g].dep == "pobj"
        ]
        if agents and is_passive(tokens, node.i):
            rules.append("passive-agent")
            return agents, tuple(rules)
        subjects = (
            [c for c in children if c.dep in SUBJECT_DEPS]
            or [
                tokens[g]  # a parse that hangs the subject on the auxiliary ("X however have")
                for c in children
                if c.dep == "aux"
                for g in c.children
                if tokens[g].dep in SUBJECT_DEPS
            ]
            or [  # a main verb whose name before it was misparsed ("*USAID* suspended")
                c
                for c in children
                if node.dep == "ROOT" and c.i < node.i and c.pos == "PROPN"
                if c.dep in ("advmod", "npadvmod", "dep", "nmod")
            ][:1]
        )
        if subjects:
            subject = subjects[0]
            if subject.lower in RELATIVE_PRONOUNS and node.dep == "relcl":
                rules.append("relative-clause")
                return [node.head], tuple(rules)
            return [subject.i], tuple(rules)
        if is_passive(tokens, node.i) or (node.tag == "VBN" and node.dep in ("acl", "relcl")):
            break  # "parents who were killed", "fighters captured in Syria": no doer named
        if node.dep == "relcl":
            rules.append("relative-clause")
            return [node.head], tuple(rules)
        if node.dep in ("advcl", "acl") and node.tag == "VBN":
            break  # "Accused of war crimes, X was arrested": X is the one accused
        head = tokens[node.head]
        if node.dep == "acl" and head.lemma in MESSAGE_NOUNS and head.dep in ("dobj", "obj"):
            # "issued a statement urging Britain to act": the issuer speaks
            rules.append("message-participle")
            node = tokens[head.head]
            continue
        if node.dep in INHERIT_DEPS and node.head != node.i:
            rules.append("shared-subject" if node.dep == "conj" else "complement-subject")
            node = tokens[node.head]
            continue
        break
    return [], tuple(rules)


def _noun_sources(
    tokens: Sequence[Token], noun: int, cues: frozenset[str] = frozenset()
) -> list[tuple[list[int], tuple[str, ...]]]:
    """Who carried out a nominal event, in order of preference: the "by" phrase, the possessor or
    modifier ("ECOWAS sanctions", "France's suspension of"), or the subject of the verb whose
    object the noun is ("Syrian forces continued their attacks")."""
    t = tokens[noun]
    choices: list[tuple[list[int], tuple[str, ...]]] = []
    for c in t.children:
        child = tokens[c]
        if child.dep == "prep" and child.lower == "by":
            pobjs = [g for g in child.children if tokens[g].dep == "pobj"]
            choices.append((pobjs, ("nominal-by",)))
    # an adjective that names the kind of act ("*military* intervention") is not its actor,
    # a noun may be ("*army* operations")
    owners = [
        c
        for c in t.children
        if tokens[c].dep in ("poss", "compound", "amod", "nmod")
        and not (tokens[c].pos == "ADJ" and (tokens[c].lower in cues or tokens[c].lemma in cues))
    ]
    pronoun_owner = any(tokens[c].pos == "PRON" for c in owners)
    if owners and not pronoun_owner:
        choices.append((owners, ("nominal-owner",)))
    support = _support_verb(tokens, noun)
    if support is not None:
        heads, rules = _verb_source(tokens, support)
        choices.append((heads, (*rules, "nominal-verb-subject")))
    if pronoun_owner:  # "their attacks": the clause's subject first, then the story
        clause = _clause_verb(tokens, noun)
        if clause is not None:
            heads, rules = _verb_source(tokens, clause)
            choices.append((heads, (*rules, "nominal-owner-is-subject")))
        choices.append(([c for c in owners if tokens[c].pos == "PRON"], ("nominal-owner",)))
    return choices


def _support_verb(tokens: Sequence[Token], noun: int) -> int | None:
    """The support verb whose object the noun is, directly or through "the start / a series
    of" ("announced *the start of* its offensive")."""
    t = tokens[noun]
    for _ in range(2):
        if t.dep in ("dobj", "nsubjpass", "attr") and tokens[t.head].lemma in SUPPORT_VERBS:
            return t.head
        if t.dep != "pobj" or tokens[t.head].lower != "of":
            return None
        t = tokens[tokens[t.head].head]
    return None


def _clause_verb(tokens: Sequence[Token], noun: int) -> int | None:
    """The verb of the clause a noun stands in."""
    t = tokens[noun]
    for _ in range(6):
        if t.head == t.i:
            return None
        t = tokens[t.head]
        if t.pos in ("VERB", "AUX"):
            return t.i
    return None


def _targets(
    sentence: Sentence,
    mentions: Sequence[ActorMention],
    match: VerbMatch,
    passive: bool,
    context: StoryContext | None,
) -> tuple[list[ActorMention], tuple[str, ...]]:
    tokens = sentence.tokens
    wanted = match.pattern.targets
    if "none" in wanted:
        return [], ()
    nominal = "noun" in match.pattern.flags
    for kind in wanted:
        heads: list[int] = []
        if kind == "obj":
            if passive:
                heads = [c for c in tokens[match.verb].children if tokens[c].dep == "nsubjpass"]
            elif nominal:
                heads = _pobjs(tokens, [match.verb], frozenset({"of", "against", "on"}))
            else:  # the verb's own object, else the object of its complement clause
                for v in match.clause:
                    heads = [c for c in tokens[v].children if tokens[c].dep in OBJECT_TARGET_DEPS]
                    if _actors(sentence, heads, mentions, context):
                        break
        elif kind == "prep":
            heads = [g for p in match.preps for g in tokens[p].children if tokens[g].dep == "pobj"]
            if nominal and not heads and match.pattern.preps:
                heads = _pobjs(tokens, [match.verb], match.pattern.preps)
        elif kind == "poss":
            owners = (
                [match.matched_object] if match.matched_object is not None else list(match.objects)
            )
            heads = [
                c
                for o in owners
                if o is not None
                for c in tokens[o].children
                if tokens[c].dep == "poss"
            ]
        found = _actors(sentence, heads, mentions, context)
        if found:
            return found, (f"target-{kind}",)
    # fallbacks: the owner of the object, or a preposition of the object ("cooperation with Mali")
    objects = list(match.objects)
    owners = [c for o in objects for c in tokens[o].children if tokens[c].dep == "poss"]
    found = _actors(sentence, owners, mentions)
    if found:
        return found, ("target-owner",)
    found = _actors(sentence, _pobjs(tokens, objects, FALLBACK_PREPS), mentions)
    if found:
        return found, ("target-object-prep",)
    # "opened an investigation into abuses *by Venezuelan security forces*": the nearest actor
    # inside the object phrase
    for head in _breadth_first(tokens, [o for o in objects if o != match.verb]):
        found = resolve_phrase(sentence, head, mentions)
        if found:
            return found[:1], ("target-inside-object",)
    if "governs" in match.pattern.flags:
        # "demanded that China open its markets": the one asked is the complement's subject
        subjects = [
            g
            for c in tokens[match.verb].children
            if tokens[c].dep in ("ccomp", "xcomp")
            for g in tokens[c].children
            if tokens[g].dep in ("nsubj", "nsubjpass")
        ]
        found = _actors(sentence, subjects, mentions, context)
        if found:
            return found, ("target-complement-subject",)
    if not nominal and "obj" not in wanted:
        direct = [c for c in tokens[match.verb].children if tokens[c].dep in OBJECT_TARGET_DEPS]
        found = _actors(sentence, direct, mentions)
        if found:
            return found, ("target-direct-object",)
    return [], ()


def _other_country(
    sentence: Sentence,
    mentions: Sequence[ActorMention],
    targets: list[ActorMention],
    sources: Sequence[ActorMention],
    context: StoryContext,
) -> list[ActorMention]:
    """A target found through the story ("the junta") that landed in the source's own country is
    looked up again among the story's other countries."""
    own = frozenset(s.country for s in sources if s.country)
    out = []
    for target in targets:
        if target.kind == "context" and target.country in own:
            other = context.resolve(sentence, target.head, list(mentions), avoid=own)
            target = other or target
        out.append(target)
    return out


def _role_targets(
    sentence: Sentence,
    mentions: Sequence[ActorMention],
    match: VerbMatch,
    passive: bool,
    sources: Sequence[ActorMention],
    context: StoryContext | None,
) -> tuple[list[ActorMention], tuple[str, ...]]:
    """A target named only by its role ("Kenyan police arrested *protesters*") belongs to the
    source's country, when the source is a domestic actor."""
    countries = {s.country for s in sources if s.country}
    if len(countries) != 1 or "none" in match.pattern.targets:
        return [], ()
    tokens = sentence.tokens
    if passive:
        heads = [c for c in tokens[match.verb].children if tokens[c].dep == "nsubjpass"]
    else:
        heads = [c for c in tokens[match.verb].children if tokens[c].dep in OBJECT_TARGET_DEPS] or [
            g for p in match.preps for g in tokens[p].children if tokens[g].dep == "pobj"
        ]
    heads += _pobjs(tokens, heads, FALLBACK_PREPS)
    found: list[ActorMention] = []
    for head in heads:
        pronouns = [
            c for c in tokens[head].children if tokens[c].dep == "poss" and tokens[c].pos == "PRON"
        ]
        if pronouns:
            # "thanked *its* government": another country's, from the story; "strengthened
            # *its* forces": the source's own, not a target
            other = (
                context.resolve(sentence, pronouns[0], list(mentions), avoid=frozenset(countries))
                if context
                else None
            )
            if other is None or other.country is None or other.country in countries:
                continue
            country = other.country
        else:
            (country,) = countries
        # the role is the head ("arrested *students*") or modifies it ("a *police* checkpoint")
        words = phrase_tokens(sentence, head)
        agents = [m for m in mentions if m.kind == "agent" and m.head in words]
        agent = next((m for m in agents if m.start <= head < m.end), None) or next(
            iter(agents), None
        )
        if agent is not None:
            found.append(compose(sentence, country, agent))
            break
    return found, ("target-role-in-source-country",) if found else ()


def _breadth_first(tokens: Sequence[Token], roots: Sequence[int]) -> list[int]:
    """The nouns below `roots`, nearest first, not crossing into clauses."""
    out: list[int] = []
    queue = list(roots)
    seen = set(queue)
    while queue:
        t = tokens[queue.pop(0)]
        if t.pos in ("NOUN", "PROPN") and t.i not in roots:
            out.append(t.i)
        for c in t.children:
            if c not in seen and tokens[c].dep not in ("relcl", "acl", "advcl", "ccomp", "conj"):
                seen.add(c)
                queue.append(c)
    return out


def _pobjs(tokens: Sequence[Token], heads: Sequence[int], preps: frozenset[str]) -> list[int]:
    return [
        g
        for h in heads
        for p in tokens[h].children
        if tokens[p].dep == "prep" and tokens[p].lower in preps
        for g in tokens[p].children
        if tokens[g].dep == "pobj"
    ]


def _actors(
    sentence: Sentence,
    heads: Sequence[int],
    mentions: Sequence[ActorMention],
    context: StoryContext | None = None,
) -> list[ActorMention]:
    """The actors of each phrase head and of the heads joined to it by "and" or apposition."""
    tokens = sentence.tokens
    out: list[ActorMention] = []
    queue = list(heads)
    seen: set[int] = set()
    while queue:
        h = queue.pop(0)
        if h in seen:
            continue
        seen.add(h)
        found = resolve_phrase(sentence, h, mentions)
        if found and context is not None:
            context.learn_name(sentence, h, found[0])
            context.remember(sentence, found[0])
        if not found:
            # "the missiles fired by the Israeli military": the one who used the weapon
            queue.extend(
                g
                for c in tokens[h].children
                if tokens[c].dep == "acl"
                for a in tokens[c].children
                if tokens[a].dep == "agent"
                for g in tokens[a].children
                if tokens[g].dep == "pobj"
            )
        if not found:  # "Presidents Vladimir Putin and Hassan Rouhani": the names in apposition
            appositions = [c for c in tokens[h].children if tokens[c].dep == "appos"]
            if any(resolve_phrase(sentence, a, mentions) for a in appositions):
                queue.extend(appositions)
                continue
        if not found and context is not None:
            resolved = context.resolve(sentence, h, list(mentions))
            found = [resolved] if resolved is not None else []
        out.extend(m for m in found if all(m.code != o.code for o in out))
        queue.extend(c for c in tokens[h].children if tokens[c].dep == "conj")
    return out


def _unique(events: list[EventCandidate]) -> list[EventCandidate]:
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
