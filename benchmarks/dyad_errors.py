"""Why dyads are missed: the gold dyads tocsin does not cover, by cause.

Codes a dyad gold file (default ../shared/gold/dyads_dev.jsonl; the format of
`tocsin.run.dyad_scoring`), scores it by the shared rule, and sorts every side (source or
target) of a missed dyad into one cause, the first that applies:

- pronoun: the gold span is a pronoun ("he", "they") that no event resolved to it;
- place in mention: the span resolves to nothing, but names a place the gazetteer knows ("the
  Oregon Department of ...", "Kabul police chief");
- role, no country word: nothing resolved, but the span has a role noun ("the police", "the
  finance minister") and no country word;
- unknown person: nothing resolved, the span is (or holds) a PERSON entity;
- not resolved at all: no dictionary word, no role noun, no place;
- name collision: the span holds a PERSON entity but resolves to a country ("Chad Smith");
- resolved, not chosen: the span resolves on its own, but no event of its sentence has it
  (a verb not matched, another phrase attached, or the event dropped);
- and, for a dyad whose two sides are each found but never in one event, "pairing".

Where the gold file also gives actor codes (the PLOVER records of dyads_dev), events covering a
dyad are checked for the right country and role: "wrong country" and "wrong role".
Prints counts and shares; --show CAUSE lists the spans of one cause.

    .venv/bin/python benchmarks/dyad_errors.py [GOLD.jsonl] [--show CAUSE] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from tocsin.coding.coder import Coder
from tocsin.coding.places import find_places
from tocsin.records import ActorMention, Event, Story
from tocsin.run.dyad_scoring import (
    PRONOUNS,
    DyadMatcher,
    DyadRecord,
    content_words,
    dyad_record,
    score_dyads,
)
from tocsin.run.evaluate import actor_parts

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "gold" / "dyads_dev.jsonl"
PLOVER = ROOT.parent / "shared" / "gold" / "plover_dev.jsonl"


def span_cause(coder: Coder, span: str, resolved: ActorMention | None, coded: bool) -> str:
    """The cause of one gold span no event covers (see the module docstring)."""
    words = [w.lower() for w in span.split()]
    if len(words) <= 2 and words and words[-1] in PRONOUNS:
        return "pronoun"
    sentences = coder.parser.parse_text(span, "span")
    tokens = [t for s in sentences for t in s.tokens]
    person = any(t.ent_type == "PERSON" for t in tokens)
    if resolved is not None:
        if person and resolved.kind == "country":
            return "name collision"
        return "resolved, not chosen" if coded else "resolved, sentence coded nothing"
    assert coder.gazetteer is not None
    places = [p for s in sentences for p in find_places(s, coder.gazetteer)]
    mentions = [m for s in sentences for m in coder.actors.find_mentions(s, None)]
    roles = [m for m in mentions if m.kind == "agent"]
    if places:
        return "place in mention"
    if roles:
        return "role, no country word"
    if person:
        return "unknown person"
    return "not resolved at all"


def plover_codes() -> dict[str, dict[str, str]]:
    """Gold actor codes by record id and actor text, from the PLOVER file (when present)."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    if not PLOVER.exists():
        return out
    for line in PLOVER.read_text("utf-8").splitlines():
        raw = json.loads(line)
        for entity in [*raw.get("actor", []), *raw.get("recipient", [])]:
            sector = entity.get("sector") or ""
            sector = sector[:3].upper() if sector and sector != "***" else ""
            out[raw["id"]][entity["text"]] = f"{entity['code']}{sector}"
    return out


def code_check(gold: dict[str, str], text: str, code: str) -> str | None:
    """'wrong country' or 'wrong role' when a gold actor's words match `text` but not its code."""
    for gold_text, gold_code in gold.items():
        if content_words(gold_text) & content_words(text):
            want, got = actor_parts(gold_code), actor_parts(code)
            if want[0] != got[0]:
                return "wrong country"
            if want[1] and want[1] != got[1]:
                return "wrong role"
            return None
    return None


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("gold", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--show", help="list the gold spans of this cause ('all': every cause)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N records")
    args = ap.parse_args()
    if not args.gold.exists():
        sys.exit(f"{args.gold}: gold file not found")
    lines = [line for line in args.gold.read_text("utf-8").splitlines() if line.strip()]
    records: list[DyadRecord] = []
    for number, line in enumerate(lines[: args.limit], start=1):
        raw = json.loads(line)
        records.append(dyad_record(str(raw.get("id", number)), raw, str(args.gold), number))
    coder = Coder()
    events: dict[str, list[Event]] = defaultdict(list)
    for event in coder.code(Story(r.id, r.text) for r in records):
        events[event.story_id].append(event)
    resolved = {span: coder.resolve_actor(span) for r in records for span in r.spans()}
    codes = {span: m.code if m else None for span, m in resolved.items()}
    report = score_dyads(records, events, codes)
    match = DyadMatcher(codes)
    gold_codes = plover_codes()

    causes: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    checked = Counter[str]()
    for result in report.results:
        record = result.record
        for dyad, covered, swapped in zip(
            record.dyads, result.covered, result.swapped, strict=True
        ):
            if covered:
                for e in result.events:
                    if not match.covers(e, dyad.source, dyad.target):
                        continue
                    for text, code in ((e.source_text, e.source), (e.target_text, e.target)):
                        verdict = code_check(gold_codes.get(record.id, {}), text, code)
                        checked["checked sides"] += record.id in gold_codes
                        if verdict:
                            checked[verdict] += 1
                            examples[verdict].append(f"{text!r} coded {code}: {record.text}")
                    break
                continue
            if swapped:
                causes["swapped"] += 1
                examples["swapped"].append(f"{dyad.source!r} -> {dyad.target!r}: {record.text}")
                continue
            sides = [("source", dyad.source), ("target", dyad.target)]
            found = {
                "source": any(
                    match.same(e.source_text, e.source, dyad.source) for e in result.events
                ),
                "target": any(
                    match.same(e.target_text, e.target, dyad.target) for e in result.events
                ),
            }
            if all(found.values()):
                causes["pairing"] += 1
                examples["pairing"].append(f"{dyad.source!r} -> {dyad.target!r}: {record.text}")
                continue
            for side, span in sides:
                if found[side]:
                    continue
                cause = span_cause(coder, span, resolved[span], bool(result.events))
                causes[cause] += 1
                examples[cause].append(f"{side} {span!r} ({codes[span]}): {record.text}")

    figures = report.as_dict()
    print(
        f"{args.gold.name}: {figures['dyads']} dyads, actors {figures['actors']:.3f}, swapped "
        f"{figures['swapped']:.3f}, main event {figures['main_event']:.3f} "
        f"of {figures['main_event_sentences']}"
    )
    missed = report.dyads - report.covered
    print(f"{missed} dyads missed; causes, per missed side (a dyad may miss both sides):")
    total = sum(causes.values())
    for cause, n in causes.most_common():
        print(f"  {cause:34} {n:5}  {n / max(total, 1):6.1%}")
    if checked["checked sides"]:
        print(
            f"covered dyads with gold codes (PLOVER records): {checked['checked sides']} actor "
            f"sides, wrong country {checked['wrong country']}, wrong role {checked['wrong role']}"
        )
    for cause in causes if args.show == "all" else [args.show] if args.show else []:
        print(f"\n{cause}:")
        for line in examples.get(cause, []):
            print(f"  {line}")


if __name__ == "__main__":
    main()
