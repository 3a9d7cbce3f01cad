"""The store's Python API on both backends: idempotence, deletion, filters, migrations, records
that grow new fields, and a reader in another process while a writer commits."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
import textwrap
import time
from typing import Any

import pytest

from tocsin.coding.coder import Coder
from tocsin.records import Event, Story
from tocsin.store import SCHEMA_VERSION, EventFilter, FilterError, StoreError, open_store

from .helpers import LaterEvent, story_record


@dataclasses.dataclass(frozen=True)
class EarlierEvent:
    """An event as a tocsin before the `topic` field wrote it."""

    event: Event

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.event.to_dict().items() if k != "topic"}


def code(coder: Coder, n: int) -> tuple[Story, list[Event]]:
    record = story_record(n)
    story = Story(
        record["id"], record["text"], dt.date.fromisoformat(record["date"]), url=record["url"]
    )
    return story, list(coder.code([story]))


def test_a_story_is_stored_once_by_id_and_by_content(db_url: str, store_coder: Coder) -> None:
    story, events = code(store_coder, 0)
    assert len(events) == 4  # the meeting is coded both ways
    with open_store(db_url) as store:
        assert store.add_story(story, events) == "added"
        assert store.add_story(story, events) == "known-id"
        same_text = Story("another-id", "  " + story.text.replace(" ", "  "), story.date)
        assert store.add_story(same_text, []) == "known-content"
        assert store.has_story(story.id) and store.has_story("x", story.text)
        assert not store.has_story("another-id")
        assert (store.count_stories(), store.count_events()) == (1, 4)
        assert sorted(store.event_ids()) == sorted(e.id for e in events)
        assert store.check() == []


def test_deleting_a_story_deletes_its_events(db_url: str, store_coder: Coder) -> None:
    with open_store(db_url) as store:
        for n in (0, 1):
            store.add_story(*code(store_coder, n))
        before = store.count_events(EventFilter(story_id=("story-00001",)))
        assert before == len(code(store_coder, 1)[1]) > 0
        assert store.delete_story("story-00000") is True
        assert store.delete_story("story-00000") is False
        assert store.story_ids() == ["story-00001"]
        assert store.count_events() == before
        assert store.story("story-00000") is None
        # the story can come back after deletion
        assert store.add_story(*code(store_coder, 0)) == "added"


def test_stored_records_keep_every_field_and_order(db_url: str, store_coder: Coder) -> None:
    story, events = code(store_coder, 0)
    extra = {
        "date_source": "story",
        "date_text": None,
        "location_name": "Bamako",
        "location_country": "MLI",
        "lat": 12.65,
        "lon": -7.99,
    }
    later = [LaterEvent(e, extra) for e in events]
    with open_store(db_url) as store:
        store.add_story(story, later)  # type: ignore[arg-type]
        stored = list(store.events())
        assert [s.record for s in stored] == sorted(
            (e.to_dict() for e in later), key=lambda r: (r["sentence_index"], r["id"])
        )
        assert list(stored[0].record) == list(later[0].to_dict())
        assert store.event_fields() == list(later[0].to_dict())
        assert store.places() == [("Bamako", "MLI", 12.65, -7.99)]
        assert store.count_events(EventFilter(country=("MLI",))) == len(events)
        first = stored[0]
        assert first.story_url == "https://news.test/0" and first.code == "160"  # suspended
        assert isinstance(first.code, str) and first.date == dt.date(2021, 1, 1)


def test_filters(db_url: str, store_coder: Coder) -> None:
    with open_store(db_url) as store:
        for n in range(12):
            store.add_story(*code(store_coder, n))
        everything = list(store.events())
        assert len(everything) == store.count_events() > 30

        def ids(**kwargs: Any) -> set[str]:
            return {e.id for e in store.events(EventFilter(**kwargs))}

        def expected(keep: Any) -> set[str]:
            return {e.id for e in everything if keep(e)}

        assert ids(source=("FRA",)) == expected(lambda e: e.source.startswith("FRA"))
        assert ids(source=("IGO*",)) == expected(lambda e: e.source.startswith("IGO"))
        assert ids(actor=("MLI",)) == expected(lambda e: "MLI" in (e.source, e.target))
        assert ids(code=("16*",)) == expected(lambda e: e.code.startswith("16"))
        assert ids(code=("040",)) == expected(lambda e: e.code == "040")
        assert ids(code=("1?0",)) == expected(lambda e: e.code in ("160", "190"))
        assert ids(root=("19",), quad=(4,)) == expected(lambda e: e.root_code == "19")
        since, until = dt.date(2021, 3, 1), dt.date(2021, 6, 30)
        assert ids(since=since, until=until) == expected(
            lambda e: e.date is not None and since <= e.date <= until
        )
        assert ids(country=("UKR",)) == expected(
            lambda e: "UKR" in (e.source[:3], e.target[:3], e.record.get("location_country"))
        )
        dyad = ids(source=("RUS",), target=("UKR", "MLI"), since=dt.date(2021, 1, 1))
        assert dyad == expected(lambda e: e.source == "RUS" and e.target in ("UKR", "MLI"))
        assert len(list(store.events(limit=5))) == 5
        dates = [e.date for e in everything]
        assert dates == sorted(dates)  # type: ignore[type-var]
        by_root = {c.key: c.events for c in store.count_by("root")}
        assert sum(by_root.values()) == len(everything)
        assert by_root[("19",)] == len(expected(lambda e: e.root_code == "19"))
        assert {a.code for a in store.actors()} >= {"FRA", "MLI", "IGOWAFWAS"}
        assert "France" in next(a for a in store.actors() if a.code == "FRA").names


@pytest.mark.parametrize(
    "kwargs",
    [{"source": ("fr'a",)}, {"country": ("FR",)}, {"root": ("1",)},
     {"since": dt.date(2022, 1, 1), "until": dt.date(2021, 1, 1)}],
)  # fmt: skip
def test_bad_filter_values_are_refused_with_the_option_named(kwargs: dict[str, Any]) -> None:
    with pytest.raises(FilterError, match="--"):
        EventFilter(**kwargs)


def test_an_old_store_is_migrated_when_opened(db_url: str, store_coder: Coder) -> None:
    story, events = code(store_coder, 0)
    with open_store(db_url, upto=1) as old:
        assert old.version == 1
        old.add_story(story, events)
    with open_store(db_url) as store:
        assert store.version == SCHEMA_VERSION == 5
        assert store.count_events() == len(events)
        actors = {a.code: a for a in store.actors()}  # backfilled from the events
        assert set(actors) == {"FRA", "MLI", "NER", "RUS"}
        assert actors["FRA"].names == ("France",)
        # how each actor was resolved, backfilled from the stored records (version 3)
        rows = store._rows("SELECT source_resolution, target_resolution FROM events")
        assert sorted(rows) == sorted(
            (e.source_resolution, e.target_resolution or None) for e in events
        )


def test_events_stored_before_topics_are_political_news(db_url: str, store_coder: Coder) -> None:
    story, events = code(store_coder, 0)
    with open_store(db_url, upto=4) as old:
        old.add_story(story, [EarlierEvent(e) for e in events])  # type: ignore[misc]
        assert events and all("topic" not in e.record for e in old.events())
    with open_store(db_url) as store:  # migration 5 marks them political
        assert store.count_events(EventFilter(topic=("political",))) == len(events)
        assert store.count_events(EventFilter(topic=("sports",))) == 0


def test_events_are_filtered_by_their_story_topic(db_url: str, store_coder: Coder) -> None:
    story, events = code(store_coder, 0)
    other, more = code(store_coder, 1)
    sporting = [dataclasses.replace(e, topic="sports") for e in more]
    with open_store(db_url) as store:
        store.add_story(story, events)
        store.add_story(other, sporting)
        found = list(store.events(EventFilter(topic=("sports",))))
        assert {e.id for e in found} == {e.id for e in sporting}
        assert {e.record["topic"] for e in found} == {"sports"}
        both = EventFilter(topic=("political", "sports"))
        assert store.count_events(both) == len(events) + len(sporting)
    with pytest.raises(FilterError, match="--topic 'sport'"):
        EventFilter(topic=("sport",))


def test_new_events_store_how_their_actors_were_resolved(db_url: str, store_coder: Coder) -> None:
    story, events = code(store_coder, 0)
    with open_store(db_url) as store:
        store.add_story(story, events)
        rows = store._rows("SELECT source_resolution FROM events")
        assert {r[0] for r in rows} == {e.source_resolution for e in events} != {None}
        assert "source_resolution" in store.event_fields()


def test_a_missing_store_is_not_created_by_readers(tmp_path: Any) -> None:
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "nothing.sqlite", create=False)
    assert not (tmp_path / "nothing.sqlite").exists()


def test_a_store_from_a_newer_tocsin_is_refused(tmp_path: Any) -> None:
    import sqlite3

    path = tmp_path / "new.sqlite"
    open_store(path).close()
    with sqlite3.connect(path) as conn:  # a later tocsin would have added version 99
        conn.execute("INSERT INTO tocsin_schema VALUES (99, 'future', '2030-01-01')")
    with pytest.raises(StoreError, match="upgrade tocsin"):
        open_store(path)


def test_a_bad_postgres_url_names_the_server_not_the_password() -> None:
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://me:secret@127.0.0.1:1/nothing")
    assert "secret" not in str(caught.value) and "127.0.0.1:1" in str(caught.value)


READER = textwrap.dedent(
    """
    import json, os, sys, time
    from tocsin.store import open_store
    url, started, done = sys.argv[1], sys.argv[2], sys.argv[3]
    deadline = time.time() + 60
    seen = []
    while time.time() < deadline:
        with open_store(url, create=False) as store:
            seen.append([store.count_stories(), store.check()])
        if not os.path.exists(started):
            open(started, "w").close()
        if os.path.exists(done):
            break
        time.sleep(0.01)
    print(json.dumps(seen))
    """
)


def test_a_reader_process_reads_while_a_writer_commits(
    db_url: str, store_coder: Coder, tmp_path: Any
) -> None:
    import json

    started, done = tmp_path / "started", tmp_path / "done"  # two files: no torn writes
    coded = [code(store_coder, n) for n in range(150)]
    with open_store(db_url) as store:
        store.add_story(*coded[0])
        reader = subprocess.Popen(
            [sys.executable, "-c", READER, db_url, str(started), str(done)],
            stdout=subprocess.PIPE,
            text=True,
        )
        deadline = time.time() + 60
        while not started.exists() and time.time() < deadline:
            time.sleep(0.01)  # until the reader has started
        for story, events in coded[1:]:
            store.add_story(story, events)
            time.sleep(0.002)  # let the reader in between some commits
        done.touch()
        out, _ = reader.communicate(timeout=90)
        assert reader.returncode == 0
    seen = json.loads(out)
    counts = [count for count, _ in seen]
    assert len(seen) >= 3, "the reader should have read several times during the writes"
    assert counts == sorted(counts) and counts[0] >= 1
    assert all(incomplete == [] for _, incomplete in seen), "a reader saw half a story"
    assert len(set(counts)) > 1, "the reader should have seen the store grow"
