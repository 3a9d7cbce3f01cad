"""Why the coder misses real news: gold dyads and quad records sorted into error categories.

Codes the sentences of a dyad gold file (`../shared/gold/dyads_dev.jsonl` format: `dyads` =
[{source, target, plover}]) and of a quad gold file (`{id, text, quad}`), scores them with the
rule of ../shared/README.md (an event covers a gold dyad when its source and target texts share a
content word with the gold spans) and files every miss under one category:

- `statement`: the sentence's only event at the gold actors is a bare statement/comment (CAMEO
  01x) where gold records the act the speech reports (a dyad), or the first event of a quad record
  is a statement while the gold class is not 0.
- `dropped-target`: an event with the gold source has no target although gold names one.
- `wrong-actors`: events exist, but none has the gold source (or the target is another actor).
- `swapped`: the gold dyad is coded with source and target exchanged.
- `missed`: the sentence codes no event at all (quad: split into "no act found" and "act found,
  actors unknown").
- `wrong-code`: the actors are right, the PLOVER type (dyads) or quad class (quad) is not.
- `not-an-event`: events covering no gold dyad of their sentence (counted per event, reported
  apart from the misses; a dyad file does not list every dyad, so this is an upper bound).

    .venv/bin/python benchmarks/misses.py [--dyads FILE] [--quad FILE] [--show N] [--limit N]

With --show N, prints N examples of each category (sentence, gold, coded events).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared" / "gold"
STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "and",
        "or",
        "s",
        "its",
        "his",
        "her",
        "their",
        "former",
        "senior",
        "top",
        "new",
    ]
)
PRONOUNS = frozenset(
    ["it", "they", "he", "she", "we", "i", "its", "their", "his", "her", "them", "him", "us", "our"]
)
NO_TARGET = ("", "---")


def words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if w not in STOP}


class Scorer:
    """The reference dyad rule; pronouns are matched through the coder's actor resolution."""

    def __init__(self, resolve: Callable[[str], str]) -> None:
        self.resolve = resolve
        self._codes: dict[str, str] = {}

    def _code(self, span: str) -> str:
        if span not in self._codes:
            self._codes[span] = self.resolve(span)[:3]
        return self._codes[span]

    def same(self, text: str | None, code: str | None, span: str) -> bool:
        if len(re.findall(r"[a-z0-9]+", (text or "").lower())) > 12:
            return False
        if words(text) & words(span):
            return True
        if (text or "").lower() in PRONOUNS:
            resolved = self._code(span)
            return bool(resolved) and (code or "")[:3] == resolved
        return False

    def covers(self, event: dict[str, Any], dyad: dict[str, Any]) -> bool:
        return self.same(event["source_text"], event["source"], dyad["source"]) and self.same(
            event["target_text"], event["target"], dyad["target"]
        )


def is_statement(event: dict[str, Any]) -> bool:
    return str(event["code"]).startswith("01")


def dyad_category(scorer: Scorer, events: list[dict[str, Any]], dyad: dict[str, Any]) -> str:
    covering = [e for e in events if scorer.covers(e, dyad)]
    if covering:
        if any((e.get("plover") or "").upper() in dyad["plover"] for e in covering):
            return "right"
        return "statement" if all(is_statement(e) for e in covering) else "wrong-code"
    if not events:
        return "missed"
    same_source = [e for e in events if scorer.same(e["source_text"], e["source"], dyad["source"])]
    if any(e["target"] in NO_TARGET for e in same_source):
        return "dropped-target"
    if any(
        scorer.same(e["source_text"], e["source"], dyad["target"])
        and scorer.same(e["target_text"], e["target"], dyad["source"])
        for e in events
    ):
        return "swapped"
    if events and all(is_statement(e) for e in events):
        return "statement"
    return "wrong-actors"


def quad_category(gold: int, events: list[dict[str, Any]], act: str | None) -> str:
    if not events:
        return "missed (no act found)" if act is None else "missed (act found, actors unknown)"
    first = events[0]
    if first["phoenix_quad"] == gold:
        return "right"
    if is_statement(first) and gold != 0:
        return "statement"
    return "wrong-code"


def code_records(coder: Any, records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    from tocsin import Story

    stories = [Story(r["id"], r["text"], None) for r in records]
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in coder.code(stories):
        out[event.story_id].append(event.to_dict())
    return out


def event_line(e: dict[str, Any]) -> str:
    return (
        f"{e['source']}({e['source_text']}) -> {e['target'] or '-'}({e['target_text']})"
        f" {e['code']} {e.get('plover') or '-'} [{e['evidence']['pattern_id']}]"
    )


def analyse_dyads(coder: Any, scorer: Scorer, records: list[dict[str, Any]], show: int) -> None:
    coded = code_records(coder, records)
    tally: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    stray = stray_statements = with_dyads = events_n = 0
    for r in records:
        dyads = r.get("dyads") or []
        events = coded.get(r["id"], [])
        if not dyads:
            continue
        with_dyads += 1
        events_n += len(events)
        for d in dyads:
            category = dyad_category(scorer, events, d)
            tally[category] += 1
            if category != "right" and len(examples[category]) < show:
                coded_lines = "; ".join(event_line(e) for e in events) or "(none)"
                gold = f"{d['source']} -> {d['target']} {'|'.join(d['plover'])}"
                examples[category].append(
                    f"{r['text']}\n      gold: {gold}\n      coded: {coded_lines}"
                )
        for e in events:
            if not any(scorer.covers(e, d) for d in dyads):
                stray += 1
                stray_statements += is_statement(e)
    total = sum(tally.values())
    print(f"dyads: {total} gold dyads in {with_dyads} sentences, {events_n} events")
    report(tally, total, examples)
    print(
        f"  not-an-event (events covering no gold dyad): {stray}"
        f" ({stray / max(with_dyads, 1):.2f} per sentence), of which statements {stray_statements}"
    )


def analyse_quad(coder: Any, records: list[dict[str, Any]], show: int) -> None:
    from tocsin import Story

    coded = code_records(coder, records)
    tally: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for r in records:
        events = coded.get(r["id"], [])
        act = None if events else coder.main_action(Story(r["id"], r["text"], None))
        category = quad_category(int(r["quad"]), events, act)
        tally[category] += 1
        if category != "right" and len(examples[category]) < show:
            coded_lines = "; ".join(event_line(e) for e in events) or f"(none; first act {act})"
            examples[category].append(
                f"{r['text']}\n      gold quad {r['quad']}; coded: {coded_lines}"
            )
    total = sum(tally.values())
    print(f"quad: {total} records")
    report(tally, total, examples)


def report(tally: Counter[str], total: int, examples: dict[str, list[str]]) -> None:
    for category, n in tally.most_common():
        print(f"  {category:38s} {n:5d}  {n / max(total, 1):6.1%}")
        for example in examples.get(category, []):
            print(f"    - {example}")


def read_jsonl(path: Path, limit: int | None) -> list[dict[str, Any]]:
    if not path.exists():
        sys.exit(f"{path}: gold file not found; pass it with --dyads/--quad")
    rows: Iterable[str] = path.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in rows if line.strip()]
    return records[:limit]


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--dyads", type=Path, default=SHARED / "dyads_dev.jsonl")
    ap.add_argument("--quad", type=Path, default=SHARED / "quad_dev.jsonl")
    ap.add_argument("--skip", choices=["dyads", "quad"], help="analyse only the other file")
    ap.add_argument("--show", type=int, default=0, help="examples per category")
    ap.add_argument("--limit", type=int, default=None, help="only the first N records")
    args = ap.parse_args()
    from tocsin.coding.coder import build_coder

    coder = build_coder()  # the coder `tocsin code` runs, with place names

    def resolve(span: str) -> str:
        found = coder.resolve_actor(span)
        return found.code if found else ""

    if args.skip != "dyads":
        analyse_dyads(coder, Scorer(resolve), read_jsonl(args.dyads, args.limit), args.show)
    if args.skip != "quad":
        analyse_quad(coder, read_jsonl(args.quad, args.limit), args.show)


if __name__ == "__main__":
    main()
