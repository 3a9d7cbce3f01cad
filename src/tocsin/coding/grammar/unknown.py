"""Actors the text names but no dictionary knows: PETRARCH's `---`.

An event whose target the sentence names ("launched an attack *on the SDF headquarters*",
"arrested *two men*") keeps that target as `---` with its words, instead of being dropped; an
attack whose doer is unknown ("gunmen", "a roadside bomb", or nobody: "two men were arrested")
keeps a `---` source. A role noun gives the role with an unknown country ("gunmen" `---UAF`,
"police" `---COP`). CAMEO codes an event between unknown actors only when its act is violent or
coercive; any other event needs a political or social actor (a known one, or a role).
"""

from __future__ import annotations

from collections.abc import Sequence

from tocsin.coding.actors import group_head, is_proper_name, phrase_tokens
from tocsin.coding.grammar.phrases import owners
from tocsin.coding.verbs import VerbMatch
from tocsin.knowledge.dictionaries import Flag
from tocsin.records import ActorMention, Sentence

UNKNOWN = "---"
# Roots whose act CAMEO codes even between unknown actors: protest (14), posture (15), coerce
# (17), assault (18), fight (19), mass violence (20).
FORCE_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
# Roots whose agentless passive still tells an authority's act on the one it names: "two
# Russians were released" (08, yield), "the envoy was expelled" (16, reduce relations), besides
# force ("two men were arrested"). The doer is `---` (or the police or army reporting it).
AGENTLESS_ROOTS = FORCE_ROOTS | {"08", "16"}
MAX_WORDS = 12  # an actor is a phrase, not a clause
# Speech verbs whose subject, when police or the army, is the implied doer of an agentless arrest
# or attack it reports ("two men were arrested, police said").
REPORTING_VERBS = frozenset({"say", "report", "confirm", "announce", "tell", "state", "add"})
IMPLYING_ROLES = ("COP", "MIL", "SPY", "JUD")
NOT_ACTOR_NOUNS = frozenset(
    # measures, and the forces of nature that kill without a political doer
    {
        "time",
        "year",
        "day",
        "week",
        "month",
        "way",
        "thing",
        "part",
        "number",
        "lot",
        "percent",
        "cent",
        "%",
        "rain",
        "storm",
        "flood",
        "flooding",
        "cyclone",
        "hurricane",
        "typhoon",
        "earthquake",
        "quake",
        "tsunami",
        "drought",
        "landslide",
        "mudslide",
        "avalanche",
        "tornado",
        "wind",
        "snow",
        "heat",
        "heatwave",
        "lightning",
        "disease",
        "virus",
        "epidemic",
        "pandemic",
        "outbreak",
        "cholera",
        "covid",
        "accident",
        "crash",
        "fire",
        "wildfire",
        "blaze",
        # a war or its violence as the doer ("the overlapping wars displaced half the
        # population") names no one who acts
        "war",
        "conflict",
        "violence",
        "fighting",
        "bloodshed",
        "chaos",
        "unrest",
    }
)
NOT_ACTOR_ENTITIES = frozenset(
    {"DATE", "TIME", "QUANTITY", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "EVENT", "LAW"}
)


def unknown_actor(
    sentence: Sentence, head: int, mentions: Sequence[ActorMention] = ()
) -> ActorMention | None:
    """A `---` actor for the noun phrase headed by `head`, or None when the words cannot name an
    actor (a pronoun, a date, a number, a storm) or name one the story knows ("its forces")."""
    tokens = sentence.tokens
    words = sorted(phrase_tokens(sentence, head))
    head = group_head(tokens, head)  # "dozens of protesters": the protesters' role
    token = tokens[head]
    if token.pos not in ("NOUN", "PROPN") or token.lemma.lower() in NOT_ACTOR_NOUNS:
        return None
    if token.ent_type in NOT_ACTOR_ENTITIES:
        return None  # "in November", "on Tuesday", "100 km"
    owners = [tokens[c] for c in token.children if tokens[c].dep == "poss"]
    if any(o.pos == "PRON" or o.lower == "whose" for o in owners):
        return None  # "its forces", "whose government": the story tells whose, not `---`
    if len(words) > MAX_WORDS:
        words = [w for w in words if w <= head][-MAX_WORDS:]
    start, end = words[0], words[-1] + 1
    text = " ".join(tokens[i].text for i in range(start, end) if i in words)
    roles = [m for m in mentions if m.kind == "agent" and m.head in words]
    role = next((m for m in roles if m.head == head), roles[0] if roles else None)
    if role is not None:
        return ActorMention(start, end, head, UNKNOWN + role.code, text, "unknown", role.entries)
    return ActorMention(start, end, head, UNKNOWN, text, "unknown", ())


def is_anonymous(actor: ActorMention | None) -> bool:
    """No actor, or one the text names without a role a dictionary knows ("the village"):
    not a political or social actor. "Rebel fighters" (`---REB`) are one, of unknown country."""
    return actor is None or actor.code == UNKNOWN


def is_unknown(actor: ActorMention | None) -> bool:
    """No actor, or one whose country the text leaves unknown."""
    return actor is None or actor.code.startswith(UNKNOWN)


# Nouns of a body that a proper name before them names: "the *LetUsSpeak* movement".
NAMED_BODY_NOUNS = frozenset(
    {"movement", "group", "organisation", "organization", "campaign", "network", "front"}
    | {"alliance", "coalition", "association", "foundation", "society", "collective"}
)


def names_someone(sentence: Sentence, actor: ActorMention) -> bool:
    """A phrase that names a person or group: a role noun ("a militia"), a proper name, or a
    body's noun with a proper name before it ("the LetUsSpeak movement")."""
    tokens = sentence.tokens
    head = tokens[actor.head]
    if actor.code != UNKNOWN or is_proper_name(head):
        return True
    return head.lemma.lower() in NAMED_BODY_NOUNS and any(
        tokens[c].dep in ("compound", "amod") and is_proper_name(tokens[c]) for c in head.children
    )


def implied_doer(
    sentence: Sentence, mentions: Sequence[ActorMention], exclude: int
) -> ActorMention | None:
    """Police or the army reporting an agentless act did it ("Two men were arrested, police
    said")."""
    tokens = sentence.tokens
    for m in mentions:
        if not m.code.endswith(IMPLYING_ROLES):
            continue
        # the speaker's phrase: "police said", "a *police* spokesperson, Brigadier X, said"
        speaker = tokens[m.head]
        while speaker.dep in ("compound", "amod", "nmod") and speaker.head != speaker.i:
            speaker = tokens[speaker.head]
        if speaker.dep != "nsubj":
            continue
        verb = tokens[speaker.head]
        if verb.lemma in REPORTING_VERBS and verb.i != exclude:
            if m.kind == "agent":  # "police said": a role whose country the text leaves open
                code = UNKNOWN + m.code
                return ActorMention(m.start, m.end, m.head, code, m.text, "unknown", m.entries)
            return m
    return None


def _done_to_someone(sentence: Sentence, mentions: Sequence[ActorMention], verb: int) -> bool:
    """The subject of a passive names the persons or group it was done to ("two Russians were
    released", "four diplomats were expelled"), not a thing ("UN sanctions were lifted": whose
    they were tells who lifted them)."""
    tokens = sentence.tokens
    heads = {m.head for m in mentions}
    for c in tokens[verb].children:
        if tokens[c].dep != "nsubjpass":
            continue
        actor = unknown_actor(sentence, c, mentions)
        if c in heads or (actor is not None and names_someone(sentence, actor)):
            return True
    return False


def unknown_sources(
    sentence: Sentence,
    mentions: Sequence[ActorMention],
    match: VerbMatch,
    choices: Sequence[tuple[list[int], tuple[str, ...]]],
    passive: bool,
) -> tuple[list[ActorMention], tuple[str, ...]]:
    """A doer the text names but no dictionary knows, as `---`: any noun phrase for a violent or
    coercive act ("gunmen", "a roadside bomb"), else only a proper name or a role noun ("a
    militia"); for an agentless violent, coercive or yielding act (`AGENTLESS_ROOTS`), the police
    or army reporting it, else `---` with no words."""
    force = match.pattern.code[:2] in FORCE_ROOTS
    if Flag.NOUN in match.pattern.flags:
        # "an attack *by gunmen*"; for force, the subject of its support verb too ("*gunmen*
        # carried out an attack", "*the group* engaged in clashes with the army")
        kept = ("nominal-by", "nominal-verb-subject") if force else ("nominal-by",)
        choices = [(h, r) for h, r in choices if any(k in r for k in kept)]
        if not choices:
            return [], ()
    tokens = sentence.tokens
    for heads, rules in choices:
        for head in heads:
            actor = unknown_actor(sentence, head, mentions)
            if actor is None or not names_someone(sentence, actor):
                # "a rocket *fired by the rebels*": a thing's user, when the words name them
                used = (unknown_actor(sentence, o, mentions) for o in owners(tokens, head))
                user = next((a for a in used if a is not None and names_someone(sentence, a)), None)
                if user is not None:
                    return [user], (*rules, "unknown-source", "user-of-thing")
            if actor is not None and (force or names_someone(sentence, actor)):
                return [actor], (*rules, "unknown-source")
        if heads:
            return [], ()
    agentless = passive and (
        force
        or (
            match.pattern.code[:2] in AGENTLESS_ROOTS
            and _done_to_someone(sentence, mentions, match.verb)
        )
    )
    if not agentless or sentence.tokens[match.verb].dep == "advcl":
        return [], ()  # "After the president was overthrown, ...": background, not the news
    implied = implied_doer(sentence, mentions, match.verb)
    if implied is not None:
        return [implied], ("doer-implied-by-reporter",)
    verb = match.verb
    return [ActorMention(verb, verb, verb, UNKNOWN, "", "unknown", ())], ("agentless",)
