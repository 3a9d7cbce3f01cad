"""Gazetteer load time and memory, and name lookups per second.

Loads the bundled gazetteer in this (fresh) process, as the coder would once per process, and
prints the load time, the peak memory the load allocated (tracemalloc) and the process's peak
resident memory before and after. Target (issue 5): under 1 s and under 200 MB.

    .venv/bin/python benchmarks/gazetteer.py [--repeat N]
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc

NAMES = ["Gao", "Paris", "Santiago", "Cartagena", "Mali", "Texas", "Kidal", "the United States"]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20_000, help="lookups to time")
    args = ap.parse_args()

    from tocsin.knowledge.gazetteer import Gazetteer

    before = rss_mb()
    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    load = time.perf_counter() - started
    after = rss_mb()
    # A second load, traced, for what the load allocates at its peak (tracing slows it down).
    tracemalloc.start()
    Gazetteer.load()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    started = time.perf_counter()
    for k in range(args.repeat):
        gazetteer.lookup(NAMES[k % len(NAMES)])
    lookups = args.repeat / (time.perf_counter() - started)

    print(f"places:                 {len(gazetteer):,}")
    print(f"names:                  {len(gazetteer.names):,}")
    print(f"load time:              {load:.3f} s")
    print(f"allocated by the load:  {peak / 2**20:.1f} MB (tracemalloc peak)")
    print(f"peak RSS before/after:  {before:.1f} MB / {after:.1f} MB (+{after - before:.1f} MB)")
    print("  (before: the interpreter with numpy and tocsin imported, no spaCy model)")
    print(f"lookups:                {lookups:,.0f} per second")


if __name__ == "__main__":
    main()
