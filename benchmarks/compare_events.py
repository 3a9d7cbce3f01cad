"""Compare two event files (JSONL from `tocsin code`): the events only in one, and the fields
that differ for the same event id. Used to check that a change keeps the coder's output (or to
list exactly what it changed).

    .venv/bin/tocsin code ../shared/corpus/guardian_articles.jsonl --out before.jsonl
    ... change ...
    .venv/bin/tocsin code ../shared/corpus/guardian_articles.jsonl --out after.jsonl
    .venv/bin/python benchmarks/compare_events.py before.jsonl after.jsonl [--show 20]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any


def read_events(path: Path) -> dict[str, dict[str, Any]]:
    events: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                events[record["id"]] = record
    return events


def brief(event: dict[str, Any]) -> str:
    return (
        f"{event['story_id']}#{event['sentence_index']} {event['source']} -> "
        f"{event['target'] or '-'} {event['code']}: {event['sentence'][:110]}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--show", type=int, default=10, help="examples of each kind to print")
    args = parser.parse_args()
    before, after = read_events(args.before), read_events(args.after)
    gone = [before[k] for k in before if k not in after]
    new = [after[k] for k in after if k not in before]
    changed: Counter[str] = Counter()
    examples: list[str] = []
    for key in before.keys() & after.keys():
        fields = [f for f in before[key] if before[key][f] != after[key].get(f)]
        fields += [f for f in after[key] if f not in before[key]]
        changed.update(fields)
        if fields and len(examples) < args.show:
            examples.append(f"  {brief(after[key])}  [{', '.join(fields)}]")
    print(f"events before: {len(before)}, after: {len(after)}")
    print(f"same id in both: {len(before.keys() & after.keys())}")
    print(f"only before: {len(gone)}, only after: {len(new)}")
    print(f"same id, a field differs: {dict(changed) or 'none'}")
    for title, rows in (("only before", gone), ("only after", new)):
        if rows:
            print(f"{title} (first {min(args.show, len(rows))}):")
            for row in rows[: args.show]:
                print(f"  {brief(row)}")
    if examples:
        print("changed fields (first examples):")
        print("\n".join(examples))


if __name__ == "__main__":
    main()
