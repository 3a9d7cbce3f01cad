"""Acts a sentence names without stating them: negated, hypothetical, conditional, asked, feared
or alleged acts, acts told as background in a relative clause, and the acts governed by another
verb ("threatened *to impose*"). A negated cooperative act in the present or future is a refusal
(CAMEO 12x)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from tocsin.coding.grammar.speech import speech_over
from tocsin.coding.modality import MoodTable
from tocsin.coding.verbs import VerbMatch, inflections
from tocsin.knowledge.dictionaries import Flag, Slot
from tocsin.records import Token

NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
# "could impose", "Assad *can* bomb the opposition": a possibility or a capability, not an act
# ("cannot accept" is a refusal, found before blocking)
HYPOTHETICAL_AUX = frozenset({"could", "may", "might", "can", "ca"})  # "ca" of "can't"
# "failed to reach an agreement", "refrained from attacking", "hopes to sign a deal", "avoided
# blaming Damascus": the act did not happen ("wants Germany to pay" is an appeal in CAMEO, so
# "want" is not listed)
# "I assumed some boys were victimised", "it is reasonable to suppose they have talked": a
# supposition, not a report
NEGATING_VERBS = frozenset(
    {"fail", "refrain", "hope", "expect", "prefer", "avoid"}
    | {"assume", "suppose", "imagine", "speculate", "wonder"}
    # "prevent the fighters from being slaughtered", "deterred Iran from attacking"
    | {"prevent", "deter", "dissuade", "discourage", "forbid"}
)
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
        "concern",
        "worry",
        "option",  # "the option of air strikes" ("opportunity" not: "seized the opportunity to")
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
# "Trump's demand that Germany *prosecute* its citizens", "Turkey's aim is *to give* Afrin back":
# an act that is wanted, not one that was done (a plan, offer or pledge is its owner's intent)
DESIRE_NOUNS = frozenset(
    {
        "demand",
        "call",
        "aim",
        "goal",
        "objective",
        "wish",
        "desire",
        "ambition",
        "hope",
        "request",
        "appeal",
        "bid",
        "attempt",
        "effort",
    }
)
# "the expected offensive", "a possible strike", "the planned attack": an act to come, not one
# that came
PROSPECTIVE_MODIFIERS = frozenset(
    {
        "expected",
        "possible",
        "potential",
        "planned",
        "proposed",
        "looming",
        "imminent",
        "feared",
        "anticipated",
        "future",
        "hypothetical",
        "prospective",
        "mooted",
        "impending",
        "pending",
        "upcoming",
        "forthcoming",
        "eventual",
        "probable",
        "likely",
        "intended",
        "threatened",
    }
)
# "before launching *any* military intervention", "coordinate *any* US action": an act of no
# particular time or place, not one that happened
NONSPECIFIC_DETERMINERS = frozenset({"any"})
# acts whose object names the act itself ("launched any *operation*"), not a thing acted on
FORCE_ACT_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
# "are hardly likely to attack", "is keen to speak", "need first to capture": a prediction, a wish
# or a need, not an act
PREDICTION_HEADS = frozenset({"likely", "unlikely", "keen", "eager", "need"})
# Objects that name no one an act could be done to: matters, knowledge, qualities, efforts
# ("pressed *the issue*", "received *information*", "gathered *strength*", "fought any
# *attempt*", "threatens British *interests*", "gave *their lives*")
MINDS_AND_MEANS = frozenset(
    {"issue", "matter", "question", "point", "case", "subject", "topic", "argument"}
    | {"information", "intelligence", "data", "knowledge", "detail", "news"}
    | {"strength", "momentum", "pace", "steam", "ground", "support", "traction", "courage"}
    | {"attempt", "effort", "bid", "idea", "notion", "view", "concern", "interest"}
    | {"presence", "life", "everything", "anything", "nothing", "something", "all"}
    | {"peace", "security", "stability", "future"}
    # what was decided, announced or done ("welcomed *the pullout*", "received *the report*"): an
    # endorsement or a reading, not a visitor hosted or someone met
    | {"decision", "move", "step", "withdrawal", "pullout", "announcement", "report", "outcome"}
    | {"result", "verdict", "ruling"}
)
# "a *very* informed system": a degree makes a verb's word an adjective
DEGREE_WORDS = frozenset({"very", "so", "too", "more", "most", "less", "quite", "extremely"})
ADJECTIVE_DEPS = frozenset({"acomp", "amod", "oprd", "attr"})
PARTICIPLE_ENDINGS = ("ed", "en", "wn")
# "asked *why* she wears a headscarf": a question, not an appeal
APPEAL_PREFIX = "02"
# optimistic and pessimistic comments, which an infinitive turns into an aim
COMMENT_CODES = ("012", "013")
ASKING_VERBS = frozenset({"ask", "wonder", "inquire", "enquire", "query"})
# Acts done to someone (code prefixes): reassurance, appeals, intents, meetings, aid, threats,
# force ("supported the idea", a statement on an issue and "sanctioned the move" are acts on a
# thing)
ACTS_ON_SOMEONE = ("013", "02", "03", "04", "07", "13", "15", "17", "18", "19", "20")
# "it is likely Washington *will side* with Ankara", "it is possible that they *attacked*": the
# clause a copula's adjective of likelihood governs is a prediction or a possibility
LIKELIHOOD_WORDS = frozenset(
    {"likely", "unlikely", "possible", "probable", "conceivable", "unclear", "uncertain"}
    | {"doubtful", "plausible", "impossible"}
)
# "Paris *should* join forces to ensure that Trump *coordinates* ...", "the government *must* be
# right to warn": what a clause above says ought to happen has not happened (the verb's own
# "must" or "should" is a demand, see `modality.mood_of`)
OBLIGATION_AUX = frozenset({"should", "must", "ought"})
# a reported clause is the speaker's: "said it *would* send troops" is an intent, "the option is
# that Washington *would* ask the Kurds" and a "would" in a clause no one reports is a
# hypothetical
WOULD = "would"
# A negated act in the present or future is a refusal ("Britain will not accept the proposal");
# in the past it is only something that did not happen ("did not attack").
REFUSAL_AUX = frozenset({"will", "wo", "would", "shall", "does", "do", "can", "ca", "'ll"})
FUTURE_NEGATED_AUX = frozenset({"will", "wo", "would", "shall", "'ll"})
REFUSABLE_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
# clause links a possibility or a background clause reaches down through ("could lead to Turkey
# *reaching* a deal", "extremists who have fought with Isis *and returned*")
CLAUSE_LINKS = frozenset({"conj", "xcomp", "ccomp", "advcl", "pcomp", "prep", "acl", "relcl"})
# "It *once* backed the Nusra Front": done in a former time
FORMERLY = frozenset({"once", "formerly"})
# "arrived in Britain *at the age of* 15", "as a child": a life told, not the story's news
# "had threatened such action *in the past*", "*at the time*, Tillerson declared": an earlier time
FORMER_TIMES = frozenset({("in", "past"), ("at", "time")})
LIFE_STAGE_NOUNS = frozenset({"child", "teenager", "boy", "girl", "youth", "student", "baby"})
# "three women are killed *a day*", "detained *on a daily basis*": a rate of acts, not an event
TIME_UNITS = frozenset({"day", "night", "week", "month", "year", "hour"})
RATE_DETERMINERS = frozenset({"a", "an", "each", "per"})  # not "every": "aid every month"
SPAN_WORDS = frozenset({"after", "before", "into", "since", "ago", "later", "earlier", "of"})
RATE_BASES = frozenset({"daily", "nightly", "weekly", "monthly", "yearly", "regular", "routine"})
# "the army *probably* shelled the town": the writer's guess, not a report
GUESSING_ADVERBS = frozenset({"probably", "perhaps", "possibly", "maybe", "presumably"})
# "it would be *safe* to rescue the children", "it is *time* to withdraw": an extraposed "it"
# judging an act names the act, it does not report it
EVALUATIVE_WORDS = frozenset(
    {"safe", "unsafe", "wise", "unwise", "right", "wrong", "important", "necessary", "essential"}
    | {"vital", "crucial", "imperative", "urgent", "better", "best", "easy", "hard", "difficult"}
    | {"dangerous", "risky", "reasonable", "fair", "unfair", "sensible", "foolish", "premature"}
    | {"time", "mistake", "error", "folly"}
)
# the narrator ("she asked to interview *me*", "*my* request was denied"): outside quotation
# marks, a first person is the writer of the story, no political actor
WRITER_WORDS = frozenset({"i", "me", "my", "myself", "mine"})
QUOTE_MARKS = frozenset({'"', "“", "”", "‘", "«", "»", "``", "''"})  # not "’", also an apostrophe
PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "pobj", "agent", "poss"})
RELATIVIZER_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})


def is_question(text: str) -> bool:
    """A sentence that asks, also inside quotation marks ("How can we ...?”)."""
    return text.rstrip().rstrip("\"'”’)").endswith("?")


def governed_verbs(tokens: Sequence[Token], match: VerbMatch) -> list[int]:
    """Verbs of the complement clause of a governing verb ("urged Mali *to hold* elections",
    "accused Moscow *of violating* the treaty")."""
    out = list(match.clause[1:])
    for c in tokens[match.verb].children:
        if tokens[c].dep in ("ccomp", "xcomp"):
            out.append(c)
        elif tokens[c].dep == "prep":
            out.extend(g for g in tokens[c].children if tokens[g].dep == "pcomp")
    return out


def blocked(tokens: Sequence[Token], verb: int) -> bool:
    """Negated, or inside a conditional clause."""
    t = tokens[verb]
    if any(tokens[c].dep == "neg" or tokens[c].lower in NEGATIONS for c in t.children):
        return True
    if any(tokens[c].lower == "neither" for c in _subject_words(tokens, verb)):
        return True
    if any(rule(tokens, verb) for rule in UNSTATED):
        return True
    if t.dep in ("xcomp", "advcl") and tokens[t.head].lemma in PREDICTION_HEADS:
        return True  # "are hardly likely *to attack*", "need first *to capture*"
    if _prospective(tokens, t):
        return True  # "the expected offensive", "an assault on the enclave would be a disaster"
    if any(tokens[c].lower == "would" for c in t.children) and conditional_sentence(tokens):
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
    return in_conditional_clause(tokens, verb)


def _up_the_clauses(tokens: Sequence[Token], verb: int) -> Iterator[Token]:
    """The verb and the clauses it hangs from, up through clause links (ten steps at most)."""
    node = tokens[verb]
    for _ in range(10):
        yield node
        if node.head == node.i or node.dep not in CLAUSE_LINKS:
            return
        node = tokens[node.head]


def _possible(tokens: Sequence[Token], verb: int) -> bool:
    """The verb, or a clause it hangs from, is only possible: "could impose", "could lead to
    Erdogan *reaching* a deal", "could wage a campaign *to eliminate* the fighters"."""
    return any(
        _hypothetical(tokens[c]) for node in _up_the_clauses(tokens, verb) for c in node.children
    )


def _guessed(tokens: Sequence[Token], verb: int) -> bool:
    """The verb, or a clause whose complement it is, is a guess: "the army *probably* shelled
    the town", "the government *probably* fears it would be suicide *to allow* them home". Who
    did a passive act may be the guess, not the act ("the strikes had *probably* been carried
    out by the air force")."""
    node = tokens[verb]
    for _ in range(6):
        children = [tokens[c] for c in node.children]
        if any(c.dep == "advmod" and c.lower in GUESSING_ADVERBS for c in children):
            return not any(c.dep == "agent" for c in children)
        if node.head == node.i or node.dep not in ("xcomp", "ccomp", "conj", "acl"):
            return False
        if _own_subject(tokens, node):
            return False
        node = tokens[node.head]
    return False


def _rate(tokens: Sequence[Token], verb: int) -> bool:
    """A rate or a habit, not one event: "abduct five farmers *a day*", "were displaced *each
    week*", "arrested dissidents *on a daily basis*", "*per month*" (on the verb or its
    object)."""
    t = tokens[verb]
    holders = [t, *(tokens[c] for c in t.children if tokens[c].dep in ("dobj", "nsubjpass"))]
    for holder in holders:
        for c in holder.children:
            word = tokens[c]
            if word.dep == "npadvmod" and word.lemma in TIME_UNITS and _rate_unit(tokens, word):
                return True
            if word.dep == "prep":
                for g in word.children:
                    noun = tokens[g]
                    if word.lower == "per" and noun.lemma in TIME_UNITS:
                        return True
                    if noun.lemma == "basis" and any(
                        tokens[d].lower in RATE_BASES for d in noun.children
                    ):
                        return True
    return False


def _rate_unit(tokens: Sequence[Token], unit: Token) -> bool:
    """ "a day", "each week" alone: not a span of time ("less than *a week* into his term",
    "*a month* after the coup")."""
    children = [tokens[c] for c in unit.children]
    if len(children) != 1 or children[0].dep != "det" or children[0].lower not in RATE_DETERMINERS:
        return False
    after = tokens[unit.i + 1].lower if unit.i + 1 < len(tokens) else ""
    return after not in SPAN_WORDS


def _writer_involved(tokens: Sequence[Token], verb: int) -> bool:
    """The writer takes part in the act: a first person singular, outside quotation marks, is
    the verb's (or its complement's) subject, object, prepositional object or their owner ("she
    asked to interview *me*", "*my* request was denied by the chapter's president")."""
    if any(t.text in QUOTE_MARKS for t in tokens) or _spoken(tokens, verb):
        return False  # "'Police arrested me,' the activist said": the speaker's words
    t = tokens[verb]
    clauses = [t, *(tokens[c] for c in t.children if tokens[c].dep == "xcomp")]
    for clause in clauses:
        stack = [c for c in clause.children if tokens[c].dep in PARTICIPANT_DEPS | {"prep"}]
        while stack:
            word = tokens[stack.pop()]
            if word.dep == "prep" or word.dep == "agent":
                stack.extend(g for g in word.children if tokens[g].dep == "pobj")
                if word.dep == "prep":
                    continue
            if word.lower in WRITER_WORDS:
                return True
            stack.extend(g for g in word.children if tokens[g].dep == "poss")
    return False


def _spoken(tokens: Sequence[Token], verb: int) -> bool:
    """The verb's clause is reported by a speech verb, before or after it ("X said ...", "...,
    the activist told reporters"), whatever marks its quotation."""
    return speech_over(tokens, verb, frozenset({"parataxis", "advcl", "ccomp"})) is not None


def _prospective(tokens: Sequence[Token], t: Token) -> bool:
    """An event noun named as one to come ("the *expected* offensive"), or the subject of a
    clause that is only possible ("an assault *would be* a catastrophe")."""
    if t.pos != "NOUN":
        return False
    words = [t, *(tokens[c] for c in t.children if tokens[c].dep == "compound")]
    if any(
        tokens[c].dep == "amod" and tokens[c].lower in PROSPECTIVE_MODIFIERS
        for w in words
        for c in w.children
    ):
        return True  # "the expected (autumn) offensive"
    head = tokens[t.head]
    if t.dep == "dobj" and _unlikely_governor(tokens, head):
        return True  # "will not stand by and watch *an attack*", "could provoke *a war*"
    return t.dep in ("nsubj", "nsubjpass") and any(
        _hypothetical(tokens[c]) or (tokens[c].dep == "aux" and tokens[c].lower == "would")
        for c in head.children
    )


def _unlikely_governor(tokens: Sequence[Token], verb: Token) -> bool:
    """A verb that only may happen ("could provoke"), or that will not ("will not watch"), with
    the verbs it is joined to without a subject of their own ("will not stand by *and watch*");
    a past negation leaves its object's act done ("did not condemn the attack")."""
    for node in (verb, *_governing_clauses(tokens, verb.i)):
        children = [tokens[c] for c in node.children]
        if any(_hypothetical(c) for c in children):
            return True
        if any(c.dep == "neg" for c in children) and any(
            c.dep == "aux" and c.lower in FUTURE_NEGATED_AUX for c in children
        ):
            return True
        if node.dep != "conj" or _own_subject(tokens, node):
            break
    return False


def nonspecific(tokens: Sequence[Token], match: VerbMatch) -> bool:
    """The act is named by a noun of no particular occasion: "before launching *any* military
    operation", "*any* attack" (the noun of the act itself, not a thing acted on: "will veto
    any resolution" is a threat, "denied any responsibility" a denial)."""
    nouns = [match.verb] if tokens[match.verb].pos == "NOUN" else []
    if match.matched_object is not None and match.pattern.code[:2] in FORCE_ACT_ROOTS:
        nouns.append(match.matched_object)  # not "denied *any* responsibility" (016)
    return any(
        tokens[c].dep == "det" and tokens[c].lower in NONSPECIFIC_DETERMINERS
        for n in nouns
        for c in tokens[n].children
    )


def _state_word(tokens: Sequence[Token], match: VerbMatch) -> bool:
    """A verb's word used as an adjective names a state, not an act: "women who are *free*", "a
    *very informed* system", "it was *encouraging* that ...". A past participle the tagger calls
    an adjective still names the act or the stance ("were *injured*", "is *opposed* to the
    decision", "remains *committed* to"), unless a degree word grades it."""
    t = tokens[match.verb]
    if t.pos != "ADJ" or t.dep not in ADJECTIVE_DEPS or Flag.NOUN in match.pattern.flags:
        return False
    graded = any(tokens[c].lower in DEGREE_WORDS for c in t.children)
    return graded or not t.lower.endswith(PARTICIPLE_ENDINGS)


def _question(tokens: Sequence[Token], match: VerbMatch) -> bool:
    """Asking a question is no appeal (02): "ask her *why* she wears a headscarf", "“Why are we
    fighting ...?” Trump asked"."""
    t = tokens[match.verb]
    if not match.pattern.code.startswith(APPEAL_PREFIX) or t.lemma not in ASKING_VERBS:
        return False
    if any(tokens[i].text == "?" for i in range(t.i)):
        return True
    for c in t.children:
        clause = tokens[c]
        if clause.dep not in ("ccomp", "advcl", "xcomp"):
            continue
        first = min((clause.i, *clause.children))
        if tokens[first].tag in RELATIVIZER_TAGS:
            return True  # not "asked Russia *whether* it could operate": a request
    return False


def _aim(tokens: Sequence[Token], match: VerbMatch) -> bool:
    """A hope or fear of doing something, in a participle on the act it is the aim of, is the
    doer's aim, not a comment on how things stand (012, 013): "*Hoping to revive* trade, the
    premier visited Australia" ("Russia hopes to sign a deal with India" stays a comment)."""
    t = tokens[match.verb]
    if not match.pattern.code.startswith(COMMENT_CODES):
        return False
    if t.dep != "advcl" or t.tag != "VBG":
        return False
    return any(
        tokens[c].dep == "xcomp"
        and any(tokens[g].tag == "TO" and tokens[g].dep == "aux" for g in tokens[c].children)
        for c in tokens[match.verb].children
    )


def _nothing_done(tokens: Sequence[Token], verb: int) -> bool:
    """The act's object is none: "offers *no* clue", "*no* agreement was reached"."""
    return any(
        tokens[c].dep in ("dobj", "nsubjpass")
        and any(tokens[d].dep == "det" and tokens[d].lower == "no" for d in tokens[c].children)
        for c in tokens[verb].children
    )


def figurative(tokens: Sequence[Token], match: VerbMatch) -> bool:
    """A verb whose pattern takes its target from the object, used on an object that can name
    no one: "threatens British *interests*", "pressed *the issue*", "gathered *strength*",
    "received fresh *information*", "fought any UN *attempt*", "gave *their lives*". The verb is
    used in another sense than the act's; a pattern that names its objects has already chosen
    them."""
    if _state_word(tokens, match) or _question(tokens, match) or _aim(tokens, match):
        return True
    pattern = match.pattern
    if pattern.objects or Slot.OBJ not in pattern.targets or Flag.NOUN in pattern.flags:
        return False
    if not pattern.code.startswith(ACTS_ON_SOMEONE):
        return False
    objects = [
        tokens[c] for c in tokens[match.verb].children if tokens[c].dep in ("dobj", "nsubjpass")
    ]
    return any(o.pos in ("NOUN", "PRON") and o.lemma.lower() in MINDS_AND_MEANS for o in objects)


def _predicted(tokens: Sequence[Token], verb: int) -> bool:
    """The verb, or a clause it hangs from, is what a copula's adjective of likelihood governs
    ("it is likely they *will side* with Ankara", "it is unclear whether ..."), or the infinitive
    of "too ADJ to" ("much too soon *to claim* that Isis *was beaten*")."""
    for node in _up_the_clauses(tokens, verb):
        if node.head == node.i or node.dep not in ("ccomp", "xcomp", "advcl"):
            continue
        head = tokens[node.head]
        if head.lemma in LIKELIHOOD_WORDS:
            return True
        if (
            head.lemma == "be"
            and node.dep == "ccomp"
            and any(
                tokens[c].dep == "acomp" and tokens[c].lemma in LIKELIHOOD_WORDS
                for c in head.children
            )
        ):
            return True
        if node.dep == "xcomp" and any(
            tokens[c].lower == "too" or any(tokens[g].lower == "too" for g in tokens[c].children)
            for c in head.children
            if tokens[c].dep in ("advmod", "acomp")
        ):
            return True  # "too soon to claim", "it is too soon to claim"
    return False


def _judged(tokens: Sequence[Token], verb: int) -> bool:
    """The verb is the infinitive an extraposed "it" judges ("it would be safe *to rescue* the
    children", "... *to rescue* and *to feed* them"); what that infinitive says is true ("it is
    necessary to recognise that they *are* still prosecuted") is not judged."""
    node = tokens[verb]
    while node.dep == "conj" and not _own_subject(tokens, node) and node.head != node.i:
        node = tokens[node.head]
    return node.dep == "xcomp" and _extraposed_evaluation(tokens, tokens[node.head])


def _extraposed_evaluation(tokens: Sequence[Token], head: Token) -> bool:
    """ "it is ADJ to V": the head of the infinitive is an evaluative word predicated by a copula
    whose subject is "it" ("it would be *wise* to evacuate", "it is *time* to withdraw"), or the
    copula itself with such a word."""
    copula = tokens[head.head] if head.dep in ("acomp", "attr") else head
    if copula.lemma != "be":
        return False
    if not any(
        tokens[c].dep in ("nsubj", "expl") and tokens[c].lower == "it" for c in copula.children
    ):
        return False
    words = [head] if head is not copula else [tokens[c] for c in copula.children]
    return any(w.dep in ("acomp", "attr") and w.lemma.lower() in EVALUATIVE_WORDS for w in words)


def _ought(tokens: Sequence[Token], verb: int) -> bool:
    """A clause the verb hangs from says what ought to be done ("should join forces to ensure
    that Trump *coordinates*"); the verb's own "should" is a demand (`modality.mood_of`)."""
    return any(
        tokens[c].dep == "aux" and tokens[c].lower in OBLIGATION_AUX
        for node in _governing_clauses(tokens, verb)
        for c in node.children
    )


def _governing_clauses(tokens: Sequence[Token], verb: int) -> Iterator[Token]:
    """The clauses the verb hangs from, up through clause links; a verb joined by "and" with a
    subject of its own ("it must be done, Macron said") is a clause of its own and stops the
    climb."""
    node = tokens[verb]
    for _ in range(10):
        if node.head == node.i or node.dep not in CLAUSE_LINKS or _own_subject(tokens, node):
            return
        node = tokens[node.head]
        yield node


def _own_subject(tokens: Sequence[Token], node: Token) -> bool:
    return node.dep == "conj" and any(
        tokens[c].dep in ("nsubj", "nsubjpass") for c in node.children
    )


def _unreported_would(tokens: Sequence[Token], verb: int) -> bool:
    """A "would" no speaker reports, on the verb or a clause it hangs from: in a relative or
    adverbial clause, or in the clause of a copula ("the option is that Washington *would
    ask*"), a conditional or hypothetical. In the clause of a verb of saying or thinking, or of
    a noun ("an announcement that it would train"), it is the speaker's future ("said it would
    send troops", an intent: `modality.mood_of`)."""
    for node in (tokens[verb], *_governing_clauses(tokens, verb)):
        if not any(tokens[c].dep == "aux" and tokens[c].lower == WOULD for c in node.children):
            continue
        if node.dep == "conj" and not _own_subject(tokens, node):
            continue  # "would leave and would hand over": the first conjunct's clause decides
        if node.dep in ("ccomp", "parataxis") and node.head != node.i:
            head = tokens[node.head]
            if head.pos == "VERB" and head.lemma != "be":
                continue  # reported
        elif node.dep in ("acl", "ROOT"):
            # "an announcement that it would train an army"; a main clause's "would" is often
            # a future reported in the sentence before ("Turkey would retaliate, he added")
            continue
        return True
    return False


def _hypothetical(token: Token) -> bool:
    return token.dep == "aux" and token.lower in HYPOTHETICAL_AUX


def in_background_clause(tokens: Sequence[Token], verb: int, event_words: set[int]) -> bool:
    """The verb stands in a relative clause, or in a clause below one: "extremists *who have
    fought* with Isis", "the ship *it seized*" describe an actor or a thing, they do not report
    the story's news. A relative clause on a word that itself names an event ("an attack *that
    killed* 17 people") tells that event, and a "relative clause" with neither a relative word
    nor a subject of its own is the tagger's misreading of a main verb."""
    if any(
        node.dep == "relcl" and node.head not in event_words and _relative(tokens, node)
        for node in _up_the_clauses(tokens, verb)
    ):
        return True
    return _formerly(tokens, verb)


def _formerly(tokens: Sequence[Token], verb: int) -> bool:
    """ "It *once* backed the Nusra Front", "the war they *once* fought": done in a former time
    ("at once" is now, and "once" opening a clause is a condition); a participle or infinitive
    without a subject of its own shares its clause's time ("was *once* a refugee, *arriving* in
    the US"). "*At the age of* 15", "*as a child*" tell a life, "*in the past*" and "*at the
    time*" an earlier time, not the story's news."""
    node = tokens[verb]
    for _ in range(4):
        if any(
            (
                tokens[c].dep == "advmod"
                and tokens[c].lower in FORMERLY
                and (c < node.i or node.lemma == "be")  # "attacked once" is one time
                and (c == 0 or tokens[c - 1].lower != "at")
            )
            or _former_time(tokens, tokens[c])
            for c in node.children
        ):
            return True
        if node.head == node.i or node.dep not in ("advcl", "xcomp"):
            return False
        if node.dep == "advcl" and (
            node.tag not in ("VBG", "VBN")
            or any(tokens[c].dep in ("nsubj", "nsubjpass", "mark") for c in node.children)
        ):
            return False
        node = tokens[node.head]
    return False


def _former_time(tokens: Sequence[Token], prep: Token) -> bool:
    """ "at the age of 15", "as a child": a time of someone's life; "at the time", "in the past":
    a time before the story's ("in the past week" and "at the time of writing" are not)."""
    if prep.dep != "prep":
        return False
    objects = [tokens[g] for g in prep.children if tokens[g].dep == "pobj"]
    if prep.lower == "as":
        return any(o.lemma in LIFE_STAGE_NOUNS for o in objects)
    for o in objects:
        words = [tokens[g] for g in o.children]
        if prep.lower == "at" and o.lemma == "age":
            return any(w.lower == "of" for w in words)
        bare = all(w.dep == "det" and w.lower in ("the", "that") for w in words)
        if bare and (prep.lower, o.lower) in FORMER_TIMES:
            return True
    return False


def _relative(tokens: Sequence[Token], clause: Token) -> bool:
    children = [tokens[c] for c in clause.children]
    return any(
        c.tag in RELATIVIZER_TAGS or c.lower == "that" or c.dep in ("nsubj", "nsubjpass")
        for c in children
    )


def in_conditional_clause(tokens: Sequence[Token], verb: int) -> bool:
    """The verb stands in an if/unless/whether clause, or in a clause below one; a complement
    clause that asks ("refused to confirm *whether* she had been killed", "remarks *over whether*
    the US plans to withdraw") too."""
    node = tokens[verb]
    for _ in range(10):
        if node.dep in ("advcl", "ccomp", "pcomp") and any(
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
    """An act named as a danger ("a risk *of attacks*"), the content of an allegation ("charges
    *that it tortured*") or of a wish ("the demand *that Germany prosecute*", "the aim is *to
    give* Afrin back"), within two steps of the noun."""
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
        if node.dep in ("acl", "ccomp") and head.pos == "NOUN" and head.lemma in HYPOTHETICAL_NOUNS:
            return True  # "fears that the offensive *will displace* thousands"
        if node.dep in ("acl", "ccomp", "xcomp") and _desire_noun(head):
            return True  # "the demand *that Germany prosecute*", "a bid *to oust* him"
        if node.dep in ("xcomp", "ccomp", "attr") and _desire_subject(tokens, head):
            return True  # "Turkey's aim is *to give* Afrin back"
        node = head
    return False


def _desire_noun(token: Token) -> bool:
    return token.pos == "NOUN" and token.lemma in DESIRE_NOUNS


def _desire_subject(tokens: Sequence[Token], copula: Token) -> bool:
    return copula.lemma == "be" and any(
        tokens[c].dep == "nsubj" and _desire_noun(tokens[c]) for c in copula.children
    )


def conditional_sentence(tokens: Sequence[Token]) -> bool:
    """An if/unless clause, or a clause opened by "Should X ..." or "Were X to ..."."""
    if tokens and tokens[0].lower in ("should", "were", "had"):
        return True
    return any(t.dep == "mark" and t.lower in CONDITIONAL_MARKS for t in tokens)


def _subject_words(tokens: Sequence[Token], verb: int) -> list[int]:
    """Words hanging on the verb's subject ("*Neither* Ethiopia nor Eritrea signed")."""
    return [
        g
        for c in tokens[verb].children
        if tokens[c].dep in ("nsubj", "nsubjpass")
        for g in (c, *tokens[c].children)
    ]


def refusal_code(tokens: Sequence[Token], match: VerbMatch, moods: MoodTable | None) -> str | None:
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
    # "will not accept refugees *unless* ...": a refusal with its condition is still a refusal
    # (CAMEO 12x); only a refusal that is itself the condition ("if X will not ...") is not
    if in_conditional_clause(tokens, match.verb) or (
        tokens and tokens[0].lower in ("should", "were", "had")
    ):
        return None
    return moods.derive(match.pattern.code, "reject")


# The named ways a verb is not stated, each a function of the tokens and the verb (`blocked`)
UNSTATED: tuple[Callable[[Sequence[Token], int], bool], ...] = (
    _possible,  # "ECOWAS could impose sanctions": a possibility, not an event
    _guessed,  # "the army probably shelled the town"
    _rate,  # "militias abduct five farmers a day"
    _writer_involved,  # "she asked to interview me"
    _nothing_done,  # "offers no clue", "no agreement was reached"
    _predicted,  # "it is likely they will side with Ankara", "too soon to claim it was won"
    _judged,  # "it would be safe to rescue the children"
    _ought,  # "should join forces to ensure that Trump coordinates ..."
    _unreported_would,  # "the option is that Washington would ask the Kurds to withdraw"
)
