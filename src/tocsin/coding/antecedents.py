"""What a pronoun can stand for: the referents of a story and the order a reader tries them in.

A referent is a noun phrase a later pronoun may take up: a named actor, a role noun placed in a
country, a person or group no dictionary knows (`actor` None), or an earlier pronoun with what
it stood for. A pronoun agrees with its referent in person and number ("he" a person, "it" a
thing, "they" a group or several); it takes the first agreeing referent, in this order (a
simplified Hobbs search with the centering preference for subjects):

1. a later subject the pronoun's fronted clause leads to ("before *he* spoke, *Trump* ...");
2. the owner of a noun of speech whose clause the pronoun opens ("a *US* announcement that *it*
   would ...");
3. earlier phrases of its own sentence: for a subject (or an owner in one), the main clause's
   subject, the subjects of the clauses that hold the pronoun (nearest first), other subjects
   (the highest clause's first), then the other phrases, nearest first; for an object or an
   owner in one, the other phrases first ("arrested five suspects, and a court remanded *them*",
   "praised Moldova for *its* reforms"); never
   the subject of its own clause unless the pronoun is a possessive or reflexive ("Turkey said it
   would close its border": "its" is Turkey; in "Assad met him", "him" is not Assad);
4. the sentences before, most recent first: each sentence's subjects (the main clause's first,
   a phrase before its owner), then its other phrases, nearest first.

Phrases inside a quotation are passed over by a pronoun outside it, and the members of a list
("Britain, France and Germany") by a singular pronoun. When the first agreeing referent is one no
dictionary knows ("*De Mistura* said *he* ...", "*the two* refused ...; *they* ..."), the pronoun
stands for it and resolves to no actor, rather than to a known actor further back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from tocsin.coding.actors import BODY_TITLES
from tocsin.records import ActorMention, Sentence, Token


class Agreement(Enum):
    """What a pronoun can stand for."""

    PERSON = "person"  # he, she, his: one person
    THING = "thing"  # it, its: a country, an organisation, a body
    GROUP = "group"  # they, their: several, or a body


PRONOUNS = {
    **dict.fromkeys(("he", "she", "him", "her", "his", "hers"), Agreement.PERSON),
    **dict.fromkeys(("himself", "herself"), Agreement.PERSON),
    **dict.fromkeys(("it", "its", "itself"), Agreement.THING),
    **dict.fromkeys(("they", "them", "their", "theirs", "themselves"), Agreement.GROUP),
}
REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves"})
# Nouns that name a body of people, never one person: "the army" is "it" or "they", not "he".
BODY_NOUNS = frozenset(
    {"army", "military", "government", "ministry", "police", "force", "forces", "regime"}
    | {"administration", "parliament", "council", "party", "court", "opposition", "cabinet"}
    | {"presidency", "authority", "authorities", "navy", "coalition", "group", "movement"}
    | {"organisation", "organization", "agency", "service", "embassy", "legislature"}
    | {"congress", "senate", "assembly", "junta", "union", "guard", "militia", "state"}
    | {"country", "nation", "office", "department", "committee", "commission", "alliance"}
    | {"front", "bloc", "command", "team", "unit", "body", "federation", "league"}
    | {"association", "company", "firm", "bank", "media", "press", "network", "mission"}
    | {"delegation", "leadership", "establishment", "board", "tribunal", "branch", "wing"}
    | {"brigade", "battalion", "division", "corps", "troops", "faction", "camp"}
)
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "pcomp"})
# Nouns whose clause says what their owner said or wants ("a US *announcement* that it would").
SPEECH_NOUNS = frozenset(
    {"announcement", "statement", "pledge", "promise", "claim", "warning", "threat"}
    | {"decision", "assurance", "insistence", "demand", "vow", "declaration", "suggestion"}
    | {"proposal", "offer", "plan", "commitment", "admission", "denial"}
)
TIME_CONJUNCTIONS = frozenset({"before", "after", "when", "while", "as", "once", "until", "if"})


@dataclass(frozen=True, slots=True)
class Referent:
    """A phrase of the story a later pronoun may stand for."""

    sentence: int
    head: int
    actor: ActorMention | None  # None: someone or something no dictionary names
    person: bool
    plural: bool
    subject: bool
    quoted: bool
    listed: bool
    clause: int  # the verb of the clause the phrase belongs to
    modifier: bool = False  # an adjective or name modifying another noun ("a *US* plan")
    role: bool = False  # a role noun placed by the story ("the president", "rebels")
    owner: bool = False  # the owner of another phrase ("*Turkey's* president")
    depth: int = 1  # how many clauses hold it (1: the main clause)
    noun: str = ""  # the lemma of its head word ("militant")
    pronoun: bool = False  # an earlier pronoun, with what it stood for
    name: str = ""  # a person no dictionary knows: the word the story may title later


def agrees(agreement: Agreement, referent: Referent) -> bool:
    """A pronoun agrees with a referent in person and number."""
    if agreement is Agreement.PERSON:
        return referent.person and not referent.plural and not referent.listed
    if agreement is Agreement.THING:
        return not referent.person and not referent.plural and not referent.listed
    return referent.plural or (not referent.person and referent.actor is not None)


def clause_of(tokens: Sequence[Token], i: int) -> int:
    """The verb (or root) of the clause a word belongs to."""
    tok = tokens[i]
    for _ in range(len(tokens)):
        if tok.head == tok.i:
            return tok.i
        parent = tokens[tok.head]
        if parent.pos in ("VERB", "AUX") and tok.dep not in ("conj",):
            return parent.i
        if tok.dep in CLAUSE_DEPS and tok.pos in ("VERB", "AUX"):
            return tok.i
        tok = parent
    return i


def bound(tokens: Sequence[Token], i: int) -> tuple[set[int], set[int]]:
    """What a pronoun at i cannot stand for (binding): the subject of its own clause, given as
    that clause's verb, or, for a clause with no subject of its own, whoever does its act:
    the object of an object-control verb ("urged *Mali* to let *them* go"), else the subject
    of the clause above ("..., accusing *it* of", "threatened to shell *them*"). Returns the
    clauses whose subjects are bound and the bound objects."""
    clause = clause_of(tokens, i)
    objects: set[int] = set()
    for _ in range(4):
        verb = tokens[clause]
        has_subject = any(tokens[c].dep in ("nsubj", "nsubjpass") for c in verb.children)
        # a participle, an infinitive, or a verb joined to one whose subject it shares
        controlled = (verb.tag == "VBG" and verb.dep in ("advcl", "pcomp")) or (
            verb.dep in ("xcomp", "conj")
        )
        if has_subject or verb.head == verb.i or not controlled:
            return {clause}, objects
        parent = _parent_clause(tokens, verb.i)
        controllers = _objects(tokens, parent) if verb.dep == "xcomp" else []
        if controllers:
            return set(), objects | set(controllers)
        clause = parent
    return {clause}, objects


def _objects(tokens: Sequence[Token], verb: int) -> list[int]:
    """The object a verb's infinitive clause is done by ("urged *Mali* to", "appealed *to the
    government* to")."""
    out = []
    for c in tokens[verb].children:
        if tokens[c].dep in ("dobj", "dative"):
            out.append(c)
        elif tokens[c].dep == "prep" and tokens[c].lower in ("to", "on", "upon"):
            out.extend(g for g in tokens[c].children if tokens[g].dep == "pobj")
    return [o for o in out if tokens[o].ent_type not in ("DATE", "TIME")]


def _parent_clause(tokens: Sequence[Token], verb: int) -> int:
    parent = tokens[tokens[verb].head]
    return parent.i if parent.pos in ("VERB", "AUX") else clause_of(tokens, parent.i)


def clause_ancestors(tokens: Sequence[Token], i: int) -> list[int]:
    """The clauses that hold word i, its own first."""
    out = [clause_of(tokens, i)]
    for _ in range(len(tokens)):
        verb = tokens[out[-1]]
        if verb.head == verb.i:
            break
        parent = _parent_clause(tokens, verb.i)
        if parent in out:
            break
        out.append(parent)
    return out


def quoted(sentence: Sentence, head: int) -> bool:
    """The word stands inside quotation marks: an opening mark before it is not yet closed, or
    a closing mark after it was opened in an earlier sentence ("It is a troubled place," he
    said)."""
    depth = 0
    straight = 0
    for t in sentence.tokens[:head]:
        if t.text in ("“", "``"):
            depth += 1
        elif t.text in ("”", "''"):
            depth = max(0, depth - 1)
        elif t.text == '"':
            straight += 1
    if depth > 0 or straight % 2 == 1:
        return True
    for t in sentence.tokens[head + 1 :]:
        if t.text in ("“", "``"):
            return False
        if t.text in ("”", "''"):
            return True
    return False


def possessive(tokens: Sequence[Token], i: int) -> bool:
    """An owner: "*Turkey's* president", also where the parser hangs it as a modifier with its
    "'s" below it."""
    tok = tokens[i]
    return tok.dep == "poss" or any(tokens[c].dep == "case" for c in tok.children)


def listed(tokens: Sequence[Token], head: int) -> bool:
    """A member of a list joined by "and"/"or" ("Britain, *France* and Germany")."""
    tok = tokens[head]
    return tok.dep == "conj" or any(tokens[c].dep == "conj" for c in tok.children)


def is_person_phrase(tokens: Sequence[Token], head: int, actor: ActorMention | None) -> bool:
    """The phrase at `head` names one person: a named person, or a role noun that is not a
    body ("the president", not "the army" or "US military commitment")."""
    tok = tokens[head]
    if tok.lower in BODY_NOUNS or tok.lemma.lower() in BODY_NOUNS:
        return False
    if tok.tag in ("NNS", "NNPS"):
        return False
    if actor is None:
        return tok.ent_type == "PERSON"
    if tok.lower in BODY_TITLES and tok.pos == "NOUN":
        return True  # "the ECOWAS *chairman*": the title of a person of the organisation
    if actor.kind in ("person", "title"):
        return actor.head == head or tok.ent_type == "PERSON"
    if actor.kind not in ("composed", "context", "home", "unknown"):
        return False  # a country, an organisation
    if tok.ent_type == "PERSON":
        return True  # "German journalist *Mesale Tolu*"
    return actor.head == head and tok.pos == "NOUN"


def is_plural_phrase(tokens: Sequence[Token], head: int) -> bool:
    """A plural common noun ("rebels", "the two"); a plural proper name ("the United States",
    "the Syrian Democratic Forces") is one body."""
    tok = tokens[head]
    return tok.tag == "NNS" or tok.pos == "NUM" or tok.lower in ("both", "others")


def ordered(
    referents: Iterable[Referent], sentence: Sentence, head: int, reach: int, recent: bool = False
) -> list[Referent]:
    """The referents a pronoun at `head` may stand for, in the order a reader tries them. A
    definite description ("the country") takes the most `recent` one instead of a subject."""
    tokens = sentence.tokens
    pronoun = tokens[head]
    own_clauses, own_objects = bound(tokens, head)
    ancestors = clause_ancestors(tokens, head)
    binds = pronoun.dep != "poss" and pronoun.lower not in REFLEXIVES
    inside_quote = quoted(sentence, head)
    same: list[Referent] = []
    earlier: dict[int, list[Referent]] = {}
    for r in referents:
        if r.quoted and not inside_quote and r.sentence != sentence.index:
            continue
        if r.sentence == sentence.index:
            if r.head == head or (r.quoted and not inside_quote):
                continue
            same.append(r)
        elif 0 < sentence.index - r.sentence <= reach:
            earlier.setdefault(r.sentence, []).append(r)
    if recent:
        bound_out = [r for r in same if r.head < head and not r.modifier]
        bound_out = [r for r in bound_out if not (r.subject and r.clause in own_clauses)]
        out = sorted(bound_out, key=lambda r: -r.head)
        for index in sorted(earlier, reverse=True):
            out += sorted((r for r in earlier[index] if not r.modifier), key=lambda r: -r.head)
        return out
    out = _cataphora(tokens, head, same)
    out += _speech_owner(tokens, head, same)
    before = [
        r
        for r in same
        if r.head < head
        and not r.modifier
        and not (binds and ((r.subject and r.clause in own_clauses) or r.head in own_objects))
        and not _contains(tokens, r.head, head)
    ]
    # the main clause's subject, then the subjects of the other clauses that hold the pronoun,
    # nearest clause first; then other subjects and phrases, nearest first
    root = next(t.i for t in tokens if t.head == t.i)
    rank = {clause: k for k, clause in enumerate(dict.fromkeys([root, *ancestors]))}
    subjects = sorted(
        (r for r in before if r.subject and r.clause in rank),
        key=lambda r: (rank[r.clause], r.owner),
    )
    subjects += sorted(
        (r for r in before if r.subject and r.clause not in rank),
        key=lambda r: (_depth(tokens, r.head), r.owner, r.head),
    )
    others = sorted((r for r in before if not r.subject), key=lambda r: -r.head)
    # a subject takes up a subject; an object or an owner inside one an object first
    # ("arrested five suspects, and a court remanded *them*")
    out += subjects + others if _subject_like(tokens, head) else others + subjects
    for index in sorted(earlier, reverse=True):
        group = [r for r in earlier[index] if not r.modifier]
        out += sorted((r for r in group if r.subject), key=lambda r: (r.depth, r.owner, r.head))
        out += sorted((r for r in group if not r.subject), key=lambda r: -r.head)
    return out


def _subject_like(tokens: Sequence[Token], head: int) -> bool:
    """The pronoun is a subject, or the owner in a subject ("*his* supporters attacked")."""
    tok = tokens[head]
    if tok.dep == "poss":
        tok = tokens[tok.head]
    return tok.dep in ("nsubj", "nsubjpass", "expl")


def _depth(tokens: Sequence[Token], i: int) -> int:
    """How many clauses hold word i: the main clause's subject is 1, a subject of a clause
    below it more."""
    return len(clause_ancestors(tokens, i))


def _contains(tokens: Sequence[Token], phrase: int, i: int) -> bool:
    """Word i lies inside the phrase headed by `phrase` ("*his* supporters": not his own
    antecedent)."""
    tok = tokens[i]
    for _ in range(len(tokens)):
        if tok.i == phrase:
            return True
        if tok.head == tok.i or tok.dep not in ("poss", "compound", "amod", "nmod", "det"):
            return False
        tok = tokens[tok.head]
    return False


def _cataphora(tokens: Sequence[Token], head: int, same: Sequence[Referent]) -> list[Referent]:
    """A pronoun in a fronted time or condition clause takes the main clause's subject that
    follows: "before *he* shoots off his mouth again, *Trump* ..."."""
    clause = tokens[clause_of(tokens, head)]
    if clause.dep != "advcl" or tokens[head].dep not in ("nsubj", "nsubjpass"):
        return []
    if not any(tokens[c].lower in TIME_CONJUNCTIONS for c in clause.children):
        return []
    main = clause.head
    return [r for r in same if r.subject and r.clause == main and r.head > head]


def _speech_owner(tokens: Sequence[Token], head: int, same: Sequence[Referent]) -> list[Referent]:
    """The subject of a clause that says what a noun of speech says is that noun's owner:
    "a *US* announcement that *it* would train an army", "*Turkey's* demand that *it* ..."."""
    if tokens[head].dep not in ("nsubj", "nsubjpass"):
        return []
    verb = tokens[tokens[head].head]
    noun = tokens[verb.head]
    if verb.dep not in ("acl", "ccomp") or noun.lemma.lower() not in SPEECH_NOUNS:
        return []
    return [
        r
        for r in same
        if r.head < head and tokens[r.head].head == noun.i and tokens[r.head].dep in _OWNER_DEPS
    ]


_OWNER_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
