"""`tocsin watch` on a local server: 200 feeds of 20 items each (by default).

A ThreadingHTTPServer on 127.0.0.1 serves the feeds (with ETag and Last-Modified) and one article
page per item (a short news story of six sentences in the words of the built-in dictionaries).
The watch then runs three cycles against a fresh SQLite store with the built-in coder:

1. everything is new: every feed and every article page is fetched, every story coded and stored;
2. nothing is new: every feed answers 304 Not Modified;
3. nothing is new and the server ignores conditional requests: every feed is downloaded and
   parsed again, and every entry is recognised as already seen.

Printed: seconds per cycle, stories and events stored, HTTP requests served, and the peak
resident memory of the process (which includes the spaCy model) after each cycle. All requests
go to one host, so the per-host rate limit is raised to let them through (--host-rate).

    .venv/bin/python benchmarks/watch.py [--feeds 200] [--items 20] [--workers 1] [--db PATH]
"""

from __future__ import annotations

import argparse
import email.utils
import hashlib
import http.server
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from tocsin.coding.coder import Coder
from tocsin.run.parallel import CoderPool
from tocsin.run.watch import Watcher, WatchSettings
from tocsin.store import open_store

ACTORS = ["France", "Mali", "Niger", "Russia", "Ukraine", "Germany", "China", "Japan",
          "South Korea", "Turkey", "Iran", "Israel", "Egypt", "Kenya", "Brazil",
          "India"]  # fmt: skip
ACTS = ["met", "condemned", "accused", "praised", "attacked", "threatened",
        "signed an agreement with", "imposed sanctions on", "criticized", "urged"]  # fmt: skip
TOWNS = ["Paris", "Bamako", "Niamey", "Moscow", "Kyiv", "Berlin", "Beijing", "Tokyo", "Ankara"]


def story_text(n: int) -> str:
    """Six sentences, two of them events; the story's number recurs every few words, so that no
    two stories are near-duplicates (each is new to the watch)."""
    a = ACTORS[n % len(ACTORS)]
    b = ACTORS[(n * 7 + 3) % len(ACTORS)]
    if a == b:
        b = ACTORS[(n + 1) % len(ACTORS)]
    c = ACTORS[(n * 5 + 1) % len(ACTORS)]
    act, act2 = ACTS[n % len(ACTS)], ACTS[(n * 3 + 1) % len(ACTS)]
    town = TOWNS[n % len(TOWNS)]
    return (
        f"In report {n}, {a} {act} {b} on Tuesday, officials {n} said in {town}. "
        f"The statement {n} came after talks {n} that lasted {n % 9 + 2} hours. "
        f"Later {n}, {c} {act2} {a}, according to spokesman {n}. "
        f"Analysts {n} said the move {n} was expected and would be discussed again. "
        f"Markets {n} in {town} were calm, with volume {n} percent lower. "
        f"Further meetings {n} are planned, said source {n}."
    )


class _Server(http.server.ThreadingHTTPServer):
    request_queue_size = 256  # the default 5 drops connections (and costs a 1 s SYN retry)
    daemon_threads = True


class BenchServer:
    """Feeds /f/K.rss and pages /a/N; `conditional` turns ETag handling on and off."""

    def __init__(self, feeds: int, items: int) -> None:
        self.conditional = True
        self.requests = 0
        self.pages: dict[str, bytes] = {}
        self.feeds: dict[str, bytes] = {}
        self.httpd = _Server(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        for k in range(feeds):
            entries = []
            for j in range(items):
                n = k * items + j
                link = f"{self.base}/a/{n}"
                self.pages[f"/a/{n}"] = (
                    f"<html><head><title>Report {n}</title><meta property="
                    f'"article:published_time" content="2024-05-{n % 28 + 1:02d}"></head><body>'
                    f"<nav>Home | World</nav><article><h1>Report {n}</h1><p>{story_text(n)}</p>"
                    "</article><footer>Copyright</footer></body></html>"
                ).encode()
                entries.append(
                    f"<item><guid>n{n}</guid><title>Report {n}</title><link>{link}</link>"
                    f"<description>Summary {n}</description></item>"
                )
            self.feeds[f"/f/{k}.rss"] = (
                f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {k}</title>'
                + "".join(entries)
                + "</channel></rss>"
            ).encode()
        self.updated = email.utils.formatdate(usegmt=True)

    def _handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        bench = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                bench.requests += 1
                body = bench.feeds.get(self.path) or bench.pages.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if bench.conditional and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                kind = "application/rss+xml" if self.path.startswith("/f/") else "text/html"
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                if bench.conditional:
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", bench.updated)
                self.end_headers()
                self.wfile.write(body)

        return Handler

    def feed_urls(self) -> list[str]:
        return [self.base + path for path in self.feeds]


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--host-rate", type=float, default=10_000.0)
    parser.add_argument("--db", type=Path, help="store path (default: a temporary file)")
    args = parser.parse_args()

    server = BenchServer(args.feeds, args.items)
    threading.Thread(target=server.httpd.serve_forever, daemon=True).start()
    started = time.perf_counter()
    coder: Coder | CoderPool = Coder() if args.workers == 1 else CoderPool(args.workers)
    print(f"coder loaded in {time.perf_counter() - started:.1f} s, peak RSS {peak_mib():.0f} MiB")
    settings = WatchSettings(host_rate=args.host_rate, connections=args.connections, timeout=30)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "watch.sqlite"
        with open_store(db) as store:
            watcher = Watcher(store, coder, server.feed_urls(), settings)
            cycles = [
                ("everything new", True),
                ("nothing new (304)", True),
                ("nothing new, no conditional requests", False),
            ]
            print(f"{args.feeds} feeds x {args.items} items, {args.workers} worker(s), "
                  f"{args.connections} connections")  # fmt: skip
            for name, conditional in cycles:
                server.conditional = conditional
                before = server.requests
                report = watcher.run_cycle()
                rate = report.stories / report.seconds if report.seconds else 0.0
                print(
                    f"{name:38s} {report.seconds:7.2f} s  {report.stories:5d} stories "
                    f"({rate:5.1f}/s, {report.known} known, {report.duplicates} near-copies)  "
                    f"{report.events:5d} events  "
                    f"{server.requests - before:5d} requests  {report.unchanged:3d} unchanged  "
                    f"{len(report.failed)} failed  peak RSS {peak_mib():.0f} MiB"
                )
            print(f"store: {store.count_stories()} stories, {store.count_events()} events")
    if isinstance(coder, CoderPool):
        coder.close()
    server.httpd.shutdown()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
