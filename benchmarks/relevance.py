"""Relevance on a corpus: how many stories are political news, and why each one is not.

    .venv/bin/python benchmarks/relevance.py STORIES.jsonl [--sample N] [--seed S] [--sheet OUT]

Draws N stories at random (fixed seed) from a JSONL file of stories (`id`, `text`, and `date`,
`title`, `url` where known), classifies each (`Coder.classify`, docs/relevance.md) and prints the
count of each topic. `--sheet` writes one JSON line a story (id, topic, scores, the cues that
counted, the opening of the text) to review by hand: read the text, say whether the topic is
right. Measure only: never add cues for the stories of a measured sample.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from pathlib import Path
from typing import Any

from tocsin.coding.coder import build_coder
from tocsin.records import Story

OPENING_CHARS = 400


def read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("stories", type=Path)
    parser.add_argument("--sample", type=int, default=0, help="Stories drawn (0: all).")
    parser.add_argument("--seed", type=int, default=15, help="Seed of the draw.")
    parser.add_argument("--sheet", type=Path, help="Write the review sheet (JSONL) here.")
    args = parser.parse_args()
    records = read(args.stories)
    if args.sample and args.sample < len(records):
        records = random.Random(args.seed).sample(records, args.sample)
    coder = build_coder()
    started = time.perf_counter()
    rows = []
    for r in records:
        story = Story(str(r["id"]), r["text"], r.get("date"), r.get("title"), r.get("url"))
        decision = coder.classify(story)
        rows.append({**decision.to_dict(), "opening": r["text"][:OPENING_CHARS]})
    elapsed = time.perf_counter() - started
    counts = Counter(row["topic"] for row in rows)
    shown = ", ".join(f"{topic} {n}" for topic, n in counts.most_common())
    print(f"{args.stories.name}: {len(rows)} stories (seed {args.seed}): {shown}")
    print(f"non-political: {len(rows) - counts['political']} of {len(rows)} ({elapsed:.1f} s)")
    if args.sheet:
        with args.sheet.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
