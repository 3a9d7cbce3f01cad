"""Held-out real news: the accuracy figures on sentences nobody here wrote or tuned on.

    .venv/bin/python benchmarks/heldout.py [--show]

Data (benchmarks/data/, each record with the address it was taken from; see README there):
- heldout_news.jsonl: real news sentences in the dyads_dev format (`dyads` = [{source, target,
  plover}], `quad` where the sentence has a political event, `political` false for sport and
  market items that must code nothing);
- heldout_seed_story.jsonl + heldout_seed_keys.json: two real articles on the project's seed story
  (France, ECOWAS and the AU against Mali's junta, 2021) and its five key events.

Prints dyad actors and actors+type (the rule of ../shared/README.md), events per sentence, quad
accuracy counting uncoded records as wrong, events coded on non-political items, and key events of
the seed story found. Measure only: never change the coder for these sentences.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from misses import Scorer, code_records, event_line

DATA = Path(__file__).parent / "data"


def read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def dyad_figures(scorer: Scorer, records: list[dict[str, Any]], coded: dict[str, Any]) -> str:
    dyads = hit = typed = sentences = events = 0
    for r in records:
        if not r.get("dyads"):
            continue
        sentences += 1
        es = coded.get(r["id"], [])
        events += len(es)
        for d in r["dyads"]:
            dyads += 1
            covering = [e for e in es if scorer.covers(e, d)]
            hit += bool(covering)
            typed += any((e.get("plover") or "").upper() in d["plover"] for e in covering)
    return (
        f"dyads: {sentences} sentences, {dyads} dyads: actors {hit / dyads:.3f},"
        f" actors+type {typed / dyads:.3f}, events/sentence {events / sentences:.2f}"
    )


def quad_figures(records: list[dict[str, Any]], coded: dict[str, Any]) -> str:
    with_quad = [r for r in records if r.get("quad") is not None]
    right = sum(
        1
        for r in with_quad
        if coded.get(r["id"]) and coded[r["id"]][0]["phoenix_quad"] == r["quad"]
    )
    uncoded = sum(1 for r in with_quad if not coded.get(r["id"]))
    return (
        f"quad: {len(with_quad)} records: accuracy counting uncoded as wrong"
        f" {right / len(with_quad):.3f} ({uncoded} uncoded)"
    )


def seed_figures(coder: Any) -> tuple[str, list[str]]:
    from tocsin import Story
    from tocsin.records import parse_date

    stories = read(DATA / "heldout_seed_story.jsonl")
    keys = json.loads((DATA / "heldout_seed_keys.json").read_text("utf-8"))["key_events"]
    events = [
        e.to_dict()
        for e in coder.code(Story(s["id"], s["text"], parse_date(s["date"])) for s in stories)
    ]

    def found(key: dict[str, str]) -> bool:
        n = 3 if len(key["source"]) == 3 else len(key["source"])
        m = 3 if len(key["target"]) == 3 else len(key["target"])
        return any(
            e["source"][:n] == key["source"][:n]
            and e["target"][:m] == key["target"][:m]
            and e["root_code"] == key["root"]
            for e in events
        )

    hits = [k["name"] for k in keys if found(k)]
    lines = [event_line(e) for e in events]
    return f"seed story: {len(hits)} of {len(keys)} key events ({'; '.join(hits)})", lines


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--show", action="store_true", help="print the coded events too")
    args = ap.parse_args()
    from tocsin.coding.coder import build_coder

    coder = build_coder()  # the coder `tocsin code` runs, with place names
    records = read(DATA / "heldout_news.jsonl")
    coded = code_records(coder, records)

    def resolve(span: str) -> str:
        found = coder.resolve_actor(span)
        return found.code if found else ""

    print(dyad_figures(Scorer(resolve), records, coded))
    print(quad_figures(records, coded))
    nonpolitical = [r for r in records if r.get("political") is False]
    wrong = [r for r in nonpolitical if coded.get(r["id"])]
    print(f"non-political items: {len(nonpolitical)}, coded with an event: {len(wrong)}")
    seed, seed_events = seed_figures(coder)
    print(seed)
    if args.show:
        for r in records:
            print(f"- {r['text']}")
            for e in coded.get(r["id"], []):
                print(f"    {event_line(e)}")
        for line in seed_events:
            print(f"  seed: {line}")


if __name__ == "__main__":
    main()
