"""HTTP load on the API: requests/s and p99 latency of /api/events and of a dyad time series on
a store of 1M synthetic events (benchmarks/store.py's generator), served by `tocsin serve`'s app
under uvicorn (one process) on 127.0.0.1.

The load tool is Debian's `hey` when installed (`apt-get install hey`), else this script's own
asyncio client (keep-alive HTTP/1.1). Either way every run is bounded: --requests per endpoint,
--concurrency connections, a time limit, and only the server this script started on loopback.

    .venv/bin/python benchmarks/load.py [--events 1000000] [--db PATH] [--requests 3000]
                                        [--concurrency 16] [--tool hey|python]

--db keeps the store between runs (built when missing); without it a temporary store is built
(about a minute for 1M events) and removed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from store import EVENTS_PER_STORY, synthetic
from tocsin.store import open_store

HOST = "127.0.0.1"
TIME_LIMIT_S = 120.0  # per endpoint
ENDPOINTS = (
    ("events, newest first (page of 50)", "/api/events?limit=50"),
    ("events, exact total of 1M", "/api/events?limit=50&count_limit=100000000"),
    ("events of a dyad (FRA -> MLI, page of 50)", "/api/events?source=FRA&target=MLI&limit=50"),
    ("dyad series (FRA -> MLI, by week)", "/api/dyads/series?source=FRA&target=MLI&by=week"),
    ("dyad series (USA -> CHN, by month)", "/api/dyads/series?source=USA&target=CHN&by=month"),
)
SERVER = (
    "import sys, uvicorn\n"
    "from tocsin.web import create_app\n"
    "uvicorn.run(create_app(sys.argv[1], pool_size=16), host=sys.argv[2], port=int(sys.argv[3]), "
    "log_level='warning', access_log=False)"
)


@dataclass(frozen=True)
class Figures:
    requests: int
    ok: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def build(db: Path, events: int) -> None:
    with open_store(db) as store:
        have = store.count_events()
        if have >= events:
            print(f"store {db}: {have:,} events (kept)", flush=True)
            return
        if have:
            raise SystemExit(f"{db} holds {have:,} events, fewer than {events:,}: remove it first")
        started = time.perf_counter()
        store.add_stories(synthetic(events // EVENTS_PER_STORY), batch_size=500)
        count = store.count_events()
    print(f"store {db}: {count:,} events written in {time.perf_counter() - started:.0f} s",
          flush=True)  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen([sys.executable, "-c", SERVER, str(db), HOST, str(port)])
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/api/summary", timeout=30) as r:
                summary = json.load(r)
            print(f"server on {HOST}:{port}: {summary['events']:,} events", flush=True)
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise SystemExit("the server did not start") from None
            time.sleep(0.2)


def run_hey(url: str, requests: int, concurrency: int) -> Figures:
    out = subprocess.run(
        ["hey", "-n", str(requests), "-c", str(concurrency), "-t", "30", url],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT_S,
        check=True,
    ).stdout
    total = float(re.search(r"Total:\s+([\d.]+) secs", out).group(1))  # type: ignore[union-attr]
    p50 = float(re.search(r"50% in ([\d.]+) secs", out).group(1))  # type: ignore[union-attr]
    p99 = float(re.search(r"99% in ([\d.]+) secs", out).group(1))  # type: ignore[union-attr]
    statuses = {int(c): int(n) for c, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", out)}
    done = sum(statuses.values())
    return Figures(done, statuses.get(200, 0), total, p50 * 1000, p99 * 1000)


async def _client(port: int, path: str, left: list[int], deadline: float,
                  latencies: list[float], statuses: list[int]) -> None:  # fmt: skip
    reader, writer = await asyncio.open_connection(HOST, port)
    request = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n\r\n".encode()
    try:
        while left[0] > 0 and time.monotonic() < deadline:
            left[0] -= 1
            started = time.perf_counter()
            writer.write(request)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))  # type: ignore[union-attr]
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            statuses.append(int(head.split(b" ", 2)[1]))
    finally:
        writer.close()


def run_python(port: int, path: str, requests: int, concurrency: int) -> Figures:
    latencies: list[float] = []
    statuses: list[int] = []
    left = [requests]
    deadline = time.monotonic() + TIME_LIMIT_S

    async def main() -> None:
        await asyncio.gather(*(_client(port, path, left, deadline, latencies, statuses)
                               for _ in range(concurrency)))  # fmt: skip

    started = time.perf_counter()
    asyncio.run(main())
    seconds = time.perf_counter() - started
    latencies.sort()
    p50 = latencies[len(latencies) // 2]
    p99 = latencies[min(len(latencies) - 1, round(0.99 * len(latencies)) - 1)]
    return Figures(len(statuses), statuses.count(200), seconds, p50 * 1000, p99 * 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="keep the store here (built when missing)")
    parser.add_argument("--requests", type=int, default=3000, help="per endpoint")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--tool", choices=["hey", "python"],
                        default="hey" if shutil.which("hey") else "python")  # fmt: skip
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tocsin-load-") as folder:
        db = args.db or Path(folder) / "load.sqlite"
        build(db, args.events)
        port = free_port()
        server = start_server(db, port)
        try:
            print(f"load: {args.tool}, {args.requests} requests per endpoint, "
                  f"{args.concurrency} connections, one uvicorn process", flush=True)  # fmt: skip
            for name, path in ENDPOINTS:
                url = f"http://{HOST}:{port}{path}"
                for _ in range(10):  # warm the caches
                    urllib.request.urlopen(url, timeout=60).read()
                if args.tool == "hey":
                    figures = run_hey(url, args.requests, args.concurrency)
                else:
                    figures = run_python(port, path, args.requests, args.concurrency)
                print(f"  {name:50s} {figures.per_second:8,.0f} req/s  "
                      f"p50 {figures.p50_ms:7.1f} ms  p99 {figures.p99_ms:7.1f} ms  "
                      f"({figures.ok}/{figures.requests} OK)", flush=True)  # fmt: skip
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
