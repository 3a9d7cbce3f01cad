"""Relevance: is a story political news at all?

A story is weighed on the topic cues of `data/topics.tsv` (`tocsin.knowledge.topics`): the words
of its sentences, its headline, its address and the openings of its lines each add the weight of
their scope to the cue's topic, and each mention of an actor in a political role (the `role` cues:
"the army", a head of government, the UN) adds to the political score. The story is political
unless one non-political topic (sports, markets, business, entertainment, weather, almanac)
reaches MIN_SCORE and at least MARGIN times the political score: coding is the default, setting
a story aside needs clear evidence. A `line` cue that opens the story ("Today in History" as its
headline or first line) decides alone. Every decision carries the cues that made it
(`StoryTopic.cues`).

The events of a non-political story are not coded (CAMEO practice), except a violent or
coercive act with a political actor (a riot at a match, a bombing at a concert); an almanac item
codes nothing. `keeps` says which events stay. See docs/relevance.md.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from tocsin.coding.grammar.unknown import FORCE_ROOTS
from tocsin.knowledge.side_tables import SideTables
from tocsin.knowledge.topics import Scope, Topic, TopicCue, cue_words
from tocsin.records import UNKNOWN_COUNTRY, ActorMention, Event, Sentence, Story, StoryTopic

WEIGHTS = {Scope.URL: 6, Scope.LINE: 6, Scope.TITLE: 3, Scope.SENTENCE: 2, Scope.TEXT: 1}
ACTOR_WEIGHT = 1  # a mention of an actor in a political role, per occurrence
MAX_COUNT = 3  # a cue counts at most this often in a story: one word repeated is not a topic
MIN_SCORE = 6  # a non-political topic needs at least this score ...
MARGIN = 2  # ... and at least this many times the political score
OPENING_CHARS = 60  # how much of a line is read for a line cue
_LINE_START = re.compile(r"(?m)^[ \t]*(?=\S)")


class TopicIndex:
    """The topic cues, indexed for one pass over a story. Built once per coder."""

    def __init__(self, tables: SideTables) -> None:
        self._words: dict[str, list[TopicCue]] = {}
        self._title: dict[str, list[TopicCue]] = {}
        self._lines: list[TopicCue] = []
        self._urls: list[TopicCue] = []
        roles: set[str] = set()
        for cue in tables.topics.values():
            if cue.scope in (Scope.SENTENCE, Scope.TEXT):
                self._words.setdefault(cue.words[0], []).append(cue)
            elif cue.scope is Scope.TITLE:
                self._title.setdefault(cue.words[0], []).append(cue)
            elif cue.scope is Scope.LINE:
                self._lines.append(cue)
            elif cue.scope is Scope.URL:
                self._urls.append(cue)
            elif cue.scope is Scope.ROLE:
                roles.add(cue.words[0])
        self.political_roles = frozenset(roles)

    def classify(
        self,
        story: Story,
        sentences: Sequence[Sentence],
        mentions: Iterable[Sequence[ActorMention]] = (),
    ) -> StoryTopic:
        """The story's topic, from its parsed sentences, headline, address and line openings,
        and the political actors among its actor mentions (one sequence a sentence)."""
        counts: Counter[TopicCue] = Counter()
        for sentence in sentences:
            counts.update(_phrases([t.lower for t in sentence.tokens], self._words))
        if story.title:
            counts.update(_phrases(list(cue_words(story.title)), self._title))
        url = (story.url or "").lower()
        counts.update(cue for cue in self._urls if cue.words[0] in url)
        lead: TopicCue | None = None
        for first, opening in _openings(story, sentences):
            found = [cue for cue in self._lines if opening[: len(cue.words)] == cue.words]
            counts.update(found)
            if first and found and lead is None:
                lead = found[0]
        actors = Counter(m.code for found in mentions for m in found if self._political_role(m))
        return decide(story.id, counts, actors, lead)

    def _political_role(self, mention: ActorMention) -> bool:
        """A mention of an actor in a political role ("the army", "President Erdogan" TURGOV,
        "the UN" IGOUNO); a bare country is not one (national teams play sport)."""
        code = mention.code
        if mention.kind == "agent":
            return code[:3] in self.political_roles
        return code[:3] in self.political_roles or code[3:6] in self.political_roles

    def keeps(self, topic: StoryTopic, event: Event) -> bool:
        """Whether an event of a story of this topic is coded: every event of political news;
        in other news (not almanac items) a violent or coercive act with a political actor."""
        if topic.political:
            return True
        if topic.topic == Topic.ALMANAC or event.root_code not in FORCE_ROOTS:
            return False
        # a target the text does not name (a protest's implied home government) is no actor
        # the story shows
        named_target = event.target if event.target_text else ""
        return self.is_political_actor(event.source) or self.is_political_actor(named_target)

    def is_political_actor(self, code: str) -> bool:
        """A country (`FRA`), a political role (`FRAGOV`, `---COP`) or an international
        organisation of a political prefix (`IGOUNO`), by the `role` cues."""
        if not code or code == UNKNOWN_COUNTRY:
            return False
        if len(code) == 3:
            return True
        return code[:3] in self.political_roles or code[3:6] in self.political_roles


def decide(
    story_id: str, counts: Counter[TopicCue], actors: Counter[str], lead: TopicCue | None = None
) -> StoryTopic:
    """The topic the counted cues and political actor mentions give (see the module docs),
    with what counted, weightiest first. A `line` cue opening the headline or the text (`lead`:
    "Today in History", "On this day") decides alone: such a page is that kind of item
    whatever its lines are about."""
    scores: Counter[str] = Counter()
    counted: list[tuple[int, str]] = []
    for cue, count in counts.items():
        points = WEIGHTS[cue.scope] * min(count, MAX_COUNT)
        scores[cue.topic.value] += points
        label = f"{cue.ref()} {cue.cue} ({cue.topic.value} {cue.scope.value})"
        counted.append((points, label + (f" x{count}" if count > 1 else "")))
    for code, count in actors.items():
        points = ACTOR_WEIGHT * min(count, MAX_COUNT)
        scores[Topic.POLITICAL.value] += points
        counted.append((points, f"actor {code} (political)" + (f" x{count}" if count > 1 else "")))
    political = scores[Topic.POLITICAL.value]
    others = [(score, topic) for topic, score in scores.items() if topic != Topic.POLITICAL]
    best_score, best = max(others, default=(0, Topic.POLITICAL.value))
    topic = best if best_score >= MIN_SCORE and best_score >= MARGIN * political else "political"
    if lead is not None:
        topic = lead.topic.value
        counted.append((2**30, f"{lead.ref()} {lead.cue} ({topic} line) opens the story"))
    ordered = tuple(sorted(scores.items(), key=lambda item: (-item[1], item[0])))
    cues = tuple(label for _, label in sorted(counted, key=lambda c: -c[0]))
    return StoryTopic(story_id, topic, ordered, cues)


def _phrases(words: list[str], index: dict[str, list[TopicCue]]) -> Iterable[TopicCue]:
    """Every cue of `index` found in `words`, once per occurrence."""
    for k, word in enumerate(words):
        for cue in index.get(word, ()):
            if tuple(words[k : k + len(cue.words)]) == cue.words:
                yield cue


def _openings(
    story: Story, sentences: Sequence[Sentence]
) -> Iterable[tuple[bool, tuple[str, ...]]]:
    """The first words of the headline, of each line of the story and of each sentence (a
    flattened almanac list keeps its items as sentences), each place once; True for the
    headline and the story's first line, which open the story."""
    if story.title:
        yield True, cue_words(story.title[:OPENING_CHARS])
    text = story.text if isinstance(story.text, str) else ""
    starts = {m.end() for m in _LINE_START.finditer(text)}
    starts.update(s.start_char for s in sentences)
    for k, start in enumerate(sorted(starts)):
        yield k == 0, cue_words(text[start : start + OPENING_CHARS])
