"""The coder: stories in, events out.

It wires the pipeline's modules together and holds no logic of its own beyond turning event
candidates into scored, identified `Event` records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from tocsin.coding.actors import ActorIndex, resolve_phrase
from tocsin.coding.context import StoryContext
from tocsin.coding.dates import is_history, resolve_event_date
from tocsin.coding.geolocate import StoryPlaces
from tocsin.coding.grammar import EventCandidate, find_actions, find_events, phrase_actors
from tocsin.coding.home import story_home, with_places
from tocsin.coding.missions import MissionTable
from tocsin.coding.modality import MoodTable
from tocsin.coding.naming import CodeNames, actor_name
from tocsin.coding.nlp import Parser
from tocsin.coding.relevance import TopicIndex
from tocsin.coding.statement_content import StatementCues
from tocsin.coding.verbs import VerbIndex
from tocsin.coding.weapons import WeaponTable
from tocsin.knowledge.dictionaries import Dictionaries, load_dictionaries
from tocsin.knowledge.gazetteer import Gazetteer
from tocsin.knowledge.ontology import Ontology
from tocsin.records import (
    ActorMention,
    Event,
    Evidence,
    Sentence,
    Story,
    StoryTopic,
    parse_date,
)

log = logging.getLogger(__name__)


class Coder:
    """Codes stories into CAMEO events. Load once, code many: the model and dictionaries are
    loaded when the coder is built and reused for every story. Only political news is coded
    unless `keep_nonpolitical` (see `tocsin.coding.relevance`); every event says its story's topic.

    >>> coder = Coder()                                        # doctest: +SKIP
    >>> events = list(coder.code([Story("s1", "ECOWAS suspended Mali.")]))  # doctest: +SKIP
    """

    def __init__(
        self,
        extra_dictionaries: Sequence[Path | str] = (),
        parser: Parser | None = None,
        ontology: Ontology | None = None,
        dictionaries: Dictionaries | None = None,
        gazetteer: Gazetteer | None = None,
        locate: bool = True,
        keep_nonpolitical: bool = False,
    ) -> None:
        self.ontology = ontology or Ontology.load(extra=extra_dictionaries)
        self.parser = parser or Parser()
        self.dictionaries = dictionaries or load_dictionaries(
            extra_dictionaries, known_codes=(t.code for t in self.ontology)
        )
        self.actors = ActorIndex(self.dictionaries, tokenize=self.parser.tokenize)
        self.code_names = CodeNames.from_dictionaries(self.dictionaries)
        tables = self.dictionaries.tables
        self.verbs = VerbIndex(self.dictionaries.patterns, tables)
        self.moods = MoodTable(tables.moods)
        self.weapons = WeaponTable(tables.weapons)
        self.missions = MissionTable(tables.missions)
        self.statement_cues = StatementCues(tables.statement_cues)
        self.topics = TopicIndex(tables)
        self.keep_nonpolitical = keep_nonpolitical
        self.gazetteer = (gazetteer or Gazetteer.load()) if locate else None
        log.debug(
            "coder ready: %d actor names, %d verb patterns", len(self.actors), len(self.verbs)
        )

    def code(self, stories: Iterable[Story]) -> Iterator[Event]:
        """Events of every story, in story and sentence order."""
        for story, sentences in self.parser.parse(stories):
            yield from self.code_parsed(story, sentences)

    def code_text(self, text: str, story_id: str = "text", date: object = None) -> list[Event]:
        """Convenience for one piece of text (a sentence or a story)."""
        story = Story(story_id, text, parse_date(date) if date else None)
        return list(self.code([story]))

    def code_parsed(self, story: Story, sentences: Sequence[Sentence]) -> Iterator[Event]:
        """Events of one already parsed story; actors are resolved in the story's context."""
        mentions = self.actors.find_story_mentions(sentences, story.date)
        places: StoryPlaces | None = None
        if self.gazetteer is not None and sentences:
            not_places = self.dictionaries.tables.not_places
            places = StoryPlaces(self.gazetteer, sentences, mentions, not_places)
            mentions = [
                with_places(s, found, places.by_sentence.get(s.index, []))
                for s, found in zip(sentences, mentions, strict=True)
            ]
        topic = self.topics.classify(story, sentences, mentions)
        first = sentences[0].index if sentences else 0
        by_index = {s.index: found for s, found in zip(sentences, mentions, strict=True)}
        context = StoryContext(
            home=story_home(places.by_sentence if places else {}, by_index, first)
        )
        for sentence, found in zip(sentences, mentions, strict=True):
            context.observe(sentence, found)
            matches = [m for m in self.verbs.match(sentence) if not _inside_name(m.verb, found)]
            if not matches:
                continue
            context.observe_phrases(sentence, phrase_actors(sentence, found))
            candidates = find_events(
                sentence,
                found,
                matches,
                context,
                self.moods,
                self.weapons,
                self.statement_cues,
                self.missions,
            )
            for candidate in candidates:
                if candidate.target is not None:
                    context.note_target(sentence.index, candidate.target)
            for candidate in candidates:
                event = self._event(story, sentence, candidate, places, topic.topic)
                if event is not None and (
                    self.keep_nonpolitical or self.topics.keeps(topic, event)
                ):
                    yield event

    def classify(self, story: Story) -> StoryTopic:
        """Whether a story is political news, and why (see `tocsin.coding.relevance`)."""
        for parsed, sentences in self.parser.parse([story]):
            mentions = self.actors.find_story_mentions(sentences, parsed.date)
            return self.topics.classify(parsed, sentences, mentions)
        return self.topics.classify(story, [])

    def main_action(self, story: Story) -> str | None:
        """The CAMEO code of the first act the story states, even when its actors are unknown
        (used to classify stories that code no full event; see `tocsin.run.evaluate`)."""
        for _, sentences in self.parser.parse([story]):
            for sentence in sentences:
                acts = find_actions(sentence, self.verbs.match(sentence))
                if acts and acts[0].pattern.code in self.ontology:
                    return acts[0].pattern.code
        return None

    def resolve_actor(self, text: str, date: dt.date | None = None) -> ActorMention | None:
        """The actor a phrase names ("the Malian army", "President Macron"), at a date."""
        sentences = self.parser.parse_text(text, "actor")
        if not sentences:
            return None
        sentence = max(sentences, key=lambda s: len(s.tokens))
        mentions = self.actors.find_mentions(sentence, date)
        if self.gazetteer is not None:
            # a city, province or state in the phrase gives its country, as in a story ("the
            # Kabul police chief", "the government of Sindh province")
            not_places = self.dictionaries.tables.not_places
            places = StoryPlaces(self.gazetteer, [sentence], [mentions], not_places)
            mentions = with_places(sentence, mentions, places.by_sentence.get(sentence.index, []))
        if not mentions:
            return None
        roots = [t.i for t in sentence.tokens if t.head == t.i]
        for root in roots:
            found = resolve_phrase(sentence, root, mentions)
            if found:
                return found[0]
        # no phrase at the root: try each role noun's phrase, then the longest name
        for agent in (m for m in mentions if m.kind == "agent"):
            found = resolve_phrase(sentence, agent.head, mentions)
            if found:
                return found[0]
        named = [m for m in mentions if m.kind != "agent"]
        return max(named, key=lambda m: m.end - m.start) if named else None

    def _event(
        self,
        story: Story,
        sentence: Sentence,
        c: EventCandidate,
        places: StoryPlaces | None,
        topic: str,
    ) -> Event | None:
        code = c.code
        if c.target is None and c.source.kind == "unknown" and not _role_named(sentence, c.source):
            return None  # no country and no target: nothing a user could count
        if code not in self.ontology:
            log.warning("pattern %s codes unknown CAMEO code %s", c.match.pattern.ref(), code)
            return None
        kind = self.ontology[code]
        target_code = c.target.code if c.target else ""
        evidence = Evidence(
            verb_text=" ".join(sentence.tokens[i].text for i in sorted(c.match.words)),
            verb_tokens=tuple(sorted(c.match.words)),
            pattern_id=c.match.pattern.id,
            pattern_ref=c.match.pattern.ref(),
            source_tokens=(c.source.start, c.source.end),
            target_tokens=(c.target.start, c.target.end) if c.target else None,
            source_entries=tuple(e.ref() for e in c.source.entries),
            target_entries=tuple(e.ref() for e in c.target.entries) if c.target else (),
            rules=c.rules,
            speaker=c.speaker.code if c.speaker else "",
            speaker_text=c.speaker.text if c.speaker else "",
        )
        when = resolve_event_date(sentence, c.match.verb, story.date)
        if is_history(when, story.date) and not self.keep_nonpolitical:
            return None  # history told as background ("in 1980 Iraq invaded Iran") is not news
        where = None
        if places is not None:
            countries = (c.target.country if c.target else None, c.source.country)
            where = places.locate(sentence, c.match.verb, countries)
        return Event(
            id=event_id(story.id, sentence.index, c.match.verb, c.source.code, target_code, code),
            story_id=story.id,
            sentence_index=sentence.index,
            date=when.date,
            source=c.source.code,
            source_text=c.source.text,
            target=target_code,
            target_text=c.target.text if c.target else "",
            code=code,
            root_code=kind.root,
            name=kind.name,
            quad_class=kind.quad_class,
            phoenix_quad=kind.phoenix_quad,
            goldstein=kind.goldstein,
            plover=kind.plover_type,
            sentence=sentence.text,
            evidence=evidence,
            date_source=when.source,
            date_text=when.text,
            date_precision=when.precision,
            location=where,
            source_resolution=c.source.resolution,
            target_resolution=c.target.resolution if c.target else "",
            topic=topic,
            source_name=actor_name(c.source, self.code_names),
            target_name=actor_name(c.target, self.code_names) if c.target else "",
        )


def _inside_name(token: int, mentions: Sequence[ActorMention]) -> bool:
    """A word of a name ("Organisation of Islamic *Cooperation*") is not an event."""
    return any(m.start <= token < m.end and m.kind != "agent" for m in mentions)


def event_id(story_id: str, sentence: int, verb: int, source: str, target: str, code: str) -> str:
    """A stable id: the same story coded twice gives the same event ids."""
    key = f"{story_id}\x1f{sentence}\x1f{verb}\x1f{source}\x1f{target}\x1f{code}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def build_coder(
    extra_dictionaries: Sequence[Path | str] = (),
    builtin_dictionaries: bool = True,
    batch_size: int | None = None,
    keep_nonpolitical: bool = False,
) -> Coder:
    """The one way the CLI, the worker processes and the web app build a coder: the built-in
    dictionaries (unless turned off) with the extra ones over them, the parser's batch size
    (stories parsed together; the default suits one process), and whether the events of
    non-political stories are kept."""
    ontology = Ontology.load(extra=extra_dictionaries)
    dictionaries = load_dictionaries(
        extra_dictionaries,
        builtin=builtin_dictionaries,
        known_codes=(t.code for t in ontology),
    )
    parser = Parser(batch_size=batch_size) if batch_size else Parser()
    return Coder(
        parser=parser,
        ontology=ontology,
        dictionaries=dictionaries,
        keep_nonpolitical=keep_nonpolitical,
    )


def _role_named(sentence: Sentence, source: ActorMention) -> bool:
    """A doer of unknown country whose own head noun is a role ("*the union's general
    secretary* said ..."): a role a user can count (`---PTY`), as PETRARCH writes it; not a
    thing a role noun only modifies ("*university* education") nor one owned by "whose"."""
    tokens = sentence.tokens
    head = tokens[source.head]
    if len(source.code) <= 3 or any(tokens[c].lower == "whose" for c in head.children):
        return False
    role_words = {w for e in source.entries for w in e.name.lower().split()}
    return (
        any(e.file.endswith("agents.tsv") for e in source.entries)
        and head.pos == "NOUN"
        and (head.lemma.lower() in role_words or head.lower in role_words)
    )
