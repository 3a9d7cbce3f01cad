"""A hand-audit sheet: events drawn at random from a real-news corpus, for a person to judge.

Codes ../shared/corpus/guardian_articles.jsonl (or the JSONL file given), draws N events with a
fixed seed, and writes a Markdown sheet with, per event, the sentence, the source and target
(words, code, how each was resolved) and empty verdict cells: is the source's country right, its
role, the target's country, its role. A judged sheet is kept under docs/accuracy/ with its date;
`--score SHEET` counts the verdicts of a judged sheet (y = right, n = wrong, - = no target).

    .venv/bin/python benchmarks/audit_sheet.py --out docs/accuracy/audit-YYYY-MM-DD.md
    .venv/bin/python benchmarks/audit_sheet.py --score docs/accuracy/audit-YYYY-MM-DD.md
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

from tocsin.coding.coder import Coder
from tocsin.io.inputs import read_inputs

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "guardian_articles.jsonl"
COLUMNS = ("source country", "source role", "target country", "target role")


def draw(corpus: Path, n: int, seed: int) -> list[dict[str, str]]:
    coder = Coder()
    events = [e.to_dict() for e in coder.code(read_inputs([str(corpus)]))]
    rng = random.Random(seed)
    return sorted(rng.sample(events, min(n, len(events))), key=lambda e: (e["story_id"], e["id"]))


def cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")


def write_sheet(events: list[dict[str, str]], corpus: Path, seed: int, out: Path) -> None:
    lines = [
        f"# Hand audit of {len(events)} events drawn from {corpus.name} (seed {seed})",
        "",
        "Verdicts: y = right, n = wrong, - = no target. Country and role are judged against",
        "what the sentence (and its story) says, by CAMEO/ICEWS conventions.",
        "",
        "| # | story | sentence | source | target | event | " + " | ".join(COLUMNS) + " |",
        "|---|---|---|---|---|---|" + "---|" * len(COLUMNS),
    ]
    for k, e in enumerate(events, start=1):
        source = f"{cell(e['source_text'])} = {e['source']}"
        target = f"{cell(e['target_text'])} = {e['target']}" if e["target"] else "-"
        lines.append(
            f"| {k} | {e['story_id']} | {cell(e['sentence'])} | {source} | {target} | "
            f"{e['code']} {cell(e['name'])} |" + "  |" * len(COLUMNS)
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def score(sheet: Path) -> str:
    rows = [
        [c.strip() for c in line.strip().strip("|").split("|")]
        for line in sheet.read_text("utf-8").splitlines()
        if re.match(r"^\|\s*\d+\s*\|", line)
    ]
    verdicts = [r[-len(COLUMNS) :] for r in rows]
    judged = [v for v in verdicts if all(x in ("y", "n", "-") for x in v)]
    all_right = sum(all(x in ("y", "-") for x in v) for v in judged)
    parts = [f"{len(judged)} of {len(rows)} events judged; all four right: {all_right}"]
    for k, name in enumerate(COLUMNS):
        applicable = [v[k] for v in judged if v[k] != "-"]
        right = sum(x == "y" for x in applicable)
        parts.append(f"{name} {right}/{len(applicable)}")
    share = all_right / len(judged) if judged else 0.0
    return "; ".join(parts) + f"; share with source and target country and role right {share:.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--n", type=int, default=100, help="events to draw")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--out", type=Path, help="write the sheet here")
    ap.add_argument("--score", type=Path, help="count the verdicts of a judged sheet")
    args = ap.parse_args()
    if args.score:
        print(score(args.score))
        return
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: corpus not found; pass a JSONL file of stories")
    if not args.out:
        sys.exit("give --out SHEET.md (or --score SHEET.md)")
    events = draw(args.corpus, args.n, args.seed)
    write_sheet(events, args.corpus, args.seed, args.out)
    print(f"{len(events)} events written to {args.out}")


if __name__ == "__main__":
    main()
