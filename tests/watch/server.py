"""A local HTTP server for the watch tests: feeds and article pages that the test changes between
cycles, answers that fail on purpose (a 500, a timeout, malformed XML), conditional requests, and
a webhook receiver that records what it is sent."""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import http.server
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0  # seconds before answering (a timeout, for a short client limit)
    conditional: bool = True  # answer If-None-Match with 304 when the ETag matches

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


@dataclass
class Hook:
    """A webhook receiver: the JSON bodies POSTed to it; `fail` answers 500 that many times."""

    received: list[dict[str, Any]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    fail: int = 0


class _Server(http.server.ThreadingHTTPServer):
    request_queue_size = 64  # the default 5 drops connections (and costs a 1 s SYN retry)
    daemon_threads = True


class FeedServer:
    """ThreadingHTTPServer on 127.0.0.1; `routes` maps a path to what it serves."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hooks: dict[str, Hook] = {}
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.lock = threading.Lock()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                with server.lock:
                    server.requests.append(("GET", self.path, dict(self.headers)))
                    route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                if route.delay:
                    time.sleep(route.delay)
                if route.status != 200:
                    self.send_error(route.status)
                    return
                if route.conditional and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                if route.conditional:
                    self.send_header("ETag", route.etag)
                    self.send_header("Last-Modified", email.utils.formatdate(usegmt=True))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(route.body)  # unless the client gave up (a timeout test)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                with server.lock:
                    server.requests.append(("POST", self.path, dict(self.headers)))
                    hook = server.hooks.get(self.path)
                    if hook is not None and hook.fail > 0:
                        hook.fail -= 1
                        hook = None
                        status = 500
                    elif hook is not None:
                        hook.received.append(json.loads(body))
                        hook.keys.append(self.headers.get("Idempotency-Key", ""))
                        status = 200
                    else:
                        status = 404
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = _Server(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> FeedServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def gets(self, path: str) -> int:
        with self.lock:
            return sum(1 for method, p, _ in self.requests if method == "GET" and p == path)


def rss(title: str, items: list[tuple[str, str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (guid, title, link, summary) items, newest first."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<rss version="2.0"><channel><title>{title}</title><link>http://x.test/</link>',
    ]
    for guid, headline, link, summary in items:
        parts.append(
            f"<item><guid>{guid}</guid><title>{headline}</title><link>{link}</link>"
            f"<description>{summary}</description></item>"
        )
    parts.append("</channel></rss>")
    return "\n".join(parts).encode("utf-8")


def article(title: str, date: str, paragraphs: list[str], lang: str = "en") -> bytes:
    """An article page with navigation and footer around its text, dated in its metadata."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<html lang="{lang}"><head><title>{title}</title>'
        f'<meta property="article:published_time" content="{date}"></head>'
        f"<body><nav>Home | World | Sport | Weather</nav><article><h1>{title}</h1>{body}"
        "</article><footer>Copyright and cookie notices</footer></body></html>"
    ).encode()
