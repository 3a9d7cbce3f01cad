"""Words that look like place names but are not.

The gazetteer holds every town of 500 people, and towns are named after people, institutions
and common words: there is a Court in Switzerland, a Congress in Arizona, a Thabo Mbeki in South
Africa, a May in India. A capitalised word the gazetteer knows is a place only when the story
does not show it to be something else. `not_a_place` asks an ordered list of small named rules;
the first that answers names why a name is not a place:

1. `listed`: a name of `data/places/not_places.tsv` ("Middle East", "Court", "Al", "EU");
2. `not_capitalised`: lower-case words inside a longer name ("of" in "United Kingdom of ...");
3. `an_actor_name`: part of a person, organisation or group the dictionaries name ("Thabo
   Mbeki", "Nato", "Downing Street"), or of a role noun ("Police", "the Court");
4. `a_person_of_the_story`: a name the story gives a person ("Theresa May" ... "talks with May";
   "John Bolton" ... "refused to meet Bolton"), unless the tagger calls it a place where a place
   stands ("in Bolton");
5. `inside_a_longer_name`: a small town's name that is only part of a longer name ("Clock
   Tower", "the White Helmets", "Black Sea"), unless the rest is a place noun or a direction
   ("Idlib Province", "Upper Nile");
6. `a_common_word_of_the_story`: a capitalised word the story also writes in lower case ("the
   Court ... the court"), where the tagger did not call it a place.

Countries and first-level subdivisions are spared by rules 4 to 6 ("Jordan", "Chad", "Georgia").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from tocsin.coding.place_words import BIG_TOWN, DIRECTION_WORDS, FEATURE_NOUNS, PLACE_NOUNS
from tocsin.knowledge.gazetteer import Candidate
from tocsin.knowledge.gazetteer_build import normalize_name
from tocsin.records import ActorMention, Sentence, Token

# Actor kinds whose names are never places: people, organisations, named groups and seats of
# power ("Downing Street" is GBRGOV). A country's name is a place ("Burkina Faso's army").
NAMED_ACTOR_KINDS = frozenset({"person", "international", "actor", "composed", "title"})
# Words that end the part of a longer name a place belongs to.
NAME_BREAKS = frozenset({"of", "and", "&", ","})
# Words that may stand beside a place name inside a longer name of the same place.
PLACE_WORDS = (
    PLACE_NOUNS | FEATURE_NOUNS | DIRECTION_WORDS | frozenset({"the", "'s", "’s", "-", ","})
)


@dataclass(frozen=True, slots=True)
class StoryNames:
    """What a whole story says about capitalised words: the names it gives people and the
    words it writes in lower case; and the names listed as never places (all keys are
    `normalize_name`d)."""

    listed: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()
    lowercase: frozenset[str] = frozenset()


NO_STORY = StoryNames()


def story_names(
    sentences: Sequence[Sentence],
    actors: Sequence[Sequence[ActorMention]],
    listed: Iterable[str] = (),
) -> StoryNames:
    """The names of people and the lower-case words of a story (see `StoryNames`)."""
    people: set[str] = set()
    lowercase: set[str] = set()
    for sentence, mentions in zip(sentences, actors, strict=True):
        tokens = sentence.tokens
        for mention in mentions:
            if mention.kind == "person":
                people.update(_name_words(tokens[mention.start : mention.end]))
                people.add(normalize_name(mention.text))
        for start, end in _person_entities(tokens):
            # the words of "Theresa May", not a lone word the tagger may have misread; a whole
            # name only from the dictionaries (the tagger calls "Albu Kamal" a person too)
            if end - start > 1:
                people.update(_name_words(tokens[start:end]))
        lowercase.update(t.lower for t in tokens if t.text.isalpha() and t.text.islower())
    return StoryNames(
        frozenset(normalize_name(n) for n in listed), frozenset(people), frozenset(lowercase)
    )


def _name_words(tokens: Sequence[Token]) -> Iterable[str]:
    return (normalize_name(t.text) for t in tokens if t.text[:1].isupper())


def _person_entities(tokens: Sequence[Token]) -> Iterable[tuple[int, int]]:
    i = 0
    while i < len(tokens):
        if tokens[i].ent_type == "PERSON" and tokens[i].ent_iob == "B":
            j = i + 1
            while j < len(tokens) and tokens[j].ent_type == "PERSON" and tokens[j].ent_iob == "I":
                j += 1
            yield i, j
            i = j
        else:
            i += 1


@dataclass(frozen=True, slots=True)
class NameAtHand:
    """A gazetteer name found in a sentence: tokens [start, end) of the proper-noun span
    [span_start, span_end) it was found in, its candidate places, and whether it stands where a
    place stands ("near Gao", "the town of Kidal")."""

    sentence: Sentence
    start: int
    end: int
    span_start: int
    span_end: int
    candidates: tuple[Candidate, ...]
    locative: bool = False

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self.sentence.tokens[self.start : self.end]

    @property
    def key(self) -> str:
        return normalize_name(self.sentence.span_text(self.start, self.end))

    @property
    def larger_than_a_town(self) -> bool:
        """A country or first-level subdivision goes by this name."""
        return any(c.primary and c.place.precision != "city" for c in self.candidates)

    @property
    def tagged_place(self) -> bool:
        return all(t.ent_type in ("GPE", "LOC") for t in self.tokens)


Rule = Callable[[NameAtHand, Sequence[ActorMention], StoryNames], bool]


def listed(name: NameAtHand, actors: Sequence[ActorMention], story: StoryNames) -> bool:
    return name.key in story.listed


def not_capitalised(name: NameAtHand, actors: Sequence[ActorMention], story: StoryNames) -> bool:
    return not any(t.text[:1].isupper() for t in name.tokens)  # "al-Hawl" is capitalised


def an_actor_name(name: NameAtHand, actors: Sequence[ActorMention], story: StoryNames) -> bool:
    for actor in actors:
        if actor.start < name.end and name.start < actor.end:
            if actor.kind in NAMED_ACTOR_KINDS:
                return True
            if actor.kind == "agent" and not name.larger_than_a_town:
                return True
    return False


def a_person_of_the_story(
    name: NameAtHand, actors: Sequence[ActorMention], story: StoryNames
) -> bool:
    if name.larger_than_a_town or name.key not in story.people:
        return False
    if name.end - name.start > 1 and name.tagged_place:
        return False  # "Albu Kamal" tagged a place here, whatever it was called elsewhere
    return not (name.tagged_place and name.locative)


def inside_a_longer_name(
    name: NameAtHand, actors: Sequence[ActorMention], story: StoryNames
) -> bool:
    if name.larger_than_a_town:
        return False
    tokens = name.sentence.tokens
    start, end = name.start, name.end  # the part of the longer name the place belongs to:
    while start > name.span_start and tokens[start - 1].lower not in NAME_BREAKS:
        start -= 1  # "Raqqa" in "the Old City of Raqqa", "Idlib" in "Idlib and Hama"
    while end < name.span_end and tokens[end].lower not in NAME_BREAKS:
        end += 1
    around = [*range(start, name.start), *range(name.end, end)]
    others = [i for i in around if tokens[i].lower not in PLACE_WORDS]
    if not others:
        return False
    first = all(i >= name.end for i in others)  # "Kabul Airport": the town names the rest
    return not (first and any(c.place.population >= BIG_TOWN for c in name.candidates))


def a_common_word_of_the_story(
    name: NameAtHand, actors: Sequence[ActorMention], story: StoryNames
) -> bool:
    if name.larger_than_a_town or name.end - name.start > 1 or name.tagged_place:
        return False
    return name.tokens[0].lower in story.lowercase


RULES: tuple[Rule, ...] = (
    listed,
    not_capitalised,
    an_actor_name,
    a_person_of_the_story,
    inside_a_longer_name,
    a_common_word_of_the_story,
)


def not_a_place(
    name: NameAtHand, actors: Sequence[ActorMention] = (), story: StoryNames = NO_STORY
) -> str | None:
    """The name of the first rule that shows the name is not a place, or None."""
    for rule in RULES:
        if rule(name, actors, story):
            return rule.__name__
    return None
