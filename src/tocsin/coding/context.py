"""Story context: what "it", "he", "the ministry" or "the country" refer to.

One `StoryContext` lives for one story and is passed explicitly through the coder (never global).
It remembers the actors named so far and resolves pronouns and bare role nouns to the last
compatible one, the way a reader does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tocsin.records import ActorMention, Sentence, Token

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
            if m.kind == "agent":
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
            )
            if agent is None:
                return None
            if not _definite(sentence, head):
                # "Protesters ... in the Kosovan town": the one country the sentence names
                countries = {m.country for m in mentions if m.kind == "country" and m.country}
                if len(countries) != 1:
                    return None
                only = next(m for m in mentions if m.kind == "country" and m.country)
                named_as_place = sentence.tokens[only.head].dep in ("dobj", "pobj", "nsubjpass")
                if agent.code[:3] in UNPLACED_ROLES and named_as_place:
                    return None  # "suicide bombers attacked Paris": not placed by their target
                return _derived(sentence, head, only.code[:3] + agent.code, only, agent.text)
            # "the army": the country the story was last about
            country = self._last(
                sentence.index,
                head,
                lambda m: m.country is not None and m.country not in avoid,
                reach=99,
            )
            if country is None or country.country is None:
                return None
            return _derived(sentence, head, country.country + agent.code, country, agent.text)
        if found is None:
            return None
        return _derived(sentence, head, found.code, found, tok.text)

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
    tok = sentence.tokens[head]
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


def _derived(
    sentence: Sentence, head: int, code: str, antecedent: ActorMention, text: str
) -> ActorMention:
    """A mention resolved through the story: the antecedent's dictionary lines are its evidence."""
    return ActorMention(head, head + 1, head, code, text, "context", antecedent.entries)
