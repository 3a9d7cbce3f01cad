"""Matching verb patterns against parsed sentences.

Patterns (data/verbs/*.tsv, see docs/dictionaries.md) are indexed by verb lemma and by the
inflected forms of that lemma, so each token looks up only the patterns that can apply to it.
For every verb (or event noun) the most specific matching pattern wins.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from tocsin.knowledge.dictionaries import Flag, Slot, VerbPattern
from tocsin.knowledge.side_tables import SideTables
from tocsin.records import Sentence, Token

# "acomp": the adjective of "is *skeptical*", "remained *silent*", "turned *violent*"
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "obj", "pobj", "acomp"})
CLAUSE_DEPS = frozenset({"xcomp"})
PARTICLE_DEPS = frozenset({"prt", "prep", "advmod", "agent", "dative"})
# clauses whose mark may be a phrasal verb's particle ("called *for* them to be tried")
MARKED_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "xcomp"})
OBJECT_SCORE = 4  # a pattern whose object matched (docs/dictionaries.md, specificity)
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "nummod", "poss", "npadvmod"})
VERBAL_POS = frozenset({"VERB", "AUX", "ADJ", "NOUN"})  # the tagger mislabels some verbs
NOMINAL_POS = frozenset({"NOUN", "PROPN"})
TIME_ENTITIES = frozenset({"DATE", "TIME"})  # named-entity types of dates and times
MODIFIER_ONLY_DEPS = frozenset({"amod", "compound"})
PARTICIPLE_COMPLEMENTS = frozenset({"dobj", "prep", "advmod", "npadvmod", "xcomp", "prt"})


@dataclass(frozen=True, slots=True)
class VerbMatch:
    """A pattern that fired on a token, with the words that satisfied it."""

    verb: int
    pattern: VerbPattern
    score: int
    words: tuple[int, ...]  # the verb and its particles
    clause: tuple[int, ...]  # the verb and the verbs of its complement clause
    objects: tuple[int, ...]  # object nouns of the clause
    matched_object: int | None
    preps: tuple[int, ...]  # prepositions named by the pattern that are present
    nested_in: int | None = None  # an event noun inside the object of this verb
    object_acts: tuple[str, ...] = ()  # acts the object's nouns name ("a request *for loans*")


def inflections(lemma: str) -> set[str]:
    """Regular inflected forms of an English verb (3rd person, past, -ing)."""
    forms = {lemma}
    vowels = "aeiou"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in vowels:
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if lemma.endswith("e"):
        forms.update(
            {lemma + "d", lemma[:-1] + "ing" if not lemma.endswith("ee") else lemma + "ing"}
        )
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in vowels:
        forms.update({lemma[:-1] + "ied", lemma + "ing"})
    else:
        forms.update({lemma + "ed", lemma + "ing"})
        if len(lemma) >= 3 and lemma[-1] not in vowels + "wxy" and lemma[-2] in vowels:
            forms.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})
    return forms


# Prefixes that make a compound of an irregular verb inflect like it: overrun/overran,
# withdraw/withdrew, retake/retook, foresee/foresaw.
VERB_PREFIXES = ("over", "under", "with", "out", "up", "fore", "for", "re", "mis", "be")


def irregular_forms(lemma: str, irregular_by_lemma: dict[str, set[str]]) -> set[str]:
    """The irregular forms of a verb: its own from the table, or, for a compound of a prefix and
    an irregular verb that the table does not list ("overrun"), the prefix on the base verb's
    irregular forms ("overran")."""
    if lemma in irregular_by_lemma:
        return irregular_by_lemma[lemma]
    for prefix in VERB_PREFIXES:
        base = lemma[len(prefix) :]
        if lemma.startswith(prefix) and base in irregular_by_lemma:
            return {prefix + form for form in irregular_by_lemma[base]}
    return set()


class VerbIndex:
    """All verb patterns, indexed by the word forms that can trigger them."""

    def __init__(self, patterns: Iterable[VerbPattern], tables: SideTables) -> None:
        ordered = sorted(patterns, key=lambda p: not p.user)  # users' patterns first
        overridden = {p.id for p in ordered if p.user}
        self.patterns = [p for p in ordered if p.user or p.id not in overridden]
        self._by_form: dict[str, list[VerbPattern]] = {}
        self._lemmas_of_form: dict[str, set[str]] = {}
        self._nouns: dict[str, list[VerbPattern]] = {}
        self._cues: dict[str, list[tuple[str, ...]]] = {}
        for cue in tables.sentence_cues():
            self._cues.setdefault(cue[0], []).append(cue)
        self._acts_by_object = _acts_by_object(self.patterns)
        self._acts_by_verb = _acts_by_verb(self.patterns)
        irregular_by_lemma: dict[str, set[str]] = {}
        for form, lemma in tables.irregular.items():
            irregular_by_lemma.setdefault(lemma, set()).add(form)
        for pattern in self.patterns:
            for words in pattern.verbs:
                head = words[0]
                if Flag.NOUN in pattern.flags:
                    self._nouns.setdefault(head, []).append(pattern)
                    continue
                for form in inflections(head) | irregular_forms(head, irregular_by_lemma):
                    self._lemmas_of_form.setdefault(form, set()).add(head)
                    bucket = self._by_form.setdefault(form, [])
                    if not any(p is pattern for p in bucket):
                        bucket.append(pattern)

    def __len__(self) -> int:
        return len(self.patterns)

    def _object_acts(self, tokens: Sequence[Token], match: VerbMatch) -> tuple[str, ...]:
        """Acts named by the nouns below an appeal's, demand's or refusal's object: "rejected
        a request *for loans*" names economic aid (071)."""
        acts = []
        for o in _below(tokens, list(match.objects))[len(match.objects) :]:
            if tokens[o].dep == "acl" and tokens[o].tag == "VBN":
                continue  # "dismissed the petitions *filed* by ...": who made it, not the act
            if tokens[o].dep == "pobj" and tokens[tokens[o].head].lower in ADDRESSEE_PREPS:
                continue  # "issued a directive *to the police*": whom it is for, not the act
            by_verb = self._acts_by_verb if tokens[o].pos == "VERB" else {}
            code = by_verb.get(tokens[o].lemma) or self._acts_by_object.get(tokens[o].lemma)
            if code is not None:
                acts.append(code)
        return tuple(acts)

    def _nonpolitical(self, tokens: Sequence[Token]) -> bool:
        words = [t.lower for t in tokens]
        for k, word in enumerate(words):
            for cue in self._cues.get(word, ()):
                if tuple(words[k : k + len(cue)]) == cue:
                    return True
        return False

    def match(self, sentence: Sentence) -> list[VerbMatch]:
        """The best pattern for every token that one matches, in sentence order. A sentence about
        sport ("beat France on penalties") matches nothing."""
        tokens = sentence.tokens
        if self._nonpolitical(tokens):
            return []
        matches: list[VerbMatch] = []
        for tok in tokens:
            if tok.dep in MODIFIER_ONLY_DEPS:
                continue  # "the occupied West Bank", "coup leaders": a modifier, not an event
            best: VerbMatch | None = None
            candidates = self._candidates(tok)
            if not candidates:
                continue
            heads = {tok.lemma, tok.lower, *self._lemmas_of_form.get(tok.lower, ())}
            for pattern in candidates:
                found = _try_pattern(tokens, tok, pattern, heads)
                if found is not None and (best is None or found.score > best.score):
                    best = found
            if best is not None and best.pattern.code != "discard":
                if best.pattern.code[:2] in ACT_FAMILIES:
                    best = replace(best, object_acts=self._object_acts(tokens, best))
                matches.append(best)
        return _mark_nested_nouns(tokens, matches)

    def _candidates(self, tok: Token) -> list[VerbPattern]:
        if tok.pos in NOMINAL_POS and tok.ent_type in TIME_ENTITIES:
            return []  # "on *March* 3", "the *Fall* session": a date names no event
        if tok.pos in NOMINAL_POS:
            nouns = self._nouns.get(tok.lemma) or self._nouns.get(tok.lower)
            if nouns:
                return nouns
            if tok.dep != "ROOT":  # a noun is a verb only where the tagger missed the main verb
                return []
        if tok.pos not in VERBAL_POS:
            return []
        found = self._by_form.get(tok.lemma, [])
        extra = self._by_form.get(tok.lower) if tok.lower != tok.lemma else None
        if not extra or extra is found:
            return found
        seen = {id(p) for p in found}
        return [*found, *(p for p in extra if id(p) not in seen)]


ACT_FAMILIES = frozenset({"02", "03", "10", "12"})
# prepositions below an act's object that name whom it is for, by or from, not an act
ADDRESSEE_PREPS = frozenset({"to", "by", "from"})
ACT_ROOTS = frozenset({"04", "05", "06", "07", "08"})


def _acts_by_object(patterns: Sequence[VerbPattern]) -> dict[str, str]:
    """For each object noun of a cooperative act's patterns ("loan" in "grant a loan"), the act
    it most often names (the longer, more specific code on a tie)."""
    counts: dict[str, Counter[str]] = {}
    for p in patterns:
        if p.code[:2] in ACT_ROOTS and Flag.NOUN not in p.flags:
            for word in p.objects:
                counts.setdefault(word, Counter())[p.code] += 1
    return {word: max(codes, key=lambda c: (codes[c], len(c))) for word, codes in counts.items()}


def _acts_by_verb(patterns: Sequence[VerbPattern]) -> dict[str, str]:
    """For each verb that names a cooperative act by itself ("mediate", "extradite"), that act:
    "rejected Turkey's offer *to mediate*" refuses mediation."""
    counts: dict[str, Counter[str]] = {}
    for p in patterns:
        if p.code[:2] in ACT_ROOTS and not p.objects and not p.flags & {Flag.NOUN, Flag.GOVERNS}:
            for words in p.verbs:
                if len(words) == 1:
                    counts.setdefault(words[0], Counter())[p.code] += 1
    return {word: max(codes, key=lambda c: (codes[c], len(c))) for word, codes in counts.items()}


def _below(tokens: Sequence[Token], roots: list[int]) -> list[int]:
    """Nouns down to two prepositions below `roots` ("a request for loans", "an offer of talks")."""
    out: list[int] = []
    level = roots
    for _ in range(3):
        out.extend(level)
        level = [
            g
            for o in level
            for p in tokens[o].children
            if tokens[p].dep in ("prep", "acl")
            for g in tokens[p].children
            if tokens[g].dep in ("pobj", "pcomp", "dobj")
        ] + [c for o in level for c in tokens[o].children if tokens[c].dep in ("acl", "xcomp")]
    return out


def _mark_nested_nouns(tokens: Sequence[Token], matches: list[VerbMatch]) -> list[VerbMatch]:
    """An event noun that is the object of another event's verb is part of that event:
    "condemned the coup" is a criticism, not a coup; "rejected an offer *of dialogue*" is a
    refusal to talk. Such nouns, down to two prepositions below the object, are kept, marked
    with the verb they belong to, and code nothing by themselves."""
    owner: dict[int, int] = {}
    for m in matches:
        if Flag.NOUN in m.pattern.flags or Flag.STATEMENT in m.pattern.flags:
            continue
        subjects = [c for c in tokens[m.verb].children if tokens[c].dep in ("nsubj", "nsubjpass")]
        level = [*m.objects, *subjects]  # "thousands of *protesters* rallied": one protest
        for _ in range(3):
            for o in level:
                owner.setdefault(o, m.verb)
            level = [
                g
                for o in level
                for p in tokens[o].children
                if tokens[p].dep == "prep"
                for g in tokens[p].children
                if tokens[g].dep in ("pobj", "pcomp")
            ]
    nouns = {m.verb for m in matches if Flag.NOUN in m.pattern.flags}
    for m in matches:  # "a suspension *of aid*": the inner noun is what is suspended
        if m.verb in nouns:
            for p in tokens[m.verb].children:
                if tokens[p].dep == "prep" and tokens[p].lower == "of":
                    for g in tokens[p].children:
                        if tokens[g].dep == "pobj" and g in nouns:
                            owner.setdefault(g, m.verb)
    return [
        replace(m, nested_in=owner[m.verb])
        if Flag.NOUN in m.pattern.flags and m.verb in owner and owner[m.verb] != m.verb
        else m
        for m in matches
    ]


def clause_verbs(tokens: Sequence[Token], verb: int) -> list[int]:
    """The verb and, recursively, the verbs of its open complement ("threatened to impose")."""
    out = [verb]
    k = 0
    while k < len(out):
        for c in tokens[out[k]].children:
            if tokens[c].dep in CLAUSE_DEPS or _for_to_clause(tokens, tokens[c]):
                out.append(c)
        k += 1
    return out


def _for_to_clause(tokens: Sequence[Token], clause: Token) -> bool:
    """ "called for the generals *to be tried*", "pushed for Mali *to hold* elections": a "for
    ... to" clause is the verb's complement, however the tagger attached it."""
    if clause.dep not in MARKED_CLAUSE_DEPS or clause.pos != "VERB":
        return False
    marks = {tokens[c].lower for c in clause.children if tokens[c].dep == "mark"}
    infinitive = any(tokens[c].lower == "to" for c in clause.children if tokens[c].dep == "aux")
    return "for" in marks and infinitive


def object_nouns(tokens: Sequence[Token], clause: Sequence[int]) -> list[int]:
    """Objects of the clause verbs, objects of their prepositions, and their conjuncts."""
    out: list[int] = []
    for v in clause:
        for c in tokens[v].children:
            child = tokens[c]
            if child.dep in OBJECT_DEPS:
                out.append(c)
            elif child.dep in ("prep", "agent"):  # "accused X *of shelling*", "called *for talks*"
                out.extend(g for g in child.children if tokens[g].dep in ("pobj", "pcomp"))
            elif child.dep == "nsubjpass" and v == clause[0]:
                out.append(c)
            elif v == clause[0] and _small_clause(child):
                out.append(c)  # "found [the company *guilty*]"
            elif v == clause[0]:
                out.extend(participle_subjects(tokens, child))
    k = 0
    while k < len(out):
        out.extend(c for c in tokens[out[k]].children if tokens[c].dep == "conj" and c not in out)
        k += 1
    # "25,000 tons *of food aid*", "$50 million *in aid*", "thousands *of troops*"
    out.extend(
        g
        for o in list(out)
        if tokens[o].pos in ("NOUN", "NUM")
        for p in tokens[o].children
        if tokens[p].dep == "prep" and tokens[p].lower in ("of", "in")
        for g in tokens[p].children
        if tokens[g].dep == "pobj" and g not in out
    )
    return out


def _small_clause(token: Token) -> bool:
    """A verbless complement with its own subject: "found [the company guilty]"."""
    return token.dep == "ccomp" and token.pos in ("ADJ", "NOUN")


def participle_subjects(tokens: Sequence[Token], clause: Token) -> list[int]:
    """The "subject" of a bare participle the tagger reads as a complement clause, who is the
    verb's object ("will not accept [*refugees* fleeing the war]", "detained [*men* carrying
    arms]"). A clause with its own "that" or auxiliary is a real complement, and a participle
    with nothing after it is a noun ("allowed [a Koran burning]")."""
    if clause.dep != "ccomp" or clause.tag != "VBG":
        return []
    children = [tokens[c] for c in clause.children]
    if any(c.dep in ("mark", "aux", "auxpass") for c in children):
        return []
    if not any(c.dep in PARTICIPLE_COMPLEMENTS for c in children):
        return []
    return [c.i for c in children if c.dep == "nsubj" and c.pos in NOMINAL_POS]


def small_clause_subjects(tokens: Sequence[Token], verb: int) -> list[int]:
    """The subjects of a verb's small clause, who are its object: "found [*the company*
    guilty]", "declared [*the envoy* persona non grata]", "accepted [*refugees* fleeing]"."""
    return [
        g
        for c in tokens[verb].children
        if _small_clause(tokens[c])
        for g in tokens[c].children
        if tokens[g].dep == "nsubj"
    ] + [g for c in tokens[verb].children for g in participle_subjects(tokens, tokens[c])]


def is_passive(tokens: Sequence[Token], verb: int) -> bool:
    return any(tokens[c].dep in ("nsubjpass", "auxpass") for c in tokens[verb].children)


def _try_pattern(
    tokens: Sequence[Token], tok: Token, pattern: VerbPattern, heads: set[str]
) -> VerbMatch | None:
    nominal = Flag.NOUN in pattern.flags
    words = _verb_words(tokens, tok, pattern, heads)
    if words is None:
        return None
    if Flag.PASSIVE_ONLY in pattern.flags and not is_passive(tokens, tok.i):
        return None
    if Flag.ACTIVE_ONLY in pattern.flags and is_passive(tokens, tok.i):
        return None
    if Flag.TRANSITIVE in pattern.flags and not (
        is_passive(tokens, tok.i) or any(tokens[c].dep in ("dobj", "obj") for c in tok.children)
    ):
        return None  # "returned the artworks", not "he would return soon"
    clause = [tok.i] if nominal else clause_verbs(tokens, tok.i)
    objects = object_nouns(tokens, clause)
    score = 1 + (len(words) - 1)
    matched_object = None
    if pattern.objects:
        # the object may also be the verb of the complement: "threatened *to invade*"
        matched_object = next(
            (
                o
                for o in (*objects, *clause[1:])
                if not pattern.objects.isdisjoint(noun_forms(tokens[o]))
            ),
            None,
        )
        if matched_object is None:
            return None
        if (
            Flag.GOVERNS not in pattern.flags
            and len(clause) > 1
            and matched_object not in object_nouns(tokens, [tok.i])
            and matched_object not in clause[1:]
        ):
            return None  # "agreed to lift tariffs": the cue is the complement verb's object
        score += OBJECT_SCORE
    if pattern.modifiers:
        carriers = [matched_object] if matched_object is not None else [tok.i, *objects]
        if not any(_has_modifier(tokens, o, pattern.modifiers) for o in carriers):
            return None
        score += 2
    preps = _preps(tokens, [*clause, *objects], pattern.preps)
    if pattern.preps:
        if preps:
            score += 1
        elif pattern.targets == (Slot.PREP,) and not pattern.flags & {Flag.RECIPROCAL, Flag.NOUN}:
            return None  # a reciprocal event may have joined subjects instead ("X and Y met")
    if Flag.GOVERNS in pattern.flags and len(clause) > 1:
        score += 1  # "agreed to withdraw": the verb that governs a complement it really has
    if Flag.STATEMENT in pattern.flags:
        # a speech verb is the weakest reading of its verb, unless its object names the
        # message: "released *a statement*" is no release of prisoners
        score = OBJECT_SCORE if matched_object is not None else 0
    return VerbMatch(
        verb=tok.i,
        pattern=pattern,
        score=score,
        words=words,
        clause=tuple(clause),
        objects=tuple(objects),
        matched_object=matched_object,
        preps=tuple(preps),
    )


def noun_forms(token: Token) -> set[str]:
    """The lemma, the word, and a common noun's word without a plural ending: the tagger's lemma
    is sometimes another noun ("bases" -> "basis")."""
    lower = token.lower
    forms = {token.lemma, lower}
    if token.pos == "NOUN" and lower.endswith("s") and len(lower) > 3:
        forms.add(lower[:-1])
    return forms


def _verb_words(
    tokens: Sequence[Token], tok: Token, pattern: VerbPattern, heads: set[str]
) -> tuple[int, ...] | None:
    """The longest verb alternative the token satisfies, as token indices (verb + particles)."""
    best: tuple[int, ...] | None = None
    for words in pattern.verbs:
        if words[0] not in heads:
            continue
        found = [tok.i]
        if Flag.NOUN not in pattern.flags:
            for particle in words[1:]:
                hit = next(
                    (
                        c
                        for c in tok.children
                        if tokens[c].lower == particle
                        and (
                            tokens[c].dep == "prt"
                            or (tokens[c].dep in PARTICLE_DEPS and 0 < c - tok.i <= 2)
                            or (tokens[c].dep == "prep" and _after_object(tokens, tok, c))
                        )
                    ),
                    None,
                )  # a preposition counts as a particle only next to its verb ("call on") or
                # right after its object ("forced the agency *out* of the country")
                if hit is None:
                    hit = _clause_mark(tokens, tok, particle)
                if hit is None:
                    hit = _adjective_complement(tokens, tok, particle)
                if hit is None:
                    break
                found.append(hit)
            if len(found) < len(words):
                continue
        if best is None or len(found) > len(best):
            best = tuple(found)
    if best is not None and Flag.NOUN not in pattern.flags:
        particles = [c for c in tok.children if tokens[c].dep == "prt"]
        if any(p not in best for p in particles):
            return None  # "called *off* a strike" is not "called a strike"
    return best


def _clause_mark(tokens: Sequence[Token], verb: Token, particle: str) -> int | None:
    """ "called *for* the generals to be tried": the tagger hangs the preposition on the clause
    that follows as its mark; right after the verb it is still the verb's particle."""
    for c in verb.children:
        if tokens[c].dep not in MARKED_CLAUSE_DEPS:
            continue
        for g in tokens[c].children:
            if tokens[g].dep == "mark" and tokens[g].lower == particle and g == verb.i + 1:
                return g
    return None


ADJECTIVE_COMPLEMENT_DEPS = frozenset({"acomp", "oprd", "ccomp", "xcomp"})


def _adjective_complement(tokens: Sequence[Token], verb: Token, word: str) -> int | None:
    """The adjective of a verb-adjective phrase ("make *available*"): the verb's adjective
    complement ("made the camps *available*"), or, right after the verb, the adjective the
    tagger hangs on the object that follows ("made *available* ten ambulances")."""
    for c in verb.children:
        child = tokens[c]
        if child.lower != word or child.pos != "ADJ":
            continue
        if child.dep in ADJECTIVE_COMPLEMENT_DEPS:
            return c
    for c in verb.children:
        if tokens[c].dep not in ("dobj", "obj"):
            continue
        for g in tokens[c].children:
            if tokens[g].lower == word and tokens[g].dep == "amod" and g == verb.i + 1:
                return g
    return None


def _after_object(tokens: Sequence[Token], verb: Token, word: int) -> bool:
    """The word comes right after the verb's direct object phrase (punctuation aside)."""
    for c in verb.children:
        if tokens[c].dep in ("dobj", "obj") and c < word:
            end = c
            level = [c]
            while level:
                end = max(end, *level)
                level = [g for k in level for g in tokens[k].children]
            between = range(end + 1, word)
            return all(tokens[k].pos == "PUNCT" for k in between)
    return False


ABOUT_PREPS = frozenset({"on", "into", "over", "about", "of", "against"})


def _has_modifier(tokens: Sequence[Token], noun: int, modifiers: frozenset[str]) -> bool:
    """The noun is modified by one of the words, or names what it is about in a phrase of its
    own: "*military* cooperation", "restrictions *on newspapers*", "an inquiry *into abuses*"."""
    about = [
        g
        for p in tokens[noun].children
        if tokens[p].dep == "prep" and tokens[p].lower in ABOUT_PREPS
        for g in tokens[p].children
        if tokens[g].dep == "pobj"
    ]
    for word in (noun, *about):
        for c in tokens[word].children:
            child = tokens[c]
            if child.dep in MODIFIER_DEPS and (
                child.lemma in modifiers or child.lower in modifiers
            ):
                return True
    return tokens[noun].lower in modifiers or any(
        tokens[g].lemma in modifiers or tokens[g].lower in modifiers for g in about
    )


def _preps(tokens: Sequence[Token], heads: Sequence[int], wanted: frozenset[str]) -> list[int]:
    if not wanted:
        return []
    return [
        c
        for h in heads
        for c in tokens[h].children
        if tokens[c].dep in ("prep", "dative", "agent") and tokens[c].lower in wanted
    ]
