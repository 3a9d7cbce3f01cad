"""Store throughput and query latency on synthetic events, for both backends.

Writes N synthetic events (5 per story) into a fresh SQLite file and into a fresh PostgreSQL
server started on loopback with its default durability (fsync on), then times queries of one
dyad over a 90-day range. The first --per-story stories are written one transaction per story,
as `tocsin ingest` does; the rest in bulk (`Store.add_stories`, 500 stories per transaction).
Coding is not timed here (see throughput.py): these are the store's own figures.

    .venv/bin/python benchmarks/store.py [--events 1000000] [--per-story 20000] [--queries 300]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from tocsin.coding.coder import event_id
from tocsin.knowledge.ontology import Ontology
from tocsin.records import Event, Evidence, Story
from tocsin.store import EventFilter, Store, open_store
from tocsin.store.pgserver import TemporaryPostgres, find_bindir

COUNTRIES = ["FRA", "MLI", "NER", "RUS", "UKR", "USA", "CHN", "DEU", "GBR", "TUR", "IRN", "ISR",
             "PSE", "SYR", "IRQ", "EGY", "ETH", "SDN", "NGA", "KEN", "IND", "PAK", "AFG", "JPN",
             "KOR", "PRK", "BRA", "VEN", "COL", "MEX"]  # fmt: skip
ROLES = ["", "GOV", "MIL", "COP", "OPP", "REB", "GOVMIL", "CVL", "MED", "BUS"]
EVENTS_PER_STORY = 5
START = dt.date(2015, 1, 1)


def synthetic(stories: int, seed: int = 7) -> Iterator[tuple[Story, list[Event]]]:
    """Stories of five events each: random dyads, codes and dates over ten years."""
    rng = random.Random(seed)
    ontology = Ontology.load()
    kinds = [t for t in ontology if len(t.code) >= 3]
    for n in range(stories):
        sid = f"bench-{n:08d}"
        date = START + dt.timedelta(days=rng.randrange(3650))
        sentences = [f"Sentence {k} of story {n}, about nothing much at all." for k in range(6)]
        story = Story(sid, " ".join(sentences), date, url=f"https://bench.test/{n}")
        events = []
        for k in range(EVENTS_PER_STORY):
            source = rng.choice(COUNTRIES) + rng.choice(ROLES)
            target = rng.choice(COUNTRIES) + rng.choice(ROLES)
            kind = rng.choice(kinds)
            evidence = Evidence("verb", (1,), "bench", "bench.tsv:1", (0, 1), (2, 3),
                                ("a.tsv:1",), ("a.tsv:2",))  # fmt: skip
            events.append(
                Event(
                    id=event_id(sid, k, 1, source, target, kind.code),
                    story_id=sid,
                    sentence_index=k,
                    date=date,
                    source=source,
                    source_text=source.title(),
                    target=target,
                    target_text=target.title(),
                    code=kind.code,
                    root_code=kind.root,
                    name=kind.name,
                    quad_class=kind.quad_class,
                    phoenix_quad=kind.phoenix_quad,
                    goldstein=kind.goldstein,
                    plover=kind.plover_type,
                    sentence=sentences[k],
                    evidence=evidence,
                )
            )
        yield story, events


def load(store: Store, stories: int, per_story: int) -> dict[str, float]:
    items = synthetic(stories)
    started = time.perf_counter()
    for _ in range(min(per_story, stories)):
        store.add_story(*next(items))
    single = time.perf_counter() - started
    started = time.perf_counter()
    store.add_stories(items, batch_size=500)
    bulk = time.perf_counter() - started
    bulk_stories = max(stories - per_story, 0)
    return {
        "per_story_stories_s": min(per_story, stories) / single if single else 0.0,
        "bulk_stories_s": bulk_stories / bulk if bulk else 0.0,
        "total_s": single + bulk,
    }


def query_latency(store: Store, queries: int, seed: int = 11) -> dict[str, float]:
    rng = random.Random(seed)
    times, rows = [], 0
    for _ in range(queries):
        source, target = rng.sample(COUNTRIES, 2)
        since = START + dt.timedelta(days=rng.randrange(3650 - 90))
        where = EventFilter(source=(source,), target=(target,), since=since,
                            until=since + dt.timedelta(days=90))  # fmt: skip
        started = time.perf_counter()
        rows += len(list(store.events(where)))
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "p50_ms": statistics.median(times),
        "p99_ms": times[min(len(times) - 1, round(0.99 * len(times)) - 1)],
        "rows_per_query": rows / queries,
    }


def run(name: str, url: str, args: argparse.Namespace) -> None:
    stories = args.events // EVENTS_PER_STORY
    with open_store(url) as store:
        figures = load(store, stories, args.per_story)
        events = store.count_events()
        assert events == stories * EVENTS_PER_STORY, events
        latency = query_latency(store, args.queries)
    print(
        f"{name:10s} {events:,} events in {stories:,} stories, {figures['total_s']:.0f} s\n"
        f"  ingest, one transaction per story (first {min(args.per_story, stories):,}): "
        f"{figures['per_story_stories_s']:,.0f} stories/s, "
        f"{figures['per_story_stories_s'] * EVENTS_PER_STORY:,.0f} events/s\n"
        f"  ingest, bulk (500 stories per transaction): {figures['bulk_stories_s']:,.0f} "
        f"stories/s, {figures['bulk_stories_s'] * EVENTS_PER_STORY:,.0f} events/s\n"
        f"  dyad + 90-day range query ({args.queries} queries, "
        f"{latency['rows_per_query']:.1f} rows each): p50 {latency['p50_ms']:.2f} ms, "
        f"p99 {latency['p99_ms']:.2f} ms",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--per-story", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tocsin-bench-") as folder:
        if args.backend in ("sqlite", "both"):
            path = Path(folder) / "bench.sqlite"
            run("sqlite", str(path), args)
            size = sum(p.stat().st_size for p in Path(folder).glob("bench.sqlite*"))
            print(f"  file size {size / 1e6:,.0f} MB", flush=True)
        if args.backend in ("postgres", "both"):
            if find_bindir() is None:
                print("postgres   skipped: PostgreSQL is not installed")
                return
            with TemporaryPostgres(durable=True) as server:
                run("postgres", server.url, args)


if __name__ == "__main__":
    main()
