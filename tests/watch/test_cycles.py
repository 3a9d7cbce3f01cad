"""Watch cycles against a local server whose feeds change between cycles: new and repeated
items, a feed that times out, a 500, malformed XML, a non-English page, a page that fails once;
folders where files appear; a list of sources. Every new story is stored once and none is lost."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from tocsin.coding.coder import Coder
from tocsin.run.watch import Watcher, WatchSettings, open_sink
from tocsin.store import open_store

from .server import FeedServer, Route, article
from .stories import add_article, news_text, serve_feed

FAST = WatchSettings(timeout=1.5, host_rate=1000, retry_after=0.001, settle=0.0)


def story_ids(db: str) -> set[str]:
    with open_store(db) as store:
        assert store.check() == [], "a story is stored without all its events"
        return set(store.story_ids())


def test_each_new_story_is_stored_once_and_failing_sources_are_retried(
    server: FeedServer, store_coder: Coder, db_url: str
) -> None:
    first = [add_article(server, n) for n in range(3)]
    french = ("guid-fr", "Coopération", server.url("/fr"), "")
    server.routes["/fr"] = Route(
        article(
            "La France suspend sa coopération",
            "2021-06-05",
            [
                "La France a suspendu sa coopération militaire avec le Mali, selon un communiqué "
                "publié jeudi à Paris par le ministère des Armées."
            ],
            lang="fr",
        )
    )
    flaky = add_article(server, 3)
    server.routes["/a/3"].status = 500  # the page fails once, then recovers
    good = serve_feed(server, "/good.rss", [flaky, *first, french])
    broken = serve_feed(server, "/500.rss", [add_article(server, 10)])
    server.routes["/500.rss"].status = 500
    slow = serve_feed(server, "/slow.rss", [add_article(server, 20)])
    server.routes["/slow.rss"].delay = 4.0
    malformed = server.url("/bad.rss")
    server.routes["/bad.rss"] = Route(b"<rss><channel><item><title>cut", "application/rss+xml")

    with open_store(db_url) as store:
        watcher = Watcher(store, store_coder, [good, broken, slow, malformed], FAST)
        one = watcher.run_cycle()
        assert one.stories == 4 and one.retrying == 1
        failed = dict(line.split(" (", 1) for line in one.failed)
        assert failed.keys() == {broken, slow, malformed}
        assert failed[broken] == "HTTP error 500; retry in 0 s)"
        assert failed[slow] == "cannot fetch (timed out); retry in 0 s)"
        assert failed[malformed].startswith("not a readable feed (<unknown>:")
        assert store.source_state(broken).failures == 1
        french_story = store.story(server.url("/fr"))
        assert french_story is not None and "coopération militaire" in french_story.text
        assert french_story.date == dt.date(2021, 6, 5), "the page's own date"

        # the feeds change: new items, repeated ones; the failing sources recover
        server.routes["/a/3"].status = 200
        second = [add_article(server, n) for n in (4, 5)]
        serve_feed(server, "/good.rss", [*second, flaky, *first, french])
        server.routes["/500.rss"].status = 200
        server.routes["/slow.rss"].delay = 0.0
        serve_feed(server, "/bad.rss", [add_article(server, 30)])
        two = watcher.run_cycle()
        assert two.failed == ()
        assert two.stories == 2 + 1 + 1 + 1 + 1  # new, the flaky page, three recovered feeds
        assert store.source_state(broken).failures == 0

        three = watcher.run_cycle()  # nothing changed: conditional requests, nothing fetched
        assert (three.stories, three.unchanged, three.failed) == (0, 4, ())
    expected = {server.url(f"/a/{n}") for n in (0, 1, 2, 3, 4, 5, 10, 20, 30)}
    assert story_ids(db_url) == expected | {server.url("/fr")}
    for n in (0, 1, 2, 4, 5, 10, 20, 30):
        assert server.gets(f"/a/{n}") == 1, f"article {n} fetched more than once"
    assert server.gets("/a/3") == 2  # failed once, fetched again
    revalidated = [headers for method, path, headers in server.requests if path == "/good.rss"][-1]
    assert revalidated.get("If-None-Match"), "the feed is asked for only if it changed"


def test_a_page_that_keeps_failing_falls_back_to_the_feed_text(
    server: FeedServer, store_coder: Coder, tmp_path: Path
) -> None:
    item = add_article(server, 7)
    server.routes["/a/7"].status = 500
    feed = serve_feed(server, "/f.rss", [(*item[:3], news_text(70))])
    db = str(tmp_path / "w.sqlite")
    with open_store(db) as store:
        watcher = Watcher(store, store_coder, [feed], FAST)
        counts = [watcher.run_cycle().stories for _ in range(3)]
        stored = store.story(server.url("/a/7"))
    assert counts == [0, 0, 1], "tried three times, then the feed's own text"
    assert stored is not None and stored.text == news_text(70)


def test_copies_and_known_stories_are_skipped(
    server: FeedServer, store_coder: Coder, tmp_path: Path
) -> None:
    original = add_article(server, 1)
    copy_path = "/copy/1"
    server.routes[copy_path] = Route(
        article("Headline 1", "2021-06-04", [news_text(1) + " Updated at noon."])
    )
    copy = ("guid-copy", "Headline 1", server.url(copy_path), "")
    feed = serve_feed(server, "/f.rss", [original])
    other = serve_feed(server, "/g.rss", [copy, original])
    db = str(tmp_path / "w.sqlite")
    with open_store(db) as store:
        watcher = Watcher(store, store_coder, [feed, other], FAST)
        report = watcher.run_cycle()
        copy_item = store.item(other, server.url(copy_path))
    assert (report.stories, report.known, report.duplicates) == (1, 1, 1)
    assert copy_item is not None and copy_item.status == "duplicate"
    assert copy_item.detail is not None and server.url("/a/1") in copy_item.detail
    assert story_ids(db) == {server.url("/a/1")}


def test_folders_and_lists_of_sources(
    server: FeedServer, store_coder: Coder, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    feed = serve_feed(server, "/f.rss", [add_article(server, 1)])
    listing = tmp_path / "sources.txt"
    listing.write_text(
        f"# what we follow\n{feed}  # the wire\n\ninbox\nnot-here\n", encoding="utf-8"
    )
    (inbox / "day1.jsonl").write_text(
        json.dumps({"id": "j1", "date": "2021-05-01", "text": news_text(101)}) + "\n",
        encoding="utf-8",
    )
    (inbox / ".partial.jsonl").write_text("{", encoding="utf-8")  # hidden: being written
    db = str(tmp_path / "w.sqlite")
    with open_store(db) as store:
        watcher = Watcher(store, store_coder, [str(listing)], FAST)
        one = watcher.run_cycle()
        assert one.sources == 2 and one.stories == 2
        assert one.failed == (f"{listing}, line 5 ('not-here' is not a URL or a folder)",)
        (inbox / "note.txt").write_text(news_text(102), encoding="utf-8")
        with (inbox / "day1.jsonl").open("a", encoding="utf-8") as handle:  # appended to
            handle.write(json.dumps({"id": "j2", "text": news_text(103)}) + "\n")
        two = watcher.run_cycle()
        three = watcher.run_cycle()
    assert (two.stories, two.known) == (2, 1)
    assert three.stories == 0
    assert story_ids(db) == {server.url("/a/1"), "j1", "j2", "note"}


def test_new_events_matching_the_filter_go_to_the_event_sink(
    server: FeedServer, store_coder: Coder, tmp_path: Path
) -> None:
    from tocsin.store import EventFilter

    items = [add_article(server, n) for n in range(5)]  # one of each pair
    feed = serve_feed(server, "/f.rss", items)
    out = tmp_path / "events.jsonl"
    settings = WatchSettings(
        timeout=1.5,
        host_rate=1000,
        retry_after=0.001,
        settle=0.0,
        event_filter=EventFilter(code=("19*",)),
    )
    db = str(tmp_path / "w.sqlite")
    with open_store(db) as store:
        watcher = Watcher(
            store, store_coder, [feed], settings, event_sinks=[open_sink(str(out), sys.stdout)]
        )
        watcher.run_cycle()
        watcher.run_cycle()
        attacks = [e.id for e in store.events(EventFilter(code=("19*",)))]
    sent = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert attacks and [m["id"] for m in sent] == attacks
    assert all(m["type"] == "event" and m["code"].startswith("19") for m in sent)
    assert sent[0]["story_url"] == server.url("/a/0")


def test_events_of_a_story_stored_by_a_killed_run_are_still_sent(
    server: FeedServer, store_coder: Coder, tmp_path: Path
) -> None:
    """A run killed after storing a story and before marking its entry: the next run finds the
    entry pending and the story stored, and sends the story's events then."""
    from tocsin.records import Story

    item = add_article(server, 0)
    server.routes["/a/0"].status = 500
    feed = serve_feed(server, "/f.rss", [item])
    out = tmp_path / "events.jsonl"
    db = str(tmp_path / "w.sqlite")
    with open_store(db) as store:
        sinks = [open_sink(str(out), sys.stdout)]
        watcher = Watcher(store, store_coder, [feed], FAST, event_sinks=sinks)
        assert watcher.run_cycle().retrying == 1  # the entry is listed, pending
        story = Story(server.url("/a/0"), news_text(0), dt.date(2021, 6, 4))
        events = list(store_coder.code([story]))
        assert events and store.add_story(story, events) == "added"  # ... then the kill
        report = watcher.run_cycle()
        assert (report.stories, report.known) == (0, 1)
        # marked as an uninterrupted run would have marked it
        assert store.item(feed, server.url("/a/0")).status == "stored"  # type: ignore[union-attr]
    sent = [json.loads(line)["id"] for line in out.read_text("utf-8").splitlines()]
    assert sorted(sent) == sorted({e.id for e in events})
