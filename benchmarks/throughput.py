"""Throughput and peak memory: spaCy parsing alone vs the whole coder.

Codes ../shared/corpus/guardian_articles.jsonl (or the JSONL file given) twice, each in a fresh
process: (a) parsing only, with the same spaCy components the coder uses, and (b) the whole coder.
Prints sentences per second (wall clock, and per CPU-second, which other load on the machine
disturbs less), events, and peak resident memory of each, and their ratios.

    .venv/bin/python benchmarks/throughput.py [CORPUS.jsonl] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "guardian_articles.jsonl"


def measure(mode: str, corpus: Path, limit: int | None) -> dict[str, float]:
    from tocsin.coding.nlp import Parser
    from tocsin.io.inputs import read_inputs

    stories = list(read_inputs([str(corpus)]))[:limit]
    started = time.perf_counter()
    parser = Parser()
    if mode == "code":
        from tocsin.coding.coder import Coder

        coder = Coder(parser=parser)
    load = time.perf_counter() - started
    sentences = events = 0
    started = time.perf_counter()
    cpu_started = time.process_time()
    if mode == "parse":
        for _story, parsed in parser.parse(stories):
            sentences += len(parsed)
    else:
        for story, parsed in parser.parse(stories):
            sentences += len(parsed)
            events += sum(1 for _ in coder.code_parsed(story, parsed))
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "stories": len(stories),
        "sentences": sentences,
        "events": events,
        "seconds": elapsed,
        "sentences_per_second": sentences / elapsed,
        "sentences_per_cpu_second": sentences / cpu,
        "load_seconds": load,
        "peak_rss_mb": peak_mb,
    }


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None, help="code only the first N stories")
    ap.add_argument("--mode", choices=["parse", "code"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: corpus not found; pass a JSONL file of stories")
    if args.mode:
        print(json.dumps(measure(args.mode, args.corpus, args.limit)))
        return
    results = {}
    for mode in ("parse", "code"):
        cmd = [sys.executable, __file__, str(args.corpus), "--mode", mode]
        if args.limit:
            cmd += ["--limit", str(args.limit)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        results[mode] = json.loads(out.strip().splitlines()[-1])
    p, c = results["parse"], results["code"]
    print(f"corpus: {args.corpus} ({p['stories']} stories, {p['sentences']} sentences)")
    for label, r in (("(a) parse only ", p), ("(b) whole coder", c)):
        print(
            f"{label}: {r['sentences_per_second']:8.1f} sentences/s wall,"
            f" {r['sentences_per_cpu_second']:8.1f} per CPU-second"
            f"  peak {r['peak_rss_mb']:.0f} MB  load {r['load_seconds']:.2f} s"
            f"  events {r['events']}"
        )
    wall = c["sentences_per_second"] / p["sentences_per_second"]
    cpu = c["sentences_per_cpu_second"] / p["sentences_per_cpu_second"]
    print(f"coder / parse-only throughput: {wall:.2f} (wall clock), {cpu:.2f} (CPU time)")


if __name__ == "__main__":
    main()
