"""Story texts and pages for the watch tests, in the words of the store tests' dictionaries.
Each text carries its own number every few words, so that no two are near-duplicates."""

from __future__ import annotations

from .server import FeedServer, Route, article, rss

PAIRS = [
    ("France", "attacked", "Mali"),
    ("Russia", "condemned", "Ukraine"),
    ("Niger", "met", "Mali"),
    ("ECOWAS", "suspended", "Niger"),
    ("Ukraine", "accused", "Russia"),
]


def news_text(n: int, pair: tuple[str, str, str] | None = None) -> str:
    a, verb, b = pair or PAIRS[n % len(PAIRS)]
    return (
        f"Dispatch {n} of the wire. {a} {verb} {b} on day {n}, officials {n} said. "
        f"Reporter {n} filed the account from desk {n} before noon {n}."
    )


def add_article(
    server: FeedServer, n: int, date: str = "2021-06-04", pair: tuple[str, str, str] | None = None
) -> tuple[str, str, str, str]:
    """Serve article n at /a/n; its feed item (guid, title, link, summary)."""
    path = f"/a/{n}"
    server.routes[path] = Route(article(f"Headline {n}", date, [news_text(n, pair)]))
    return (f"guid-{n}", f"Headline {n}", server.url(path), f"Summary of dispatch {n}.")


def serve_feed(server: FeedServer, path: str, items: list[tuple[str, str, str, str]]) -> str:
    server.routes[path] = Route(rss(f"Feed {path}", items), "application/rss+xml")
    return server.url(path)
