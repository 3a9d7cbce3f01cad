"""Deduplication: stories that copy another, and one event reported by many stories."""

from __future__ import annotations

import pytest

from tocsin.io.dedup import (
    NearDuplicateIndex,
    find_near_duplicates,
    jaccard,
    merge_events,
    shingles,
)
from tocsin.records import Story

WIRE = (
    "BAMAKO (Reuters) - Islamist militants attacked a military base near the northern Malian town "
    "of Gao on Thursday, killing at least 12 soldiers, the army said in a statement on Friday. "
    "The attackers arrived on motorbikes before dawn and set fire to several vehicles before "
    "withdrawing towards the border with Niger, two security sources said. Mali's junta has "
    "struggled to contain an insurgency that began in the north in 2012 and has since spread to "
    "the centre of the country and to neighbouring Burkina Faso and Niger."
)
# A newspaper running the wire story under its own dateline, with one sentence trimmed.
SYNDICATED = WIRE.replace("BAMAKO (Reuters) - ", "BAMAKO, Mali - ").replace(
    " Mali's junta has struggled", " The junta has struggled"
)
# The wire's own update: a new death toll and one paragraph added.
UPDATED = WIRE.replace("at least 12 soldiers", "at least 15 soldiers") + (
    " The army said it had killed 20 of the attackers in the fighting."
)
UNRELATED = (
    "SANTIAGO (Reuters) - Chile's central bank held its benchmark interest rate steady on "
    "Tuesday, citing lingering inflation risks, and said it expected to resume cuts later in the "
    "year as copper prices recovered and domestic demand picked up across the economy."
)
# Same topic, written independently: shares words but not the text.
SAME_NEWS_OTHER_WRITER = (
    "Gunmen on motorbikes stormed an army camp close to Gao in Mali before sunrise on Thursday. "
    "Officials said a dozen troops died. Jihadist violence has plagued the Sahel state for more "
    "than a decade and has spilled into Burkina Faso and Niger."
)


def test_shingles_ignore_case_and_punctuation():
    assert shingles("Militants ATTACKED a base, near Gao!") == shingles(
        "militants attacked a base near gao"
    )
    assert jaccard(shingles(WIRE), shingles(WIRE)) == 1.0


def test_copies_and_updates_link_to_the_original():
    stories = [
        Story("wire", WIRE),
        Story("paper", SYNDICATED),
        Story("bank", UNRELATED),
        Story("update", UPDATED),
        Story("other", SAME_NEWS_OTHER_WRITER),
    ]
    links = {link.story_id: link for link in find_near_duplicates(stories)}
    assert set(links) == {"paper", "update"}
    assert links["paper"].original_id == links["update"].original_id == "wire"
    assert 0.8 <= links["paper"].similarity < 1.0
    assert 0.5 <= links["update"].similarity < 0.8


def test_an_exact_copy_is_similar_one():
    index = NearDuplicateIndex()
    assert index.add("a", WIRE) is None
    link = index.add("b", "  " + WIRE.upper())
    assert link is not None and (link.original_id, link.similarity) == ("a", 1.0)


def test_a_copy_of_a_copy_links_to_the_first_story():
    index = NearDuplicateIndex()
    index.add("first", WIRE)
    index.add("second", SYNDICATED)
    third = index.add("third", SYNDICATED + " Copyright the paper.")
    assert third is not None and third.original_id == "first"


def test_the_threshold_is_a_setting():
    strict = NearDuplicateIndex(threshold=0.99)
    strict.add("wire", WIRE)
    assert strict.add("paper", SYNDICATED) is None
    with pytest.raises(ValueError, match="multiple of bands"):
        NearDuplicateIndex(num_permutations=30, bands=16)


def event(story_id, event_id, **fields):
    base = {
        "id": event_id,
        "story_id": story_id,
        "date": "2024-03-14",
        "source": "MLIREB",
        "target": "MLIMIL",
        "code": "190",
        "geonameid": 2457163,
        "location_name": "Gao",
        "location_country": "MLI",
    }
    return base | fields


def test_the_same_event_from_several_stories_becomes_one_record():
    stories = {
        "r1": Story("r1", "...", url="https://www.reuters.com/a", source="Reuters"),
        "r2": Story("r2", "...", url="https://www.reuters.com/b", source="Reuters"),
        "f1": Story("f1", "...", url="https://www.france24.com/x"),
    }
    events = [
        event("r1", "e1"),
        event("r1", "e2"),  # the same story says it twice
        event("r2", "e3"),
        event("f1", "e4"),
        event("f1", "e5", code="193"),  # another kind of event
        event("f1", "e6", geonameid=2460596, location_name="Kidal"),  # another place
        event("f1", "e7", date="2024-03-13"),  # another day
    ]
    merged = merge_events(events, stories)
    assert len(merged) == 4
    first = merged[0]
    assert (first["num_mentions"], first["num_sources"], first["num_stories"]) == (4, 2, 3)
    assert first["story_ids"] == ["r1", "r2", "f1"]
    assert first["event_ids"] == ["e1", "e2", "e3", "e4"]
    assert first["urls"] == [
        "https://www.reuters.com/a",
        "https://www.reuters.com/b",
        "https://www.france24.com/x",
    ]
    assert first["code"] == "190" and first["location_name"] == "Gao"
    assert [m["num_mentions"] for m in merged[1:]] == [1, 1, 1]


def test_without_story_records_sources_come_from_urls_or_story_ids():
    events = [
        event("a", "e1", url="https://www.example.org/1"),
        event("b", "e2", url="https://example.org/2"),
        event("c", "e3"),
    ]
    (merged,) = merge_events(events)
    assert (merged["num_sources"], merged["num_stories"]) == (2, 3)


def test_the_merge_key_is_a_setting():
    events = [event("a", "e1"), event("b", "e2", geonameid=2460596, location_name="Kidal")]
    assert len(merge_events(events)) == 2
    (merged,) = merge_events(events, fields=("date", "source", "target", "code"))
    assert merged["num_mentions"] == 2


def test_events_without_a_place_merge_with_each_other_only():
    events = [
        event("a", "e1", geonameid=None, location_name=None, location_country=None),
        event("b", "e2", geonameid=None, location_name=None, location_country=None),
        event("c", "e3"),
    ]
    merged = merge_events(events)
    assert [m["num_mentions"] for m in merged] == [2, 1]
