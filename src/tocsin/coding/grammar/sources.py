"""Who did it: the words that name the doer of a verb (its subject, inherited through
conjunctions, complements and relative clauses; the agent of a passive) or of an event noun (the
"by" phrase, the owner, the subject of the support verb)."""

from __future__ import annotations

from collections.abc import Sequence

from tocsin.coding.modality import INTENT_NOUNS
from tocsin.coding.places import dateline_end
from tocsin.coding.verbs import is_passive
from tocsin.records import Token

RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
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
        "reimpose",
        "enforce",
        "reinstate",
        "establish",
        "introduce",
        "institute",
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
        "speed",
        "hasten",
        "accelerate",
        "have",
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
# A report or study speaks for whoever publishes it
REPORT_NOUNS = frozenset({"report", "study", "white paper", "paper", "review", "assessment"})
PUBLISHING_VERBS = frozenset(
    {"issue", "release", "publish", "put", "present", "submit", "unveil", "produce", "compile"}
)
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
NOUN_POS = frozenset({"NOUN", "PROPN", "PRON"})
# Verbs whose object does the act of their infinitive ("prompted *police* to fire", "forced *the
# rebels* to withdraw"); "used tear gas to disperse" or "sent troops to help" are not among them
OBJECT_CONTROL_VERBS = frozenset(
    {"prompt", "force", "compel", "oblige", "order", "cause", "lead", "drive", "push", "pressure"}
    | {"pressurize", "pressurise", "provoke", "spur", "trigger", "persuade", "convince", "get"}
)
# Prepositions whose verb is done by the doer of the clause they modify ("dispersed them *by*
# firing", "*after* storming the building"), unlike "accused Gulen *of* plotting"
MEANS_PREPS = frozenset({"by", "after", "before", "while", "upon", "through", "without"})
INHERIT_DEPS = frozenset({"conj", "xcomp", "advcl", "acl", "pcomp", "acomp"})
# The owner of an intent noun (modality.INTENT_NOUNS) does the act of its infinitive ("Iran's
# *offer* to mediate", "Mali announced a *plan* to hold elections"); an invitation is done by
# the one who accepts it ("accepted an *invitation* to visit Beijing"), not by its sender
ACCEPTING_VERBS = frozenset({"accept", "welcome", "receive", "take", "get", "have"})
OWNED_ACT_NOUNS = INTENT_NOUNS | {"decision"}  # "took a decision to expel": done, not intended
# Passives that name their subject's own stance ("Israel *is opposed to* French mediation")
STATE_PASSIVES = frozenset({"oppose"})
# Words that make their subject the doer of the act their preposition names ("X is *responsible
# for* the killings", "*guilty of* violating the truce", "were *engaged in* ethnic cleansing")
RESPONSIBLE_WORDS = frozenset(
    {"responsible", "guilty", "culpable", "complicit", "engage", "involve", "implicate"}
)


def verb_source(tokens: Sequence[Token], verb: int) -> tuple[list[int], tuple[str, ...]]:
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
            or [  # "forces were *engaged* in ethnic cleansing", "Israel is *opposed* to": a
                # state, its subject the doer
                c
                for c in children
                if c.dep == "nsubjpass" and node.lemma in RESPONSIBLE_WORDS | STATE_PASSIVES
            ]
            or [  # a main verb whose name before it was misparsed ("*USAID* suspended")
                c
                for c in children
                if node.dep == "ROOT" and c.i < node.i and c.pos == "PROPN"
                if c.dep in ("advmod", "npadvmod", "dep", "nmod")
            ][:1]
        )
        if subjects:
            # "NAIROBI, March 3 - Students threw ...": a dateline is no subject
            filed = dateline_end(tokens)
            subject = next((c for c in subjects if c.i >= filed), subjects[0])
            if subject.lower in RELATIVE_PRONOUNS and node.dep == "relcl":
                issuer = _issuer(tokens, tokens[node.head])
                if issuer is not None:
                    # "issued a report that *called for* ...": the issuer speaks
                    rules.append("message-relative")
                    node = tokens[issuer]
                    continue
                rules.append("relative-clause")
                return [node.head], tuple(rules)
            return [subject.i], tuple(rules)
        if _misparsed_main_verb(tokens, node):
            rules.append("root-noun-subject")
            return [node.head], tuple(rules)
        if is_passive(tokens, node.i) or (node.tag == "VBN" and node.dep in ("acl", "relcl")):
            break  # "parents who were killed", "fighters captured in Syria": no doer named
        if node.dep == "relcl":
            rules.append("relative-clause")
            return [node.head], tuple(rules)
        if node.dep in ("advcl", "acl") and node.tag == "VBN":
            break  # "Accused of war crimes, X was arrested": X is the one accused
        issuer = _issuer(tokens, tokens[node.head]) if node.dep == "acl" else None
        if issuer is not None:
            # "issued a statement urging Britain to act": the issuer speaks
            rules.append("message-participle")
            node = tokens[issuer]
            continue
        owner = _intent_owner(tokens, node)
        if owner is not None:
            rules.append("noun-control")  # "accepted an invitation *to meet*": who accepted
            node = tokens[owner]
            if node.pos in NOUN_POS:
                return [owner], tuple(rules)
            continue
        controller = _object_controller(tokens, node)
        if controller is not None:
            rules.append("object-control")  # "prompting *police* to fire", "forced them to"
            return [controller], tuple(rules)
        if node.dep in INHERIT_DEPS and node.head != node.i:
            rules.append("shared-subject" if node.dep == "conj" else "complement-subject")
            node = tokens[node.head]
            continue
        if (
            node.lower in MEANS_PREPS
            and node.dep == "prep"
            and tokens[node.head].pos in ("VERB", "AUX")
        ):
            node = tokens[node.head]  # "forced them back *by* firing": the clause's doer
            continue
        if node.dep == "prep" and tokens[node.head].lemma in RESPONSIBLE_WORDS:
            rules.append("responsible-for")  # "guilty *of* violating": the guilty one did it
            node = tokens[node.head]
            continue
        break
    return [], tuple(rules)


def _issuer(tokens: Sequence[Token], noun: Token) -> int | None:
    """The verb whose subject issued a message ("*sent* a letter", "*issued* a statement"); a
    report speaks for the one who published it ("*released* a report"), not for one who read
    or cited it."""
    if noun.dep not in ("dobj", "obj") or noun.head == noun.i:
        return None
    if noun.lemma in MESSAGE_NOUNS:
        return noun.head
    if noun.lemma in REPORT_NOUNS and tokens[noun.head].lemma in PUBLISHING_VERBS:
        return noun.head
    return None


def _intent_owner(tokens: Sequence[Token], node: Token) -> int | None:
    """The owner of the intent noun whose infinitive `node` is: the noun's possessor ("Iran's
    offer to mediate"), else the verb whose object the noun is ("Mali announced a plan to ...",
    whose subject is the owner); None if `node` is no such infinitive."""
    if node.dep != "acl" or node.tag != "VB" or node.head == node.i:
        return None
    noun = tokens[node.head]
    if noun.lemma not in OWNED_ACT_NOUNS:
        return None
    owners = [c for c in noun.children if tokens[c].dep == "poss"]
    if owners:
        return owners[0]
    if noun.dep not in ("dobj", "obj") or noun.head == noun.i:
        return None
    governing = tokens[noun.head]
    if noun.lemma == "invitation" and governing.lemma not in ACCEPTING_VERBS:
        return None  # "sent Putin an invitation to visit": the guest visits
    return governing.i


def _object_controller(tokens: Sequence[Token], node: Token) -> int | None:
    """The object of the verb above an infinitive complement does the infinitive's act
    ("prompting *police* to fire tear gas", "forced *the rebels* to withdraw")."""
    if node.dep != "xcomp" or node.head == node.i or node.tag != "VB":
        return None
    if tokens[node.head].lemma not in OBJECT_CONTROL_VERBS:
        return None  # "used tear gas to disperse": the gas does not disperse anyone
    objects = [c for c in tokens[node.head].children if tokens[c].dep in ("dobj", "obj")]
    if not objects or objects[0] > node.i:
        return None
    return objects[0]


def _misparsed_main_verb(tokens: Sequence[Token], node: Token) -> bool:
    """ "The Iraqi air force carried out strikes ...": a past tense read as a participle that
    modifies the sentence's root noun. A participle of the root noun that takes its own direct
    object is the sentence's main verb, and the root noun its subject ("the force *given* a
    medal" takes no object in news syntax often enough to matter; a full stop after the root noun
    phrase would make the noun a headline, which has no verb at all)."""
    if node.dep != "acl" or node.tag not in ("VBN", "VBD") or node.head == node.i:
        return False
    head = tokens[node.head]
    if head.dep != "ROOT" or head.pos not in ("NOUN", "PROPN") or node.i < head.i:
        return False
    if any(tokens[c].dep in ("auxpass", "nsubjpass", "agent") for c in node.children):
        return False
    return any(tokens[c].dep in ("dobj", "obj") for c in node.children)


def noun_sources(
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
    support = support_verb(tokens, noun)
    if support is not None:
        heads, rules = verb_source(tokens, support)
        choices.append((heads, (*rules, "nominal-verb-subject")))
    if pronoun_owner:  # "their attacks": the clause's subject first, then the story
        clause = _clause_verb(tokens, noun)
        if clause is not None:
            heads, rules = verb_source(tokens, clause)
            choices.append((heads, (*rules, "nominal-owner-is-subject")))
        choices.append(([c for c in owners if tokens[c].pos == "PRON"], ("nominal-owner",)))
    return choices


def support_verb(tokens: Sequence[Token], noun: int) -> int | None:
    """The support verb whose object the noun is, directly or through "the start / a series
    of" ("announced *the start of* its offensive") or an amount ("pledged *$10 million in*
    aid"), or the word that makes its subject the doer ("responsible for *the killings*")."""
    t = tokens[noun]
    for _ in range(2):
        if t.dep in ("dobj", "nsubjpass", "attr") and tokens[t.head].lemma in SUPPORT_VERBS:
            return t.head
        if t.dep == "pobj" and tokens[tokens[t.head].head].lemma in RESPONSIBLE_WORDS:
            return tokens[t.head].head  # "responsible *for* the killings", "engaged *in*"
        if t.dep != "pobj" or t.head == tokens[t.head].head:
            return None
        prep, above = tokens[t.head], tokens[tokens[t.head].head]
        if not (prep.lower == "of" or (prep.lower == "in" and _amount(tokens, above))):
            return None
        t = above
    return None


def _amount(tokens: Sequence[Token], word: Token) -> bool:
    """A sum or a count ("$10 million", "50 million euros", "tonnes"): what an amount *in* aid
    or loans measures is the aid itself."""
    return word.pos == "NUM" or any(
        tokens[c].dep in ("nummod", "quantmod") or tokens[c].pos == "NUM" for c in word.children
    )


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
