"""Who did what to whom: scoring coded events against dyad gold.

The gold format is ../shared/gold/dyads_dev.jsonl's: `{"id", "text", "dyads": [{"source",
"target", "plover": [types]}], "main_event": {"source": [spans], "target": [spans]}}`, source and
target given as the words of the sentence. The rule (shared/README.md, and its reference scorer
score_dyads.py, which these figures must equal):

- an event **covers** a gold dyad when its `source_text` shares a content word with the gold
  source and its `target_text` with the gold target; an actor text of more than 12 words never
  covers. A pronoun as the event's actor text covers a gold span when the first three letters of
  its code equal those of the code the coder resolves the gold span to (`tocsin actors resolve`).
- **actors**: share of gold dyads covered by an event of their sentence; **actors_type**: covered
  by an event of an accepted PLOVER type; **swapped**: not covered, but covered the other way
  round; **events_per_sentence** over the sentences with dyads; **stray_per_sentence**: dyadic
  events covering none of their sentence's dyads; **main_event**: share of sentences with a
  main_event whose source and target spans one event covers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tocsin.errors import InputError
from tocsin.records import Event

STOP_WORDS = frozenset(
    {"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "s"}
    | {"its", "his", "her", "their", "former", "senior", "top", "new"}
)
PRONOUNS = frozenset(
    {"it", "they", "he", "she", "we", "i", "its", "their", "his", "her", "them", "him", "us", "our"}
)
LONGEST_ACTOR = 12  # words: an actor is a phrase, not a clause
_WORD = re.compile(r"[a-z0-9]+")


def content_words(text: str | None) -> set[str]:
    """Lower-cased words of a text, split on non-alphanumerics, without the stop words."""
    return {w for w in _WORD.findall((text or "").lower()) if w not in STOP_WORDS}


@dataclass(frozen=True, slots=True)
class GoldDyad:
    source: str
    target: str
    plover: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DyadRecord:
    """One gold sentence: its dyads and, when annotated, its main event's spans."""

    id: str
    text: str
    dyads: tuple[GoldDyad, ...]
    main_sources: tuple[str, ...] = ()
    main_targets: tuple[str, ...] = ()

    @property
    def has_main_event(self) -> bool:
        return bool(self.main_sources and self.main_targets)

    def spans(self) -> list[str]:
        """Every gold actor span of the record, in order, without repeats."""
        found = [s for d in self.dyads for s in (d.source, d.target)]
        found += [*self.main_sources, *self.main_targets]
        return list(dict.fromkeys(found))


def dyad_record(
    record_id: str, raw: Mapping[str, Any], where: str, line: int | None = None
) -> DyadRecord:
    """A gold record from its JSON object; a malformed one is an `InputError` naming the line."""
    try:
        dyads = tuple(
            GoldDyad(str(d["source"]), str(d["target"]), tuple(str(p).upper() for p in d["plover"]))
            for d in raw.get("dyads") or []
        )
        main = raw.get("main_event") or {}
        return DyadRecord(
            record_id,
            str(raw["text"]),
            dyads,
            tuple(str(s) for s in main.get("source") or []),
            tuple(str(s) for s in main.get("target") or []),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise InputError(
            where,
            line,
            f"malformed dyad record ({exc!r})",
            'each dyad needs "source", "target" and a "plover" list',
        ) from None


@dataclass(slots=True)
class DyadResult:
    """One sentence's gold dyads, its events, and which dyads were covered or swapped."""

    record: DyadRecord
    events: list[Event]
    covered: list[bool] = field(default_factory=list)
    typed: list[bool] = field(default_factory=list)
    swapped: list[bool] = field(default_factory=list)
    main_event: bool | None = None


@dataclass(slots=True)
class DyadReport:
    sentences: int = 0
    dyads: int = 0
    covered: int = 0
    typed: int = 0
    swapped: int = 0
    coded: int = 0
    events: int = 0
    stray: int = 0
    main_event_sentences: int = 0
    main_event_hits: int = 0
    results: list[DyadResult] = field(default_factory=list)

    def as_dict(self) -> dict[str, float | int]:
        def share(a: int, b: int) -> float:
            return round(a / b, 3) if b else 0.0

        return {
            "sentences": self.sentences,
            "dyads": self.dyads,
            "actors": share(self.covered, self.dyads),
            "actors_type": share(self.typed, self.dyads),
            "swapped": share(self.swapped, self.dyads),
            "coded": share(self.coded, self.sentences),
            "events_per_sentence": share(self.events, self.sentences),
            "stray_per_sentence": share(self.stray, self.sentences),
            "main_event_sentences": self.main_event_sentences,
            "main_event": share(self.main_event_hits, self.main_event_sentences),
        }


class DyadMatcher:
    """The covering rule, with the codes the coder gives each gold span (for pronouns)."""

    def __init__(self, span_codes: Mapping[str, str | None]) -> None:
        self._countries = {span: (code or "")[:3] for span, code in span_codes.items()}

    def same(self, text: str, code: str, span: str) -> bool:
        """The event's actor (its text and code) names the gold span."""
        if len(_WORD.findall((text or "").lower())) > LONGEST_ACTOR:
            return False
        if content_words(text) & content_words(span):
            return True
        wanted = self._countries.get(span)
        return (text or "").lower() in PRONOUNS and bool(wanted) and (code or "")[:3] == wanted

    def covers(self, event: Event, source: str, target: str) -> bool:
        return self.same(event.source_text, event.source, source) and self.same(
            event.target_text, event.target, target
        )


def score_dyads(
    records: Iterable[DyadRecord],
    events: Mapping[str, Sequence[Event]],
    span_codes: Mapping[str, str | None],
) -> DyadReport:
    """Score each record's events (`events` by story id) by the rule in the module docstring."""
    match = DyadMatcher(span_codes)
    report = DyadReport()
    for record in records:
        found = list(events.get(record.id, ()))
        result = DyadResult(record, found)
        if record.has_main_event:
            report.main_event_sentences += 1
            result.main_event = any(
                any(match.same(e.source_text, e.source, s) for s in record.main_sources)
                and any(match.same(e.target_text, e.target, t) for t in record.main_targets)
                for e in found
            )
            report.main_event_hits += result.main_event
        report.results.append(result)
        if not record.dyads:
            continue
        report.sentences += 1
        report.coded += bool(found)
        report.events += len(found)
        for dyad in record.dyads:
            covering = [e for e in found if match.covers(e, dyad.source, dyad.target)]
            typed = any((e.plover or "").upper() in dyad.plover for e in covering)
            swapped = not covering and any(match.covers(e, dyad.target, dyad.source) for e in found)
            result.covered.append(bool(covering))
            result.typed.append(typed)
            result.swapped.append(swapped)
            report.dyads += 1
            report.covered += bool(covering)
            report.typed += typed
            report.swapped += swapped
        report.stray += sum(
            1
            for e in found
            if e.target and not any(match.covers(e, d.source, d.target) for d in record.dyads)
        )
    return report


def format_dyad_report(report: DyadReport) -> str:
    """The one-line summary score_dyads.py prints, over three lines."""
    d = report.as_dict()
    return "\n".join(
        [
            f"{d['sentences']} sentences, {d['dyads']} dyads: actors {d['actors']:.1%}, "
            f"actors+type {d['actors_type']:.1%}, swapped {d['swapped']:.1%}",
            f"coded {d['coded']:.1%}, events/sentence {d['events_per_sentence']}, "
            f"stray dyadic events/sentence {d['stray_per_sentence']}",
            f"main event (source and target spans) {d['main_event']:.1%} "
            f"of {d['main_event_sentences']}",
        ]
    )


def format_dyad_errors(report: DyadReport) -> str:
    """Every gold dyad not covered, with the events its sentence gave."""
    lines: list[str] = []
    for result in report.results:
        misses = [
            (d, swapped)
            for d, ok, swapped in zip(
                result.record.dyads, result.covered, result.swapped, strict=True
            )
            if not ok
        ]
        if not misses and result.main_event is not False:
            continue
        lines.append(f"[{result.record.id}] {result.record.text}")
        for dyad, swapped in misses:
            note = " (swapped)" if swapped else ""
            lines.append(f"  missed {dyad.source!r} -> {dyad.target!r}{note}")
        if result.main_event is False:
            lines.append(
                f"  missed main event {list(result.record.main_sources)} -> "
                f"{list(result.record.main_targets)}"
            )
        for e in result.events:
            lines.append(
                f"  got    {e.source_text!r} ({e.source}) -> {e.target_text!r} "
                f"({e.target or '-'}) {e.code}"
            )
    return "\n".join(lines)


Resolve = Callable[[str], str | None]


def span_codes(records: Iterable[DyadRecord], resolve: Resolve) -> dict[str, str | None]:
    """The code the coder gives each gold span on its own (None when it names no actor)."""
    out: dict[str, str | None] = {}
    for record in records:
        for span in record.spans():
            if span not in out:
                out[span] = resolve(span)
    return out
