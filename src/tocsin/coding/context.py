"""Story context: what "it", "he", "the ministry" or "the country" refer to.

One `StoryContext` lives for one story and is passed explicitly through the coder (never global).
It remembers the actors named so far and resolves pronouns and bare role nouns to the last
compatible one, the way a reader does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tocsin.coding.actors import (
    group_head,
    is_proper_name,
    members_role,
    phrase_tokens,
    speaking_role,
)
from tocsin.coding.home import NO_HOME, Home
from tocsin.records import UNKNOWN_COUNTRY, ActorMention, Sentence, Token

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
THING_PRONOUNS = frozenset({"it", "its", "they", "their", "them"})
COUNTRY_NOUNS = frozenset({"country", "nation", "state"})
DEFINITE_WORDS = frozenset({"the", "his", "her", "its", "their"})
# Roles that the story's or sentence's country does not place: militants, criminals, radicals.
UNPLACED_ROLES = frozenset({"INS", "REB", "RAD", "UAF", "CRM", "SEP", "SPY"})
# How many earlier sentences a pronoun may reach back.
PRONOUN_REACH = 2


@dataclass(slots=True)
class StoryContext:
    """Actors seen so far in one story, most recent last."""

    seen: list[tuple[int, ActorMention]] = field(default_factory=list)
    subjects: list[tuple[int, ActorMention]] = field(default_factory=list)
    names: dict[str, ActorMention] = field(default_factory=dict)
    targets: list[tuple[int, ActorMention]] = field(default_factory=list)
    home: Home = NO_HOME

    def remember(self, sentence: Sentence, actor: ActorMention) -> None:
        """An actor resolved from a whole phrase ("Afghan rebel leaders" -> AFGREB), so that a
        later "they" or "it" takes the phrase's code, not one of its words'."""
        if actor.kind in ("composed", "context") and all(m is not actor for _, m in self.seen):
            self.seen.append((sentence.index, actor))
            if _in_subject(sentence, actor.head):
                self.subjects.append((sentence.index, actor))

    def learn_name(self, sentence: Sentence, head: int, actor: ActorMention) -> None:
        """A person named with a title resolved to an actor ("Italian President Sergio
        Mattarella" -> ITAGOV): later mentions of the surname ("Mattarella") mean the same."""
        tokens = sentence.tokens
        name = [t for t in tokens if t.ent_type == "PERSON" and _near(tokens, head, t.i)]
        if name and actor.kind in ("composed", "person"):
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
        """Remember the named actors of a sentence, and which of them were its subjects."""
        for m in mentions:
            if m.kind in ("agent", "place"):
                continue
            self.seen.append((sentence.index, m))
            if _in_subject(sentence, m.head):
                self.subjects.append((sentence.index, m))

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
        if (word in PERSON_PRONOUNS or word in THING_PRONOUNS) and _quoted(sentence, head):
            return None  # "“They raped me,” she said": a speaker's pronoun, not the story's
        if word == "it" and _expletive(sentence, head):
            return None  # "it was unacceptable for foreign troops to stay": no one
        if word in PERSON_PRONOUNS:
            # a named person, or an office holder named by title ("Somalia's president")
            found = self._last(sentence.index, head, lambda m: m.kind in ("person", "composed"))
        elif word in THING_PRONOUNS:
            # "it" as a subject most often continues the previous subject
            found = None
            if _in_subject(sentence, head):
                found = self._last(
                    sentence.index, head, lambda m: m.kind != "person", subjects=True
                )
            found = found or self._last(sentence.index, head, lambda m: m.kind != "person")
        elif word in COUNTRY_NOUNS and _definite(sentence, head, DEFINITE_WORDS):
            found = self._last(sentence.index, head, lambda m: m.country is not None, reach=99)
            if found is not None and found.country:
                return _derived(sentence, head, found.country, found, "the country")
            return None
        else:
            agent = next(
                (m for m in mentions if m.kind == "agent" and m.start <= head < m.end), None
            ) or members_role(sentence, head, mentions)
            if agent is not None:
                agent = speaking_role(sentence, agent, mentions)
                return self._domestic(sentence, head, agent, mentions, avoid)
            return self._unknown_person(sentence, head, mentions, avoid)
        if found is None:
            return None
        return _derived(sentence, head, found.code, found, tok.text)

    def _domestic(
        self,
        sentence: Sentence,
        head: int,
        agent: ActorMention,
        mentions: list[ActorMention],
        avoid: frozenset[str],
    ) -> ActorMention | None:
        """A role noun with no country word ("the police", "striking miners"), in this order:
        the one country a bare noun's sentence names; the story's home (kind `home`); for "the
        army", the country the story was last about; else no known country (`---`, kind
        `unknown`). Militants and criminals (UNPLACED_ROLES) and a role owned by a pronoun ("its
        ambassador") are not placed by the story's home."""
        definite = _definite(sentence, head)
        countries = [m for m in mentions if m.kind == "country" and m.country]
        if not definite and len({m.country for m in countries}) == 1:
            # "Protesters ... in the Kosovan town": the one country the sentence names
            only = countries[0]
            named_as_place = sentence.tokens[only.head].dep in ("dobj", "pobj", "nsubjpass")
            if agent.code[:3] in UNPLACED_ROLES and named_as_place:
                return None  # "suicide bombers attacked Paris": not placed by their target
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
            placed = self._domestic(sentence, head, title, mentions, avoid)
            if placed is None:
                return None
            start, end = min(title.start, name[0]), max(title.end, name[1])
            text = sentence.span_text(start, end)
            return ActorMention(start, end, head, placed.code, text, "title", title.entries)
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
        subjects: bool = False,
    ) -> ActorMention | None:
        for index, mention in reversed(self.subjects if subjects else self.seen):
            if index == sentence_index and mention.start >= head:
                continue
            if sentence_index - index > reach:
                return None
            if ok(mention):
                return mention
        return None


def _expletive(sentence: Sentence, head: int) -> bool:
    """ "*It* is unacceptable for troops to stay", "*it* was clear that ...": an "it" standing
    for the clause that follows, not for an actor."""
    tokens = sentence.tokens
    tok = tokens[head]
    if tok.dep == "expl":
        return True
    verb = tokens[tok.head]
    if tok.dep != "nsubj" or verb.lemma not in ("be", "seem", "appear", "become", "remain"):
        return False
    kinds = {tokens[c].dep for c in verb.children}
    return bool(kinds & {"acomp", "attr"}) and bool(kinds & {"xcomp", "ccomp", "advcl"})


def _quoted(sentence: Sentence, head: int) -> bool:
    """The word stands inside quotation marks (an opening mark before it is not yet closed)."""
    depth = 0
    straight = 0
    for t in sentence.tokens[:head]:
        if t.text in ("“", "``"):
            depth += 1
        elif t.text in ("”", "''"):
            depth = max(0, depth - 1)
        elif t.text == '"':
            straight += 1
    return depth > 0 or straight % 2 == 1


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


def _entity_span(tokens: Sequence[Token], head: int) -> tuple[int, int]:
    """The [start, end) of the named entity around `head`."""
    start = end = head
    while start > 0 and tokens[start].ent_iob == "I" and tokens[start - 1].ent_type:
        start -= 1
    while end + 1 < len(tokens) and tokens[end + 1].ent_iob == "I":
        end += 1
    return start, end + 1


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
