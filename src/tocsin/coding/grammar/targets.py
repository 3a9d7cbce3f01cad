"""To whom: the target of a verb match, found by an ordered list of small named strategies (the
first that finds an actor wins; its name is the rule in the event's evidence), then checks that
drop what is not a target (a place of the source's own country, its own forces)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from tocsin.coding.actors import compose, phrase_tokens, resolve_phrase
from tocsin.coding.context import StoryContext
from tocsin.coding.grammar.phrases import (
    FALLBACK_PREPS,
    OBJECT_TARGET_DEPS,
    actors_at,
    nouns_below,
    prep_objects,
)
from tocsin.coding.grammar.sources import SUPPORT_VERBS, support_verb
from tocsin.coding.grammar.unknown import FORCE_ROOTS, names_someone, unknown_actor
from tocsin.coding.verbs import VerbMatch, small_clause_subjects
from tocsin.knowledge.dictionaries import Flag, Slot
from tocsin.records import ActorMention, Sentence, Token

PLACE_PREPS = frozenset(
    {"in", "across", "throughout", "inside", "within", "through", "around", "near", "outside"}
)
PLACE_TARGET_PREPS = frozenset({"to", "into", "on", "over", "at"})
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
# A place of the source's own country is the target of a measure on, or a protest by, the people
# there (easing or imposing restrictions, protest, coercion, force: "imposed a curfew in
# Kaduna"), not of a visit or a ceremony held there ("laid a wreath at Hiroshima")
HOME_PLACE_ROOTS = frozenset({"08", "12", "13", "14", "15", "16", "17", "18", "19", "20"})
# Acts done in words: a place named on the verb is where they were said, not their target
SPOKEN_ROOTS = frozenset({"01", "02", "10", "11", "12"})
# Acts a source does to another with something of its own (its aid, embargo, funding, support):
# the source's nationality on that thing is whose it is ("lifted the *US* embargo on Vietnam");
# for what is spoken about (praise, criticism, defence: "defended *US* strategy") it is the target
OWN_ACT_ROOTS = frozenset({"03", "06", "07", "08", "13", "16", "17"})
AID_ROOT = "07"
# Acts done to the persons their object names (coercion, force; releases and returns, 084)
PERSON_OBJECT_ROOTS = frozenset({"17", "18", "19", "20"})
PURPOSE_TARGET_ROOTS = frozenset({"15", "17", "18", "19"})
# Force posture (15x): a country that alerts or reinforces *its own* forces has no target
POSTURE_ROOT = "15"
RELEASE_PERSONS = "0841"


@dataclass(frozen=True, slots=True)
class TargetQuery:
    """What every target strategy looks at: one verb match in its sentence."""

    sentence: Sentence
    mentions: Sequence[ActorMention]
    match: VerbMatch
    passive: bool
    context: StoryContext | None
    # the sources' countries: "lifted the *US* embargo on Vietnam" names whose embargo it was
    own: frozenset[str] = frozenset()

    @property
    def actor_heads(self) -> set[int]:
        """Where the sentence's actors hang."""
        return {m.head for m in self.mentions}

    @property
    def tokens(self) -> Sequence[Token]:
        return self.sentence.tokens

    @property
    def nominal(self) -> bool:
        return Flag.NOUN in self.match.pattern.flags

    @property
    def event_words(self) -> list[int]:
        """Where the event's prepositions hang: the verb; for an event noun, the noun and its
        support verb too ("carried out strikes *against* Hamas targets")."""
        verb = self.match.verb
        if not self.nominal:
            return [verb]
        support = support_verb(self.tokens, verb)
        return [verb] if support is None else [verb, support]

    def actors(self, heads: Sequence[int], through_story: bool = True) -> list[ActorMention]:
        """The actors the heads name; `through_story` lets pronouns and role nouns resolve
        through the story context."""
        context = self.context if through_story else None
        return self.not_own(actors_at(self.sentence, heads, self.mentions, context))

    def not_own(self, found: Sequence[ActorMention]) -> list[ActorMention]:
        """The actors, less the sources' own country named only as the nationality of a thing
        ("lifted the *US* embargo on Vietnam"): that is whose the act is, not whom it is done
        to. (An owner stays: "defended *Germany's* decision" is about Germany.)"""
        tokens = self.tokens
        cue = self.match.matched_object
        acts = {*self.event_words} if self.nominal else {cue} if cue is not None else set()
        return [
            m
            for m in found
            if not (
                m.kind == "country"
                and m.country in self.own
                and tokens[m.head].dep in ("amod", "compound", "nmod")
                and tokens[m.head].head in acts  # the act's own noun, not "*Afghan* girls"
            )
        ]


Strategy = Callable[[TargetQuery], list[ActorMention]]


def target_obj(q: TargetQuery) -> list[ActorMention]:
    """The verb's object, the subject of a passive, "of/against/on" after an event noun; else
    the object of the complement clause ("agreed to *support Mali*")."""
    tokens, verb = q.tokens, q.match.verb
    if q.passive:
        return q.actors([c for c in tokens[verb].children if tokens[c].dep == "nsubjpass"])
    if q.nominal:
        heads = [*q.event_words, *_participles(tokens, [verb])]
        return q.actors(prep_objects(tokens, heads, frozenset({"of", "against", "on"})))
    for v in q.match.clause:
        if v != verb and Slot.PREP in q.match.pattern.targets and target_prep(q):
            # "called *on the president* to fire the minister": the one addressed, not the
            # object of what they are asked to do
            return []
        objects = [c for c in tokens[v].children if tokens[c].dep in OBJECT_TARGET_DEPS]
        found = q.actors([*objects, *small_clause_subjects(tokens, v)])
        if found:
            return found
    return q.actors(_shared_objects(tokens, verb))


def _participles(tokens: Sequence[Token], heads: Sequence[int]) -> list[int]:
    """The past participles that describe the heads ("the ban *imposed* on Chadians")."""
    return [
        c
        for h in heads
        for c in tokens[h].children
        if tokens[c].dep == "acl" and tokens[c].tag == "VBN"
    ]


def _shared_objects(tokens: Sequence[Token], verb: int) -> list[int]:
    """The object a verb shares with the verb it is joined to: "captured and killed *soldiers*"
    (the joined verb has no subject of its own)."""
    if any(tokens[c].dep in OBJECT_TARGET_DEPS for c in tokens[verb].children):
        return []
    joined = [
        c
        for c in tokens[verb].children
        if tokens[c].dep == "conj"
        and tokens[c].pos == "VERB"
        and not any(tokens[g].dep in ("nsubj", "nsubjpass") for g in tokens[c].children)
    ]
    return [
        g for c in joined[:1] for g in tokens[c].children if tokens[g].dep in OBJECT_TARGET_DEPS
    ]


def target_prep(q: TargetQuery) -> list[ActorMention]:
    """The object of one of the pattern's prepositions ("withdrew *from* ECOWAS")."""
    tokens = q.tokens
    heads = [g for p in q.match.preps for g in tokens[p].children if tokens[g].dep == "pobj"]
    if q.nominal and not heads and q.match.pattern.preps:
        # "sanctions *imposed on* Russia": the participle says what the act was done to
        words = [*q.event_words, *_participles(tokens, [q.match.verb])]
        heads = prep_objects(tokens, words, q.match.pattern.preps)
    cue = q.match.matched_object
    if not heads and cue is not None and q.match.pattern.preps:
        # the preposition on the pattern's own object ("set a deadline *for* the agency")
        heads = prep_objects(tokens, [cue], q.match.pattern.preps - PLACE_PREPS)
    return q.actors(heads)


# the owner of an act named by a noun, said with a preposition, the doer first: "a proposal *by*
# the opposition", "demands *from* rebels", "the demands *of* the drivers"
OWNER_PREPS = ("by", "from", "of")


def target_poss(q: TargetQuery) -> list[ActorMention]:
    """The owner of the matched object ("suspended *Mali's* membership"), also when a
    preposition names it ("accepted the demands *of* the truck drivers")."""
    return q.actors(object_owners(q.tokens, q.match, q.actor_heads))


NAME_ENTITIES = frozenset({"GPE", "NORP", "ORG", "PERSON"})


def object_owners(
    tokens: Sequence[Token], match: VerbMatch, actor_heads: Collection[int] | None = None
) -> list[int]:
    """The heads naming the owner of the matched object (or of the objects): its possessive,
    else, given the heads of the sentence's actors, a name or role before an object that is no
    actor itself ("the *US* withdrawal", "the *opposition* rally", not "the *American*
    embassies"), else its "of/from/by" phrase, else the doer of its participle ("filed *by*
    X")."""
    objects = [match.matched_object] if match.matched_object is not None else list(match.objects)
    owners = [c for o in objects for c in tokens[o].children if tokens[c].dep == "poss"]
    if owners:
        return owners
    # "welcomed *the US* withdrawal from Syria": a name before the object is whose it is
    owners = [
        c
        for o in objects
        for c in tokens[o].children
        if actor_heads is not None
        and o not in actor_heads
        and tokens[c].dep in ("compound", "amod")
        and (tokens[c].ent_type in NAME_ENTITIES or c in actor_heads)
    ]
    if owners:
        return owners
    for prep in OWNER_PREPS:  # "the arrest of journalists *by the police*": the doer first
        named = prep_objects(tokens, objects, frozenset({prep}))
        if named:
            return named
    # "petitions *filed by* the opposition party": who made it, by its participle
    participles = [c for o in objects for c in tokens[o].children if tokens[c].dep == "acl"]
    agents = [a for p in participles for a in tokens[p].children if tokens[a].dep == "agent"]
    return [g for a in agents for g in tokens[a].children if tokens[g].dep == "pobj"]


def target_owner(q: TargetQuery) -> list[ActorMention]:
    """Fallback: the owner of any object of the verb."""
    tokens = q.tokens
    owners = [c for o in q.match.objects for c in tokens[o].children if tokens[c].dep == "poss"]
    return q.actors(owners, through_story=False)


def target_object_prep(q: TargetQuery) -> list[ActorMention]:
    """Fallback: a preposition of the object ("cooperation *with Mali*"), or of the participle
    that says what the object was done to ("lifted the ban *imposed on* Chadian citizens") or by
    whom ("rejected the proposals *laid out by* the National Assembly")."""
    tokens, objects = q.tokens, list(q.match.objects)
    if objects and _role_object(q, objects[0]):
        return []
    # ... or of the relative clause that says what it was done to ("lifted the ban *that they
    # imposed on aid agencies*")
    described = [*objects, *prep_objects(tokens, objects, FALLBACK_PREPS)]
    participles = _participles(tokens, objects) + [
        c for o in described for c in tokens[o].children if _done_to_it(tokens, c)
    ]
    heads = prep_objects(tokens, objects + participles, FALLBACK_PREPS)
    # ... or who made it ("rejected the proposals *laid out by the National Assembly*")
    heads += [
        g
        for p in participles
        for a in tokens[p].children
        if tokens[a].dep == "agent"
        for g in tokens[a].children
        if tokens[g].dep == "pobj"
    ]
    # ... or whom it acts on ("lifted a ban *preventing the charity* from working")
    heads += [
        g
        for o in objects
        for c in tokens[o].children
        if tokens[c].dep == "acl" and tokens[c].tag == "VBG"
        for g in tokens[c].children
        if tokens[g].dep in OBJECT_TARGET_DEPS
    ]
    return q.actors(heads, through_story=False)


RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom"})


def _done_to_it(tokens: Sequence[Token], clause: int) -> bool:
    """A relative clause that says what someone did with the thing ("the ban *that they
    imposed* on aid agencies"), not what the thing does ("the pipeline, *which goes* to the
    coast")."""
    return tokens[clause].dep == "relcl" and any(
        tokens[c].dep == "nsubj" and tokens[c].lower not in RELATIVE_PRONOUNS
        for c in tokens[clause].children
    )


def target_of_the_weapon(q: TargetQuery) -> list[ActorMention]:
    """Fallback for force (18x-20x): whom the weapon was aimed at, named on the verb ("fired
    shells *at Iraqi troops*", "detonated a bomb *under an army convoy*")."""
    if q.match.pattern.code[:2] not in VIOLENT_ROOTS:
        return []
    return q.actors(prep_objects(q.tokens, q.event_words, FALLBACK_PREPS - {"with"}))


def _role_object(q: TargetQuery, obj: int) -> bool:
    """ "detained *several suspects* in the attack on the prime minister's convoy": an object
    that names whom by a role noun is the target (see `role_targets`), not someone deeper in
    its phrase."""
    code = q.match.pattern.code
    if not (code[:2] in PERSON_OBJECT_ROOTS or code[:3] == "084"):
        return False  # "put *its air force* on alert along the border with India"
    return obj != q.match.verb and any(m.kind == "agent" and m.head == obj for m in q.mentions)


def target_inside_object(q: TargetQuery) -> list[ActorMention]:
    """Fallback: the nearest actor inside the object phrase ("opened an investigation into abuses
    *by Venezuelan security forces*")."""
    objects = [o for o in q.match.objects if o != q.match.verb]
    for obj in objects:  # the first object's phrase before the next ("sanctions on exports *to
        # India* in the interest of U.S. security")
        if _role_object(q, obj):
            return []
        for head in (h for h in nouns_below(q.tokens, [obj]) if h not in objects):
            found = q.not_own(resolve_phrase(q.sentence, head, q.mentions))
            if found:
                return found[:1]
    return []


def _purpose_clauses(tokens: Sequence[Token], verb: int) -> list[int]:
    """The verbs of the verb's purpose clauses ("fired tear gas *to disperse* the crowd")."""
    return [
        c
        for c in tokens[verb].children
        if tokens[c].dep in ("advcl", "xcomp")
        and any(tokens[a].dep == "aux" and tokens[a].lower == "to" for a in tokens[c].children)
    ]


def _participle_adjuncts(tokens: Sequence[Token], heads: Sequence[int]) -> list[int]:
    """The subjectless participle clauses on the heads ("carried out a raid, *targeting* the
    commanders")."""
    return [
        c
        for h in heads
        for c in tokens[h].children
        if tokens[c].dep == "advcl"
        and tokens[c].tag == "VBG"
        and not any(tokens[g].dep in ("nsubj", "nsubjpass", "mark") for g in tokens[c].children)
    ]


def target_of_purpose(q: TargetQuery) -> list[ActorMention]:
    """Fallback for force posture, coercion and force (15x, 17x-19x): whom the purpose or
    participle clause acts on ("sent aircraft *to buzz Greek islands*", "used tear gas and
    water cannon *to disperse groups of student protesters*", "carried out air strikes,
    *targeting* the group's commanders")."""
    if q.match.pattern.code[:2] not in PURPOSE_TARGET_ROOTS:
        return []
    tokens = q.tokens
    clauses = _purpose_clauses(tokens, q.match.verb)
    if q.match.pattern.code[:2] in VIOLENT_ROOTS:
        clauses += _participle_adjuncts(tokens, q.event_words)
    objects = [
        c for v in clauses for c in tokens[v].children if tokens[c].dep in OBJECT_TARGET_DEPS
    ]
    found = q.actors(objects)
    if found:
        return found
    # "to disperse *groups of student protesters*": a role no country word places, as `---`
    unknown = [unknown_actor(q.sentence, o, q.mentions) for o in objects]
    return [a for a in unknown if a is not None and a.code != "---"][:1]


def target_aid_destination(q: TargetQuery) -> list[ActorMention]:
    """Fallback for aid (07x): where the aid goes, named in the object phrase or in the purpose
    clause ("gave 350 million euros *to promote development in Ethiopia*", "humanitarian
    support to address the needs of people *in Yemen*"): the nearest actor, places included.
    The purpose may hang on an aid noun's support verb ("announced assistance *to help people in
    Somalia*"), say who is helped in a clause of its own ("to help *Haiti* cope") or in a
    relative clause ("projects which benefit *Palestinian refugees*")."""
    if q.match.pattern.code[:2] != AID_ROOT:
        return []
    tokens, verb = q.tokens, q.match.verb
    purposes = [p for w in q.event_words for p in _purpose_clauses(tokens, w)]
    objects = [o for o in q.match.objects if o != verb]
    roots = [*objects, *purposes]
    for head in nouns_below(tokens, roots, frozenset({"relcl", "ccomp"})):
        found = q.not_own(resolve_phrase(q.sentence, head, q.mentions))
        if found:
            return found[:1]
    return []


CONDITION_ROOTS = frozenset({"12", "13", "16"})


def target_condition_subject(q: TargetQuery) -> list[ActorMention]:
    """Whom a condition is put on: "will not lift the embargo *until Cuba* undertakes reforms",
    "... unless their demands are met *by Belgrade*"; for a refusal, threat or sanction (12x,
    13x, 16x) an "if" too: "threatened to walk out *if the United States* deploys missiles"."""
    tokens = q.tokens
    marks = {"until", "unless"} | ({"if"} if q.match.pattern.code[:2] in CONDITION_ROOTS else set())
    conditions = [
        c
        for v in {*q.event_words, *q.match.clause}
        for c in tokens[v].children
        if tokens[c].dep == "advcl"
        and any(tokens[m].dep == "mark" and tokens[m].lower in marks for m in tokens[c].children)
    ]
    doers = [g for c in conditions for g in tokens[c].children if tokens[g].dep == "nsubj"] or [
        g
        for c in conditions
        for a in tokens[c].children
        if tokens[a].dep == "agent"
        for g in tokens[a].children
        if tokens[g].dep == "pobj"
    ]
    return q.actors(doers)


def target_complement_subject(q: TargetQuery) -> list[ActorMention]:
    """For a governing verb, the subject of its complement ("demanded that *China* open its
    markets"); for a statement, the actor spoken about ("said *Mali* would hold elections")."""
    tokens = q.tokens
    if q.nominal:  # "its demand *that the US* ease sanctions"
        clauses = [c for c in tokens[q.match.verb].children if tokens[c].dep in ("acl", "ccomp")]
    elif q.match.pattern.flags & {Flag.GOVERNS, Flag.STATEMENT}:
        clauses = [  # "called for *Somalia* to withdraw": the "for ... to" clause of the match
            c
            for c in tokens[q.match.verb].children
            if tokens[c].dep in ("ccomp", "xcomp") or c in q.match.clause
        ]
    else:
        return []
    subjects = [
        g for c in clauses for g in tokens[c].children if tokens[g].dep in ("nsubj", "nsubjpass")
    ]
    return q.actors(subjects)


def target_of_enclosing_act(q: TargetQuery) -> list[ActorMention]:
    """Fallback for the act of a purpose clause: the one the act it serves was done to ("called
    *Erdogan* to apologise", "met *Putin* to discuss the crisis")."""
    node, tokens = q.tokens[q.match.verb], q.tokens
    if q.nominal or node.head == node.i:
        return []
    if node.i in _participle_adjuncts(tokens, [node.head]):
        # "sent a letter *to the head of the WHO*, threatening to pull funding": a message
        # the participle says more of is addressed to the enclosing act's addressee
        addressees = [
            g
            for p in tokens[node.head].children
            if tokens[p].dep in ("prep", "dative") and tokens[p].lower == "to"
            for g in tokens[p].children
            if tokens[g].dep == "pobj"
        ]
        return q.actors(addressees, through_story=False)
    if node.i not in _purpose_clauses(tokens, node.head):
        return []
    objects = [c for c in tokens[node.head].children if tokens[c].dep in OBJECT_TARGET_DEPS]
    return q.actors(objects, through_story=False)


def target_place_of_event(q: TargetQuery) -> list[ActorMention]:
    """Last resort (after the role and unknown targets), PETRARCH's practice: the country of the
    place where the act is done, named on the act or its object ("agreed to a ceasefire *in
    Syria*", "lifted the travel ban *to Lebanon*", "*In Colombia*, the ELN declared a
    ceasefire"), the source's own country included ("imposed a curfew in the Casamance region":
    SENGOV -> SEN, as ICEWS codes a government's measure on its own population). A country named
    only as a nationality is no place ("a force of *Ethiopian* troops")."""
    tokens = q.tokens
    heads = [*q.event_words, *(o for o in q.match.objects if o != q.match.verb)]
    if q.match.pattern.code[:2] in SPOKEN_ROOTS:  # "said *in Brussels*": where it was said
        heads = [h for h in heads if h not in q.event_words]
    places = prep_objects(tokens, heads, PLACE_PREPS | PLACE_TARGET_PREPS)
    places += prep_objects(tokens, places, frozenset({"of"}))  # "in parts *of Kashmir*"
    found = [m for m in q.actors(places, through_story=False) if m.kind in ("country", "place")]
    # a town or region the gazetteer knows and no dictionary does ("a curfew in *Kaduna*")
    found += [
        m
        for head in places
        for m in q.mentions
        if m.kind == "place" and m.head in phrase_tokens(q.sentence, head)
    ]
    return found[:1]


def target_direct_object(q: TargetQuery) -> list[ActorMention]:
    """Fallback for a verb whose pattern does not look at its object: the object anyway."""
    if q.nominal or Slot.OBJ in q.match.pattern.targets:
        return []
    tokens = q.tokens
    direct = [c for c in tokens[q.match.verb].children if tokens[c].dep in OBJECT_TARGET_DEPS]
    return q.actors(direct, through_story=False)


# The pattern's own slots, tried in the order its `target` column lists them ...
SLOT_STRATEGIES: dict[Slot, Strategy] = {
    Slot.OBJ: target_obj,
    Slot.PREP: target_prep,
    Slot.POSS: target_poss,
}
SLOT_RULES = frozenset(s.__name__.replace("_", "-") for s in SLOT_STRATEGIES.values())


def from_slot(rules: Sequence[str]) -> bool:
    """Whether a target was found in one of the pattern's own slots, not by a fallback."""
    return any(rule in SLOT_RULES for rule in rules)


# ... then the fallbacks, in this order.
FALLBACK_STRATEGIES: tuple[Strategy, ...] = (
    target_of_enclosing_act,  # "met *Putin* to discuss ties with China": Putin, not China
    target_owner,
    target_object_prep,
    target_of_the_weapon,
    target_inside_object,
    target_aid_destination,
    target_of_purpose,
    target_condition_subject,
    target_complement_subject,
    target_direct_object,
)


def find_targets(
    sentence: Sentence,
    mentions: Sequence[ActorMention],
    match: VerbMatch,
    passive: bool,
    context: StoryContext | None,
    own: frozenset[str] = frozenset(),
) -> tuple[list[ActorMention], tuple[str, ...]]:
    """The targets of a match and the rule (the strategy's name) that found them; `own`, the
    sources' countries (see `TargetQuery.not_own`)."""
    wanted = match.pattern.targets
    if Slot.NONE in wanted:
        return [], ()
    query = TargetQuery(sentence, mentions, match, passive, context, own)
    strategies = [SLOT_STRATEGIES[slot] for slot in wanted if slot in SLOT_STRATEGIES]
    weak: tuple[list[ActorMention], tuple[str, ...]] | None = None
    for i, strategy in enumerate((*strategies, *FALLBACK_STRATEGIES)):
        found = strategy(query)
        if not found:
            continue
        rule = (strategy.__name__.replace("_", "-"),)  # a SLOT_RULES name for the slots
        if i < len(strategies) and _only_a_nationality(sentence.tokens, found):
            weak = weak or (found, rule)  # a later slot may name the actor itself
            continue
        if weak is not None and i >= len(strategies):
            return weak
        return found, rule
    return weak or ([], ())


def _only_a_nationality(tokens: Sequence[Token], found: Sequence[ActorMention]) -> bool:
    """ "returned six *Iraqi* artifacts to the government of Iraq": a country named only as the
    nationality of a thing is a weaker target than an actor a later slot of the pattern names."""
    return all(
        m.kind == "country" and tokens[m.head].dep in ("amod", "compound", "nmod") for m in found
    )


def _names_role(q: TargetQuery, head: int) -> bool:
    """ "accused *the governing party* of corruption": an object headed by a role noun names
    someone, even where the act's cue hangs from it."""
    return any(m.kind == "agent" and m.head == head for m in q.mentions)


def unknown_target(q: TargetQuery) -> ActorMention | None:
    """The target slot of the event's family filled by words no dictionary knows ("launched an
    attack *on the SDF headquarters*", "arrested *two men*"): a `---` actor with those words,
    never silently dropped. The words must name someone (a proper name or a role noun), or be
    what violence or coercion struck ("attacked *a village*"); a place phrase ("*in* the
    region") says where, not whom."""
    pattern, tokens = q.match.pattern, q.tokens
    if Flag.STATEMENT in pattern.flags or Slot.NONE in pattern.targets:
        return None
    force = pattern.code[:2] in FORCE_ROOTS
    # the object a pattern asks for is whom the act was done to: violence, and the release of
    # persons ("freed *prisoners*", "released *200 detainees*"), even where "release" is the
    # support verb it also is ("released *a statement*")
    released = pattern.code.startswith(RELEASE_PERSONS)
    persons = pattern.code[:2] in VIOLENT_ROOTS or released
    heads: list[int] = []
    for slot in pattern.targets:
        if slot == Slot.OBJ and q.passive:
            heads += [c for c in tokens[q.match.verb].children if tokens[c].dep == "nsubjpass"]
        elif slot == Slot.OBJ and q.nominal:
            heads += prep_objects(tokens, [q.match.verb], frozenset({"of", "against", "on"}))
        elif slot == Slot.OBJ:
            # "declared *a state of emergency*": an object the pattern asks for names the act,
            # unless the act is violence ("attacked *a village*")
            cue = q.match.matched_object
            # "launched *an offensive*": the object of a support verb is the act itself
            support = tokens[q.match.verb].lemma in SUPPORT_VERBS
            heads += small_clause_subjects(tokens, q.match.verb)
            heads += [
                c
                for c in tokens[q.match.verb].children
                if tokens[c].dep in OBJECT_TARGET_DEPS
                and not (support and c == cue and not released)
                and (
                    (persons and c == cue)  # "attacked *a village*", "freed *prisoners*"
                    or (  # "declared *a state of siege*": the object names the act
                        tokens[c].lemma not in pattern.objects
                        and (cue not in phrase_tokens(q.sentence, c) or _names_role(q, c))
                    )
                )
            ]
        elif slot == Slot.POSS:  # "rejected demands *from a rebel group*"
            heads += object_owners(tokens, q.match, q.actor_heads)
        elif slot == Slot.PREP:
            preps = pattern.preps - PLACE_PREPS
            objects = [
                g
                for p in q.match.preps
                if tokens[p].lower in preps
                for g in tokens[p].children
                if tokens[g].dep == "pobj"
            ]
            # "launched an attack *on the SDF headquarters*": the preposition of the object
            objects += prep_objects(tokens, [q.match.verb, *q.match.objects], preps)
            # ... but "a state *of siege*" names the act itself; a role noun names someone
            # ("marched to *the health ministry*")
            heads += [h for h in objects if h != q.match.matched_object or _names_role(q, h)]
    for head in heads:
        # "shelled *Kaduna*": a town only the gazetteer knows is its country
        words = phrase_tokens(q.sentence, head)
        place = next((m for m in q.mentions if m.kind == "place" and m.head in words), None)
        if place is not None and force:
            return place
        actor = unknown_actor(q.sentence, head, q.mentions)
        done_to = persons and head == q.match.matched_object
        if actor is not None and (force or done_to or names_someone(q.sentence, actor)):
            return actor
    return None


def needs_target(match: VerbMatch) -> bool:
    """A pattern whose target comes only from a preposition or an owner ("withdrew *from* ECOWAS",
    "suspended *Mali's* membership") means something else when no actor fills that slot."""
    flags = match.pattern.flags
    if flags & {Flag.NO_TARGET_OK, Flag.RECIPROCAL, Flag.NOUN}:
        return False  # an event noun often names its act without its target ("aid was pledged")
    return set(match.pattern.targets) <= {Slot.PREP, Slot.POSS}


def other_country(
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


def role_targets(
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
    if len(countries) != 1 or Slot.NONE in match.pattern.targets:
        return [], ()
    tokens = sentence.tokens
    if passive:
        heads = [c for c in tokens[match.verb].children if tokens[c].dep == "nsubjpass"]
    else:
        heads = [c for c in tokens[match.verb].children if tokens[c].dep in OBJECT_TARGET_DEPS] or [
            g for p in match.preps for g in tokens[p].children if tokens[g].dep == "pobj"
        ]
    heads += prep_objects(tokens, heads, FALLBACK_PREPS)
    if Slot.POSS in match.pattern.targets and not passive:
        # "accepted the demands *of the protesting truck drivers*": the owner of the object
        heads = [*object_owners(tokens, match), *heads]
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
            # "French troops attacked *rebels* in northern Mali": the country where it was done
            (country,) = _abroad(sentence, mentions, match, head, countries) or countries
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


def _abroad(
    sentence: Sentence,
    mentions: Sequence[ActorMention],
    match: VerbMatch,
    head: int,
    countries: set[str],
) -> set[str]:
    """The one country, other than the source's, of the place where an act on a role was done,
    named on the verb or the role ("struck militants *in Somalia*", "arrested students *in
    Kampala*"); a place where something was said is not where it was done to the role."""
    if match.pattern.code[:2] in SPOKEN_ROOTS:
        return set()
    tokens = sentence.tokens
    places = prep_objects(tokens, [match.verb, head], PLACE_PREPS)
    words = {w for p in places for w in phrase_tokens(sentence, p)}
    found = {
        m.country
        for m in mentions
        if m.kind in ("country", "place") and m.head in words and m.country
    }
    return found - countries if len(found) == 1 else set()


def home_place(
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


def own_part(tokens: Sequence[Token], source: ActorMention, target: ActorMention) -> bool:
    """ "The US strengthened *its* forces": a part of the source named through its pronoun is
    not a target."""
    owned = any(
        tokens[c].dep == "poss" and tokens[c].pos == "PRON" for c in tokens[target.head].children
    )
    return owned and target.country is not None and target.country == source.country
