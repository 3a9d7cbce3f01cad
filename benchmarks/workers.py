"""Throughput against the number of worker processes, memory per worker, and cost.

Codes ../shared/corpus/guardian_articles.jsonl (or the JSONL file given) four times, each in a
fresh process: (a) one process, as `tocsin code` does by default; (b) a pool of 1 worker process
and (c) a pool of 2 worker processes (`tocsin.run.parallel.CoderPool`, as
`tocsin code --workers N`);
(d) a Dask LocalCluster of 2 worker processes writing Parquet (as `tocsin code --dask local`).
Times are end to end: from reading the first story, model loading included, to the last event.
Prints sentences per second, the speed-up over (a), the peak resident memory of each process that
coded (VmHWM), the cost in core-hours per million sentences (wall time x processes), and whether
every run coded exactly the same events.

    .venv/bin/python benchmarks/workers.py [CORPUS.jsonl] [--limit N] [--batch-size B]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "guardian_articles.jsonl"


def peak_rss_mb(pid: int) -> float:
    """The peak resident memory of a live process (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(mode: str, corpus: Path, workers: int, limit: int | None, batch: int | None) -> dict:
    if mode == "dask":
        return measure_dask(corpus, workers, limit, batch)
    from tocsin.io.inputs import read_inputs
    from tocsin.records import Story
    from tocsin.run.parallel import CodedStory, CoderPool, CoderSettings, code_each

    def stories() -> Iterator[Story]:
        for number, story in enumerate(read_inputs([str(corpus)])):
            if limit is not None and number >= limit:
                return
            yield story

    digest = hashlib.sha256()
    counts = {"stories": 0, "sentences": 0, "events": 0}
    started = time.perf_counter()

    def tally(coded: CodedStory) -> None:
        counts["stories"] += 1
        counts["sentences"] += coded.sentences
        for event in coded.events:
            counts["events"] += 1
            digest.update(json.dumps(event.to_dict(), sort_keys=True).encode())

    if mode == "serial":
        from tocsin.coding.coder import Coder
        from tocsin.coding.nlp import Parser

        parser = Parser(batch_size=batch) if batch else Parser()
        for coded in code_each(Coder(parser=parser), stories()):
            tally(coded)
        elapsed = time.perf_counter() - started
        peaks = [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]
        processes = 1
    else:
        settings = CoderSettings(batch_size=batch) if batch else CoderSettings()
        with CoderPool(workers, settings) as pool:
            for _story, coded in pool.code_each(stories()):
                tally(coded)
            elapsed = time.perf_counter() - started
            peaks = [peak_rss_mb(p.pid) for p in multiprocessing.active_children() if p.pid]
        processes = workers
    return {
        "mode": mode,
        "workers": processes,
        **counts,
        "seconds": elapsed,
        "sentences_per_second": counts["sentences"] / elapsed,
        "peak_rss_mb": sorted(peaks),
        "core_hours_per_million": elapsed * processes / 3600 / counts["sentences"] * 1e6,
        "events_sha256": digest.hexdigest()[:16],
    }


def own_peak_rss_mb() -> float:
    return peak_rss_mb(os.getpid())


def measure_dask(corpus: Path, workers: int, limit: int | None, batch: int | None) -> dict:
    """A LocalCluster of `workers` processes writing Parquet, end to end (cluster start too)."""
    import tempfile

    import pyarrow.parquet as pq

    from tocsin.run.distributed import code_distributed, dask_client
    from tocsin.run.parallel import CoderSettings

    settings = CoderSettings(batch_size=batch) if batch else CoderSettings()
    with tempfile.TemporaryDirectory() as folder:
        source = corpus
        if limit is not None:
            source = Path(folder) / "stories.jsonl"
            with corpus.open(encoding="utf-8") as lines:
                source.write_text("".join(itertools.islice(lines, limit)))
        out = Path(folder) / "events"
        started = time.perf_counter()
        with dask_client("local", workers) as client:
            summary = code_distributed([str(source)], client, out=out, settings=settings)
            elapsed = time.perf_counter() - started
            peaks = list(client.run(own_peak_rss_mb).values())
        digest = hashlib.sha256()
        for part in sorted(out.glob("part-*.parquet")):
            for row in pq.read_table(part).to_pylist():
                row["date"] = row["date"].isoformat() if row["date"] else None
                row["evidence"] = json.loads(row["evidence"])
                digest.update(json.dumps(row, sort_keys=True).encode())
    return {
        "mode": "dask",
        "workers": workers,
        "stories": summary.stories,
        "sentences": summary.sentences,
        "events": summary.events,
        "seconds": elapsed,
        "sentences_per_second": summary.sentences / elapsed,
        "peak_rss_mb": sorted(peaks),
        "core_hours_per_million": elapsed * workers / 3600 / summary.sentences * 1e6,
        "events_sha256": digest.hexdigest()[:16],
    }


def run(corpus: Path, mode: str, workers: int, limit: int | None, batch: int | None) -> dict:
    cmd = [sys.executable, __file__, str(corpus), "--run", mode, "--workers", str(workers)]
    if limit:
        cmd += ["--limit", str(limit)]
    if batch:
        cmd += ["--batch-size", str(batch)]
    load = os.getloadavg()[0]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    result: dict = json.loads(out.strip().splitlines()[-1])
    result["load_before"] = load
    return result


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None, help="code only the first N stories")
    ap.add_argument("--batch-size", type=int, default=None, help="spaCy batch size (docs)")
    ap.add_argument("--run", choices=["serial", "pool", "dask"], help=argparse.SUPPRESS)
    ap.add_argument("--no-dask", action="store_true", help="leave out the Dask LocalCluster run")
    ap.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: corpus not found; pass a JSONL file of stories")
    if args.run:
        print(json.dumps(measure(args.run, args.corpus, args.workers, args.limit, args.batch_size)))
        return
    runs = [
        ("(a) one process", run(args.corpus, "serial", 1, args.limit, args.batch_size)),
        ("(b) pool, 1 worker", run(args.corpus, "pool", 1, args.limit, args.batch_size)),
        ("(c) pool, 2 workers", run(args.corpus, "pool", 2, args.limit, args.batch_size)),
    ]
    if not args.no_dask:
        runs.append(
            ("(d) Dask, 2 workers", run(args.corpus, "dask", 2, args.limit, args.batch_size))
        )
    base = runs[0][1]
    print(
        f"corpus: {args.corpus} ({base['stories']} stories, {base['sentences']} sentences, "
        f"{base['events']} events); {os.cpu_count()} cores"
    )
    for label, r in runs:
        peaks = ", ".join(f"{p:.0f}" for p in r["peak_rss_mb"])
        print(
            f"{label:20s}: {r['sentences_per_second']:6.1f} sentences/s in {r['seconds']:5.1f} s"
            f"  speed-up {r['sentences_per_second'] / base['sentences_per_second']:.2f}x"
            f"  peak RSS per process {peaks} MB"
            f"  {r['core_hours_per_million']:.2f} core-h per million sentences"
            f"  (load avg before {r['load_before']:.2f})"
        )
    ratio = runs[2][1]["sentences_per_second"] / runs[1][1]["sentences_per_second"]
    print(f"2 workers vs 1 worker: {ratio:.2f}x")
    same = len({r["events_sha256"] for _, r in runs}) == 1
    print(f"identical events in every run: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
