"""A real-news audit you can repeat: draw N coded events at random and judge them by hand.

    .venv/bin/python benchmarks/audit.py draw [CORPUS.jsonl] [-n 150] [--seed 15] [--out SHEET.tsv]
    .venv/bin/python benchmarks/audit.py score SHEET.tsv [SHEET2.tsv]
    .venv/bin/python benchmarks/audit.py recode SHEET.tsv [SHEET2.tsv] [--show]

`draw` codes every story of the corpus (default ../shared/corpus/guardian_articles.jsonl), draws N
of the events with a fixed seed (the same coder and corpus give the same sheet) and writes a review
sheet: one row per event with its sentence, source, target, code and the pattern that fired,
followed by empty judge columns:

- `political`: y if the row is a real political event (not sport, business, history told as
  background, a non-event such as a hope or a question), else n;
- `actors`: y if the source's and the target's country and role are right, whatever the code
  (issue 14's hand check of actors; a `---` or empty target counts as right when the text names
  no target);
- `actors_root`: y if source, target and the CAMEO root are right (a `---` or empty target counts
  as right when the text names no target);
- `exact`: y if source, target and the full code are right;
- `target_ok`: for rows without a target only: y if the text names no target, n if it does;
- `correct`: what a careful CAMEO coder would write (free text), `note`: anything else.

`recode` codes the stories of a judged draw again with today's coder and says which judged events
stay, change or go, with the judges' verdicts on each group: how a change of the coder fares on
events already judged, without judging a new draw.

`score` prints the shares over the judged rows: political events, right actors and root, exactly
right, rows without a target and how many rightly so. Given two sheets of the same draw judged by
different people, it also prints where they disagree.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "guardian_articles.jsonl"
FIELDS = [
    "n",
    "event_id",
    "story_id",
    "date",
    "sentence",
    "source",
    "source_text",
    "target",
    "target_text",
    "code",
    "name",
    "pattern",
    "verb",
]
JUDGED = ["political", "actors", "actors_root", "exact", "target_ok", "correct", "note"]
NO_TARGET = ("", "---")


def draw(corpus: Path, n: int, seed: int) -> list[dict[str, Any]]:
    from tocsin.coding.coder import build_coder
    from tocsin.io.inputs import read_inputs

    coder = build_coder()  # the coder `tocsin code` runs, with place names
    events = [e.to_dict() for e in coder.code(read_inputs([str(corpus)]))]
    picked = sorted(
        random.Random(seed).sample(range(len(events)), min(n, len(events)))
    )  # in corpus order, which keeps a story's events together for the judge
    rows = []
    for i, index in enumerate(picked, start=1):
        e = events[index]
        rows.append(
            {
                "n": i,
                "event_id": e["id"],
                "story_id": e["story_id"],
                "date": e["date"] or "",
                "sentence": " ".join(e["sentence"].split()),
                "source": e["source"],
                "source_text": e["source_text"],
                "target": e["target"],
                "target_text": e["target_text"],
                "code": e["code"],
                "name": e["name"],
                "pattern": e["evidence"]["pattern_id"],
                "verb": e["evidence"]["verb_text"],
                **dict.fromkeys(JUDGED, ""),
            }
        )
    return rows


def write_sheet(rows: list[dict[str, Any]], out: Path | None, header: str) -> None:
    stream = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
    stream.write(header)
    writer = csv.DictWriter(stream, FIELDS + JUDGED, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    if out:
        stream.close()


def read_sheet(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text("utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def yes(row: dict[str, str], column: str) -> bool:
    return row.get(column, "").strip().lower() in ("y", "yes", "1")


def judged(row: dict[str, str]) -> bool:
    return bool(row.get("political", "").strip())


def score(rows: list[dict[str, str]]) -> dict[str, float | int]:
    done = [r for r in rows if judged(r)]
    n = len(done)
    untargeted = [r for r in done if r["target"] in NO_TARGET]

    def share(k: int, total: int) -> float:
        return round(k / total, 3) if total else 0.0

    with_actors = [r for r in done if r.get("actors", "").strip()]  # older sheets lack it
    return {
        "judged": n,
        "political": share(sum(yes(r, "political") for r in done), n),
        "actors": share(sum(yes(r, "actors") for r in with_actors), len(with_actors)),
        "actors_n": len(with_actors),
        "actors_root": share(sum(yes(r, "actors_root") for r in done), n),
        "exact": share(sum(yes(r, "exact") for r in done), n),
        "without_target": share(len(untargeted), n),
        "without_target_n": len(untargeted),
        "without_target_rightly": sum(yes(r, "target_ok") for r in untargeted),
    }


def disagreements(a: list[dict[str, str]], b: list[dict[str, str]]) -> list[str]:
    by_id = {r["event_id"]: r for r in b}
    out = []
    for r in a:
        other = by_id.get(r["event_id"])
        if not other or not (judged(r) and judged(other)):
            continue
        for column in ("political", "actors", "actors_root", "exact", "target_ok"):
            if yes(r, column) != yes(other, column):
                out.append(f"row {r['n']} {column}: {r[column] or '-'} vs {other[column] or '-'}")
    return out


def recode(
    rows: list[dict[str, str]], corpus: Path
) -> tuple[dict[str, list[dict[str, str]]], dict[str, list[dict[str, Any]]]]:
    """Code the stories of a judged draw again with today's coder and sort its rows: `kept` (an
    event of the sentence has the row's source, target and code), `changed` (the sentence codes
    other events) or `dropped` (it codes none); also each row's events now, by its `n`."""
    from tocsin.coding.coder import build_coder
    from tocsin.io.inputs import read_inputs

    ids = {r["story_id"] for r in rows}
    coder = build_coder()  # the coder `tocsin code` runs, with place names
    stories = [s for s in read_inputs([str(corpus)]) if str(s.id) in ids]
    by_sentence: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for event in coder.code(stories):
        e = event.to_dict()
        key = (str(e["story_id"]), " ".join(e["sentence"].split()))
        by_sentence.setdefault(key, []).append(e)
    kinds: dict[str, list[dict[str, str]]] = {"kept": [], "changed": [], "dropped": []}
    now: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        events = now[r["n"]] = by_sentence.get((r["story_id"], r["sentence"]), [])
        same = any(
            (e["source"], e["target"] or "", e["code"]) == (r["source"], r["target"], r["code"])
            for e in events
        )
        kinds["kept" if same else "changed" if events else "dropped"].append(r)
    return kinds, now


def verdicts(rows: list[dict[str, str]], sheets: list[list[dict[str, str]]], column: str) -> str:
    """How many of the judges' verdicts on the rows say y in `column`, of how many."""
    by_id = [{r["event_id"]: r for r in sheet} for sheet in sheets]
    ys = sum(yes(sheet[r["event_id"]], column) for r in rows for sheet in by_id)
    return f"{ys} of {len(rows) * len(sheets)}"


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = ap.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw", help="code a corpus and write a review sheet")
    d.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    d.add_argument("-n", type=int, default=150, help="events to draw (default 150)")
    d.add_argument("--seed", type=int, default=15, help="random seed (default 15)")
    d.add_argument("--out", type=Path, help="sheet to write (default: standard output)")
    s = sub.add_parser("score", help="figures of a judged sheet (two sheets: agreement too)")
    s.add_argument("sheets", nargs="+", type=Path)
    r = sub.add_parser(
        "recode", help="code a judged draw's stories again: which judged events stay, change, go"
    )
    r.add_argument("sheets", nargs="+", type=Path, help="judged sheets of one draw")
    r.add_argument("--corpus", type=Path, default=DEFAULT)
    r.add_argument("--show", action="store_true", help="list the changed and dropped rows")
    args = ap.parse_args()
    if args.command == "recode":
        sheets = [read_sheet(p) for p in args.sheets]
        kinds, now = recode(sheets[0], args.corpus)
        for kind, rows in kinds.items():
            print(
                f"{kind}: {len(rows)} events; verdicts political"
                f" {verdicts(rows, sheets, 'political')}, actors and root"
                f" {verdicts(rows, sheets, 'actors_root')}"
            )
        if args.show:
            for kind in ("changed", "dropped"):
                for row in kinds[kind]:
                    print(f"{kind} row {row['n']}: {row['source']} > {row['target']} {row['code']}")
                    print(f"    {row['sentence'][:120]}")
                    for e in now[row["n"]]:
                        print(f"    now {e['source']} > {e['target'] or ''} {e['code']}")
        return
    if args.command == "draw":
        if not args.corpus.exists():
            sys.exit(f"{args.corpus}: corpus not found; pass a JSONL file of stories")
        rows = draw(args.corpus, args.n, args.seed)
        header = (
            f"# tocsin audit sheet: {len(rows)} events drawn with seed {args.seed} from"
            f" {args.corpus.name} on {dt.date.today().isoformat()}\n"
            "# judge columns: see benchmarks/audit.py (y/n; target_ok only where the target"
            " is empty or ---)\n"
        )
        write_sheet(rows, args.out, header)
        return
    sheets = [read_sheet(p) for p in args.sheets]
    for path, rows in zip(args.sheets, sheets, strict=True):
        figures = score(rows)
        print(
            f"{path.name}: {figures['judged']} judged events; real political events"
            f" {figures['political']:.3f}, right actors (country and role)"
            f" {figures['actors']:.3f} of {figures['actors_n']}, right actors and root"
            f" {figures['actors_root']:.3f},"
            f" exactly right {figures['exact']:.3f}; without target {figures['without_target']:.3f}"
            f" ({figures['without_target_n']} events, {figures['without_target_rightly']} rightly)"
        )
    if len(sheets) == 2:
        diffs = disagreements(*sheets)
        print(f"judges disagree on {len(diffs)} judgements")
        for line in diffs:
            print("  " + line)


if __name__ == "__main__":
    main()
