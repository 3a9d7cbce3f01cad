"""Where in its sentence an event's source, target and verb are: character spans from the
evidence's token spans, for showing the sentence with them highlighted.

Stored records keep token indices (`evidence.source_tokens` ...), not character offsets; the
sentence is split again with the parser's tokenizer (`Parser.tokenize`, the same rules the coder
used) and the words are aligned to the text. When the words cannot be aligned, or a span does not
give the words the record names (an actor carried over from an earlier sentence), the record's own
words are looked for in the sentence instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

Role = Literal["source", "target", "verb"]
Tokenize = Callable[[str], list[str]]


@dataclass(frozen=True, slots=True)
class Highlight:
    """A span of the sentence, [start, end) in characters, that names the event's `role`.
    `found_by` is `tokens` (the evidence's token span) or `text` (the record's words, searched)."""

    role: Role
    start: int
    end: int
    text: str
    found_by: Literal["tokens", "text"]


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the sentence and the role it names, if any (for rendering)."""

    text: str
    role: Role | None


def token_offsets(sentence: str, words: Sequence[str]) -> list[tuple[int, int]] | None:
    """The character span of each word in the sentence, in order; None if a word is not where
    it should be (the words must cover the sentence in order, separated by whitespace only)."""
    offsets = []
    position = 0
    for word in words:
        start = sentence.find(word, position)
        if start < 0 or sentence[position:start].strip():
            return None
        offsets.append((start, start + len(word)))
        position = start + len(word)
    return offsets


def event_highlights(record: Mapping[str, Any], tokenize: Tokenize | None) -> list[Highlight]:
    """The spans of the sentence that name the event's source, target and verb."""
    sentence = str(record.get("sentence") or "")
    evidence = record.get("evidence") or {}
    offsets = token_offsets(sentence, tokenize(sentence)) if tokenize and sentence else None
    found: list[Highlight] = []
    actors: tuple[tuple[Role, Any, Any], ...] = (
        ("source", evidence.get("source_tokens"), record.get("source_text")),
        ("target", evidence.get("target_tokens"), record.get("target_text")),
    )
    for role, span, words in actors:
        indices = list(range(span[0], span[1])) if _is_span(span) else []
        hit = _from_tokens(role, sentence, offsets, indices, str(words or ""))
        hit = hit or _from_text(role, sentence, str(words or ""))
        if hit is not None:
            found.append(hit)
    verb_tokens = [int(i) for i in evidence.get("verb_tokens") or []]
    verb_words = str(evidence.get("verb_text") or "")
    verb = _verb_from_tokens(sentence, offsets, verb_tokens, verb_words)
    if not verb:
        hit = _from_text("verb", sentence, verb_words)
        verb = [hit] if hit else []
    found.extend(verb)
    return sorted(found, key=lambda h: (h.start, h.end))


def segments(sentence: str, highlights: Sequence[Highlight]) -> list[Segment]:
    """The sentence cut into pieces, each with the role it names (the verb wins over the actors
    where spans overlap, the source over the target)."""
    roles: list[Role | None] = [None] * len(sentence)
    for role in ("target", "source", "verb"):
        for h in highlights:
            if h.role == role:
                for k in range(max(h.start, 0), min(h.end, len(sentence))):
                    roles[k] = h.role
    pieces: list[Segment] = []
    start = 0
    for k in range(1, len(sentence) + 1):
        if k == len(sentence) or roles[k] != roles[start]:
            pieces.append(Segment(sentence[start:k], roles[start]))
            start = k
    return pieces


def _is_span(span: Any) -> bool:
    return (
        isinstance(span, list | tuple)
        and len(span) == 2
        and all(isinstance(v, int) for v in span)
        and 0 <= span[0] < span[1]
    )


def _from_tokens(
    role: Role,
    sentence: str,
    offsets: list[tuple[int, int]] | None,
    indices: list[int],
    words: str,
) -> Highlight | None:
    if offsets is None or not indices or indices[-1] >= len(offsets):
        return None
    start, end = offsets[indices[0]][0], offsets[indices[-1]][1]
    text = sentence[start:end]
    if words and _squash(text) != _squash(words):
        return None  # the span is not the words the record names (e.g. an earlier sentence's)
    return Highlight(role, start, end, text, "tokens")


def _verb_from_tokens(
    sentence: str, offsets: list[tuple[int, int]] | None, indices: list[int], words: str
) -> list[Highlight]:
    if offsets is None or not indices or max(indices) >= len(offsets) or min(indices) < 0:
        return []
    texts = [sentence[offsets[i][0] : offsets[i][1]] for i in sorted(indices)]
    if words and _squash(" ".join(texts)) != _squash(words):
        return []
    found: list[Highlight] = []
    for i in sorted(indices):  # the verb's words may be apart ("called ... off")
        start, end = offsets[i]
        if found and found[-1].end <= start and not sentence[found[-1].end : start].strip():
            last = found.pop()
            start = last.start
        found.append(Highlight("verb", start, end, sentence[start:end], "tokens"))
    return found


def _from_text(role: Role, sentence: str, words: str) -> Highlight | None:
    if not words.strip():
        return None
    start = sentence.find(words)
    if start < 0:
        lowered = sentence.lower().find(words.lower())
        if lowered < 0:
            return None
        start = lowered
    return Highlight(role, start, start + len(words), sentence[start : start + len(words)], "text")


def _squash(text: str) -> str:
    return "".join(text.split()).lower()
