"""Story context: what "it", "he", "the ministry" or "the country" refer to.

One `StoryContext` lives for one story and is passed explicitly through the coder (never global).
It remembers the actors named so far and the referents of each sentence, and resolves pronouns
to the referent they agree with (`antecedents`: person and number, subjects first, never the
subject of their own clause, nothing inside a quotation) and bare role nouns to the country the
story gives them, the way a reader does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from tocsin.coding.actors import (
    BODY_TITLES,
    group_head,
    is_proper_name,
    members_role,
    phrase_tokens,
    resolve_phrase,
    speaking_role,
    subtree,
)
from tocsin.coding.antecedents import (
    BODY_NOUNS,
    PRONOUNS,
    Agreement,
    Referent,
    agrees,
    clause_ancestors,
    clause_of,
    is_person_phrase,
    is_plural_phrase,
    listed,
    ordered,
    possessive,
)
from tocsin.coding.antecedents import quoted as _quoted
from tocsin.coding.home import NO_HOME, Home
from tocsin.records import UNKNOWN_COUNTRY, ActorMention, Sentence, Token

# Words inside a noun phrase: the phrase's head is what a pronoun may take up.
PHRASE_INTERNAL_DEPS = frozenset({"compound", "amod", "poss", "nmod", "nummod", "flat"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
COUNTRY_NOUNS = frozenset({"country", "nation", "state"})
DEFINITE_WORDS = frozenset({"the", "his", "her", "its", "their"})
# Who speaks for a body their "for" or "of" phrase names ("a spokesman for the ministry").
SPEAKER_NOUNS = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "representative"}
)
# Roles that the story's or sentence's country does not place: militants, criminals, radicals.
UNPLACED_ROLES = frozenset({"INS", "REB", "RAD", "UAF", "CRM", "SEP", "SPY"})
# How many earlier sentences a pronoun may reach back; a definite description a little further.
PRONOUN_REACH = 2
DESCRIPTION_REACH = 3
# Heads of a definite description that take up a named organisation ("the group said").
GROUP_NOUNS = frozenset({"group", "organisation", "organization", "movement", "outfit"})


@dataclass(slots=True)
class StoryContext:
    """Actors seen so far in one story, most recent last."""

    seen: list[tuple[int, ActorMention]] = field(default_factory=list)
    names: dict[str, ActorMention] = field(default_factory=dict)
    targets: list[tuple[int, ActorMention]] = field(default_factory=list)
    referents: list[Referent] = field(default_factory=list)
    home: Home = NO_HOME

    def remember(self, sentence: Sentence, actor: ActorMention) -> None:
        """An actor resolved from a whole phrase ("Afghan rebel leaders" -> AFGREB), so that a
        later "the army" or "the country" looking back takes the phrase's code, not one of its
        words' (pronouns resolve through `referents`)."""
        if actor.kind in ("composed", "context") and all(m is not actor for _, m in self.seen):
            self.seen.append((sentence.index, actor))

    def learn_name(self, sentence: Sentence, head: int, actor: ActorMention) -> None:
        """A person named with a title resolved to an actor ("Italian President Sergio
        Mattarella" -> ITAGOV; "Nasr al-Hariri, the opposition's negotiator" in apposition):
        later mentions of the surname ("Mattarella", "Hariri") mean the same."""
        tokens = sentence.tokens
        while tokens[head].dep == "appos" and tokens[head].head != head:
            head = tokens[head].head  # "Nasr al-Hariri, chief negotiator for the SNC": his
        name = [t for t in tokens if t.ent_type == "PERSON" and _near(tokens, head, t.i)]
        if name and actor.kind in ("composed", "person", "title"):
            self.names.setdefault(name[-1].text, actor)

    def observe_phrases(
        self, sentence: Sentence, phrases: Sequence[tuple[int, ActorMention]]
    ) -> None:
        """Remember the actors of the sentence's noun phrases (`grammar.phrase_actors`) and the
        names their titles give; the coder calls this before finding the sentence's events."""
        for head, actor in phrases:
            self.learn_name(sentence, head, actor)
            self.remember(sentence, actor)

    def note_target(self, sentence_index: int, target: ActorMention) -> None:
        """The target of a coded event, for later events whose target the story makes clear
        (the coder calls this after a sentence; looking actors up never changes the context)."""
        if all(t is not target for _, t in self.targets):
            self.targets.append((sentence_index, target))

    def implicit_target(self, sentence_index: int, source: ActorMention) -> ActorMention | None:
        """The target of the previous sentence's event, when it is another country's actor:
        "ECOWAS suspended Mali. France called the coup unacceptable." -> France -> Mali."""
        for index, target in reversed(self.targets):
            if sentence_index - index > 1:
                return None
            if target.country and target.country != source.country:
                return target
        return None

    def observe(self, sentence: Sentence, mentions: list[ActorMention]) -> None:
        """Remember the named actors of a sentence; and its referents, what later pronouns may
        stand for (`antecedents`), its own pronouns with what they stood for last, in the order
        of the sentence."""
        for m in mentions:
            if m.kind in ("agent", "place"):
                continue
            self.seen.append((sentence.index, m))
        for referent in self._phrase_referents(sentence, mentions):
            self.referents.append(referent)
        tokens = sentence.tokens
        for tok in tokens:
            if tok.lower not in PRONOUNS or tok.pos != "PRON":
                continue
            if tok.lower == "it" and _expletive(sentence, tok.i):
                continue
            agreement = PRONOUNS[tok.lower]
            actor = self.resolve(sentence, tok.i, mentions)
            self.referents.append(
                self._referent(
                    sentence,
                    tok.i,
                    actor,
                    person=agreement is Agreement.PERSON,
                    plural=agreement is Agreement.GROUP,
                    pronoun=True,
                )
            )

    def _referent(
        self,
        sentence: Sentence,
        head: int,
        actor: ActorMention | None,
        person: bool,
        plural: bool,
        modifier: bool = False,
        role: bool = False,
        pronoun: bool = False,
    ) -> Referent:
        tokens = sentence.tokens
        return Referent(
            sentence=sentence.index,
            head=head,
            actor=actor,
            person=person,
            plural=plural,
            subject=_in_subject(sentence, head),
            quoted=_quoted(sentence, head),
            listed=listed(tokens, head),
            clause=clause_of(tokens, head),
            modifier=modifier,
            role=role,
            pronoun=pronoun,
            owner=possessive(tokens, head),
            depth=len(clause_ancestors(tokens, head)),
            noun=tokens[head].lemma.lower(),
        )

    def _phrase_referents(self, sentence: Sentence, mentions: list[ActorMention]) -> list[Referent]:
        """The sentence's noun phrases a later pronoun may stand for: named actors, role nouns
        and their phrases, people no dictionary knows, and plural subjects no dictionary
        names ("the two", "dozens of cadres"), by position."""
        tokens = sentence.tokens
        out: dict[int, Referent] = {}
        covered: set[int] = set()
        for m in mentions:
            covered.update(range(m.start, m.end))
            if m.kind == "place":
                continue
            head = _phrase_head(tokens, m.head)
            actor: ActorMention | None = None
            role = False
            if head != m.head:
                found = resolve_phrase(sentence, head, mentions)
                # the phrase's own actor ("German journalist Mesale Tolu"), not one that only
                # modifies it ("US military *commitment*")
                # a name, a body, a title ("the ECOWAS *chairman*") or several ("al-Shabaab
                # *suspects*") is the phrase's actor; a single thing ("a US *announcement*") not
                named = tokens[head].pos == "PROPN" or tokens[head].ent_type == "PERSON"
                named = named or tokens[head].lower in BODY_TITLES or tokens[head].tag == "NNS"
                body = tokens[head].lower in BODY_NOUNS or tokens[head].lemma.lower() in BODY_NOUNS
                spans = bool(found) and found[0].start <= head < found[0].end
                if found and (spans or found[0].head == head or named or body):
                    actor = found[0]
            if actor is None and m.kind == "agent":
                if head != m.head or tokens[head].dep not in _SLOT_DEPS:
                    continue
                # "a leader of the Syrian opposition": the country its own phrase names, else
                # one the story gives
                found = [a for a in resolve_phrase(sentence, head, mentions) if a.country]
                role = not found
                actor = found[0] if found else self.resolve(sentence, head, mentions)
                if actor is None and not _definite(sentence, head):
                    continue
            if actor is not None and head not in out:
                person = is_person_phrase(tokens, head, actor)
                plural = is_plural_phrase(tokens, head) and not person
                out[head] = self._referent(sentence, head, actor, person, plural, role=role)
            if m.kind != "agent" and m.head not in out:
                modifier = head != m.head and tokens[m.head].dep in MODIFIER_DEPS
                modifier = modifier and not possessive(tokens, m.head)
                person = is_person_phrase(tokens, m.head, m)
                plural = is_plural_phrase(tokens, m.head) and not person
                out[m.head] = self._referent(sentence, m.head, m, person, plural, modifier)
        for tok in tokens:
            if tok.i in covered or tok.i in out:
                continue
            apposed = [c for c in tok.children if tokens[c].dep == "appos"]
            if (tok.dep == "appos" and tok.head in out) or any(c in out for c in apposed):
                continue  # "the UN envoy, Staffan de Mistura": one referent
            unknown_person = (
                tok.ent_type == "PERSON"
                and is_proper_name(tok)
                and not (
                    tok.head != tok.i
                    and tokens[tok.head].ent_type == "PERSON"
                    and tokens[tok.head].ent_iob == "I"
                    and tok.dep in ("compound", "flat")
                )
            )
            if unknown_person:
                referent = self._referent(sentence, tok.i, None, person=True, plural=False)
                surname = tokens[_entity_span(tokens, tok.i)[1] - 1].text
                out[tok.i] = replace(referent, name=surname)
            elif (
                tok.dep in ("nsubj", "nsubjpass")
                and is_plural_phrase(tokens, tok.i)
                and not phrase_tokens(sentence, tok.i) & covered
            ):
                out[tok.i] = self._referent(sentence, tok.i, None, person=False, plural=True)
        for head, referent in list(out.items()):
            # "Kotey and Elsheikh", "the US and the EU": the list itself, for "they"
            members = [c for c in tokens[head].children if tokens[c].dep == "conj"]
            if members and not referent.plural and tokens[head].dep != "conj":
                codes = {
                    r.actor.code if r.actor else None
                    for h, r in out.items()
                    if h == head or h in members
                }
                actor = referent.actor if len(codes) == 1 else None
                self.referents.append(
                    self._referent(sentence, head, actor, person=False, plural=True)
                )
        return [out[h] for h in sorted(out)]

    def resolve(
        self,
        sentence: Sentence,
        head: int,
        mentions: list[ActorMention],
        avoid: frozenset[str] = frozenset(),
    ) -> ActorMention | None:
        """An actor for a pronoun or bare role noun at `head`, or None. Countries in `avoid`
        are passed over (a target is seldom in its source's country: "Macron threatened the
        junta")."""
        tok = sentence.tokens[head]
        word = tok.lower
        if tok.text[:1].isupper() and tok.text in self.names:
            known = self.names[tok.text]
            return _derived(sentence, head, known.code, known, tok.text)
        if word in PRONOUNS and _quoted(sentence, head):
            return None  # "“They raped me,” she said": a speaker's pronoun, not the story's
        if word == "it" and _expletive(sentence, head):
            return None  # "it was unacceptable for foreign troops to stay": no one
        if word in PRONOUNS and tok.pos == "PRON":
            return self._antecedent(sentence, head, PRONOUNS[word], avoid)
        if word in COUNTRY_NOUNS and _definite(sentence, head, DEFINITE_WORDS):
            # the last country of the story, not the subject of its own clause ("Egypt imposed
            # a boycott on the small nation")
            for r in ordered(self.referents, sentence, head, reach=99, recent=True):
                if r.actor is not None and r.actor.country:
                    country = r.actor.country
                    return _derived(sentence, head, country, r.actor, "the country")
            return None
        if word in GROUP_NOUNS and _definite(sentence, head):
            # "the group said": the organisation the story last named
            group = self._taken_up(sentence, head, _organisation, avoid)
            if group is not None:
                return _derived(sentence, head, group.code, group, tok.text)
        agent = next(
            (m for m in mentions if m.kind == "agent" and m.start <= head < m.end), None
        ) or members_role(sentence, head, mentions)
        if agent is not None:
            agent = speaking_role(sentence, agent, mentions)
            return self._domestic(sentence, head, agent, mentions, avoid)
        return self._unknown_person(sentence, head, mentions, avoid)

    def _antecedent(
        self, sentence: Sentence, head: int, agreement: Agreement, avoid: frozenset[str]
    ) -> ActorMention | None:
        """The first referent the pronoun agrees with (`antecedents.ordered`); none when that
        referent is one no dictionary knows, or is in a country of `avoid` (a pronoun standing
        for the source is no target of another country)."""
        for r in ordered(self.referents, sentence, head, PRONOUN_REACH):
            if not agrees(agreement, r) or (r.pronoun and r.actor is None):
                continue
            if r.actor is None and r.name in self.names:
                # someone no dictionary knows whom the story titled ("Nasr al-Hariri, the
                # opposition's negotiator ... he said")
                known = self.names[r.name]
                return _derived(sentence, head, known.code, known, sentence.tokens[head].text)
            if r.actor is None or (r.role and r.subject and r.sentence == sentence.index):
                # someone no dictionary names; or a role noun subject of its own sentence, which
                # the clause rules give with its words ("rebels said they would ...")
                return None
            if avoid and r.actor.country in avoid:
                return None  # "the group said it would": the source itself, not a target
            return _derived(sentence, head, r.actor.code, r.actor, sentence.tokens[head].text)
        return None

    def _taken_up(
        self,
        sentence: Sentence,
        head: int,
        same: Callable[[Referent], bool],
        avoid: frozenset[str],
    ) -> ActorMention | None:
        """The actor of the most recent referent a definite description takes up, never the
        subject of its own clause nor one inside a quotation (`antecedents.ordered`)."""
        for r in ordered(self.referents, sentence, head, DESCRIPTION_REACH, recent=True):
            if r.actor is None or r.pronoun or r.role or not same(r):
                continue
            if r.actor.country in avoid:
                continue
            return r.actor
        return None

    def _domestic(
        self,
        sentence: Sentence,
        head: int,
        agent: ActorMention,
        mentions: list[ActorMention],
        avoid: frozenset[str],
    ) -> ActorMention | None:
        """A role noun with no country word ("the police", "striking miners"), in this order:
        for a bare definite description ("the militants"), the earlier phrase of the same noun
        it takes up; the one country a bare noun's sentence names; the story's home (kind
        `home`); for "the army", the country the story was last about; else no known country
        (`---`, kind `unknown`). Militants and criminals (UNPLACED_ROLES) and a role owned by a
        pronoun ("its ambassador") are not placed by the story's home."""
        definite = _definite(sentence, head)
        words = sentence.tokens[head].children
        bare = all(sentence.tokens[c].dep in ("det", "punct") for c in words)
        if definite and bare:
            # "the militants" after "Islamic State militants": the phrase it takes up (not "the
            # shadow home secretary" after "the home secretary")
            same = self._taken_up(
                sentence,
                head,
                lambda r: r.noun == sentence.tokens[head].lemma.lower(),
                avoid,
            )
            if same is not None:
                return _derived(sentence, head, same.code, same, agent.text)
        countries = [m for m in mentions if m.kind == "country" and m.country]
        if not definite and len({m.country for m in countries}) == 1:
            # "Protesters ... in the Kosovan town": the one country the sentence names
            only = countries[0]
            named_as_place = sentence.tokens[only.head].dep in ("dobj", "pobj", "nsubjpass")
            if agent.code[:3] in UNPLACED_ROLES and named_as_place:
                return None  # "suicide bombers attacked Paris": not placed by their target
            tokens = sentence.tokens
            titled = any(t.ent_type == "PERSON" and _near(tokens, head, t.i) for t in tokens)
            # a person is not placed by a country acted on, nor by one in a phrase acted on
            # ("Senator Lindsey Graham criticised Turkey", "Tom Ellery, an MP, criticised the
            # Saudi government": not a Turkish or Saudi legislator); the story's home or none
            phrase = _phrase_of(tokens, only.head)
            acted_on = tokens[phrase].dep in ("dobj", "pobj", "nsubjpass")
            if not (titled and acted_on and phrase not in subtree(tokens, head)):
                return _derived(sentence, head, only.code[:3] + agent.code, only, agent.text)
        owners = [
            c
            for c in sentence.tokens[head].children
            if sentence.tokens[c].dep == "poss" and sentence.tokens[c].pos == "PRON"
        ]
        owned = bool(owners)
        if owned and _in_subject(sentence, head):
            # "his supporters attacked", "its forces struck": the country of the one the pronoun
            # stands for (as an object, "recalled its ambassador" is the doer's own part)
            owner = self.resolve(sentence, owners[0], mentions, avoid)
            if owner is not None and owner.country and owner.country not in avoid:
                return _derived(sentence, head, owner.country + agent.code, owner, agent.text)
        home = self.home.country
        subject = _in_subject(sentence, head)
        # not "its ambassador"; an object only where the sentence names no other country
        placeable = agent.code[:3] not in UNPLACED_ROLES and not owned
        placeable = placeable and (subject or {m.country for m in countries} <= {home})
        if placeable and home is not None and home not in avoid:
            return _placed(head, home + agent.code, agent, "home")
        if definite:
            # "the army": the country the story was last about
            country = self._last(
                sentence.index,
                head,
                lambda m: m.country is not None and m.country not in avoid,
                reach=99,
            )
            if country is not None and country.country is not None:
                return _derived(sentence, head, country.country + agent.code, country, agent.text)
        if avoid or owned or not subject:
            # a second look for another country found none (keep the first answer); an object
            # with no country is left to the other ways of finding a target
            return None
        return _placed(head, UNKNOWN_COUNTRY + agent.code, agent, "unknown")

    def _unknown_person(
        self,
        sentence: Sentence,
        head: int,
        mentions: list[ActorMention],
        avoid: frozenset[str],
    ) -> ActorMention | None:
        """A person the dictionaries do not know is still an actor: its role from a title in
        its phrase ("Senator Clemente Castañeda" -> LEG, kind `title`), its country placed as
        a role noun's is; with no title, the story's home country alone (or `---`)."""
        tokens = sentence.tokens
        # "Amara Tolu, a senior police commander": the title in apposition, also to a name the
        # tagger did not take for a person's
        apposed: set[int] = set()
        for c in tokens[head].children:
            if tokens[c].dep == "appos":
                apposed |= phrase_tokens(sentence, c)
                if tokens[c].lower in SPEAKER_NOUNS:
                    # "Piet Janssen, a spokesman for the Dutch foreign ministry": its body
                    for p in tokens[c].children:
                        if tokens[p].dep == "prep" and tokens[p].lower == "for":
                            apposed |= subtree(tokens, p)
        person = tokens[head].ent_type == "PERSON" and is_proper_name(tokens[head])
        titled = tokens[head].pos == "PROPN" and any(
            m.kind == "agent" and m.head in apposed for m in mentions
        )
        if not (person or titled):
            return None
        if any(m.kind == "place" and m.start <= head < m.end for m in mentions):
            return None  # a place the tagger took for a person ("in Sialkot")
        name = _entity_span(tokens, head)
        words = phrase_tokens(sentence, head) | apposed
        titles = [m for m in mentions if m.kind == "agent" and m.head in words]
        if titles:
            title = speaking_role(sentence, min(titles, key=lambda m: abs(m.head - head)), titles)
            own = [m.country for m in mentions if m.kind == "country" and m.head in words]
            where = own[0] + title.code if own and own[0] and own[0] not in avoid else None
            if where is None:
                # no country in the title itself ("a spokesman for the Dutch foreign ministry")
                placed = self._domestic(sentence, head, title, mentions, avoid)
                if placed is None:
                    return None
                where = placed.code
            start, end = min(title.start, name[0]), max(title.end, name[1])
            text = sentence.span_text(start, end)
            return ActorMention(start, end, head, where, text, "title", title.entries)
        code = self.home.country if self.home.country not in (None, *avoid) else None
        if code is None and (avoid or not _in_subject(sentence, head)):
            return None
        kind = "home" if code else "unknown"
        text = sentence.span_text(*name)
        return ActorMention(name[0], name[1], head, code or UNKNOWN_COUNTRY, text, kind, ())

    def _last(
        self,
        sentence_index: int,
        head: int,
        ok: Callable[[ActorMention], bool],
        reach: int = PRONOUN_REACH,
    ) -> ActorMention | None:
        for index, mention in reversed(self.seen):
            if index == sentence_index and mention.start >= head:
                continue
            if sentence_index - index > reach:
                return None
            if ok(mention):
                return mention
        return None


def _organisation(referent: Referent) -> bool:
    """A named group, not a country, a person or a role placed in a country."""
    actor = referent.actor
    if actor is None or referent.person:
        return False
    return actor.kind == "actor" or actor.code[:3] in ("IMG", "NGO", "NGM")


def _expletive(sentence: Sentence, head: int) -> bool:
    """ "*It* is unacceptable for troops to stay", "*it* was clear that ...": an "it" standing
    for the clause that follows, not for an actor."""
    tokens = sentence.tokens
    tok = tokens[head]
    if tok.dep == "expl":
        return True
    governor = tokens[tok.head]
    if governor.pos == "ADJ" and any(
        tokens[c].dep in ("ccomp", "xcomp") for c in governor.children
    ):
        return True  # "made *it* clear that it would not", "found it hard to accept"
    if tok.dep == "dobj" and any(tokens[c].dep in ("oprd", "ccomp") for c in governor.children):
        return governor.lemma in ("make", "find", "consider", "leave", "take")
    verb = tokens[tok.head]
    if tok.dep != "nsubj" or verb.lemma not in ("be", "seem", "appear", "become", "remain"):
        return False
    kinds = {tokens[c].dep for c in verb.children}
    return bool(kinds & {"acomp", "attr"}) and bool(kinds & {"xcomp", "ccomp", "advcl"})


def _near(tokens: Sequence[Token], head: int, i: int) -> bool:
    """Token i belongs to the noun phrase around `head` (same head, or the head itself)."""
    return i == head or tokens[i].head == head


def _in_subject(sentence: Sentence, head: int) -> bool:
    tokens = sentence.tokens
    tok = tokens[head]
    of = tokens[tok.head]
    if tok.dep == "pobj" and of.lower == "of" and group_head(tokens, of.head) == head:
        tok = tokens[of.head]  # "*dozens* of protesters": the group's place in the clause
    for _ in range(3):
        if tok.dep in ("nsubj", "nsubjpass"):
            return True
        if tok.dep not in ("conj", "compound", "poss", "appos") or tok.head == tok.i:
            return False
        tok = sentence.tokens[tok.head]
    return False


def _definite(sentence: Sentence, head: int, words: frozenset[str] = frozenset({"the"})) -> bool:
    """ "the ministry", "the country" (and, for a country, "his country")."""
    tokens = sentence.tokens
    return any(tokens[c].lower in words for c in tokens[head].children)


_SLOT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "attr", "appos", "conj"})


def _phrase_head(tokens: Sequence[Token], head: int) -> int:
    """The head of the noun phrase a word sits in ("the *Malian* army" -> "army")."""
    node = tokens[head]
    for _ in range(4):
        if node.dep not in PHRASE_INTERNAL_DEPS or node.head == node.i:
            break
        node = tokens[node.head]
    return node.i


def _entity_span(tokens: Sequence[Token], head: int) -> tuple[int, int]:
    """The [start, end) of the named entity around `head`."""
    start = end = head
    while start > 0 and tokens[start].ent_iob == "I" and tokens[start - 1].ent_type:
        start -= 1
    while end + 1 < len(tokens) and tokens[end + 1].ent_iob == "I":
        end += 1
    return start, end + 1


def _phrase_of(tokens: Sequence[Token], i: int) -> int:
    """The head of the noun phrase word i modifies ("Saudi" -> "government")."""
    for _ in range(len(tokens)):
        if tokens[i].dep not in ("amod", "compound", "poss", "nmod") or tokens[i].head == i:
            return i
        i = tokens[i].head
    return i


def _placed(head: int, code: str, agent: ActorMention, kind: str) -> ActorMention:
    """A role noun placed in the story's home country (`home`) or in none (`unknown`)."""
    return ActorMention(agent.start, agent.end, head, code, agent.text, kind, agent.entries)


def _derived(
    sentence: Sentence, head: int, code: str, antecedent: ActorMention, text: str
) -> ActorMention:
    """A mention resolved through the story: the antecedent's dictionary lines are its evidence,
    and, when it stands for the antecedent itself ("he", a surname), the antecedent's name is
    its name."""
    name = antecedent.name or antecedent.text if code == antecedent.code else ""
    return ActorMention(head, head + 1, head, code, text, "context", antecedent.entries, name=name)
