"""The bundled demo sample (src/tocsin/data/sample/stories.jsonl, written by
tools/make_sample.py): every story codes exactly the events its sentences state, with the first
event at the place the story names, and the sample is large enough for every dashboard view."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tocsin.cli.coding import sample_stories
from tocsin.coding.coder import Coder
from tocsin.records import Event

EXPECTED = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "sample_expected.jsonl").read_text().splitlines()
    if line.strip()
]


@pytest.fixture(scope="module")
def coded(coder: Coder) -> dict[str, list[Event]]:
    found: dict[str, list[Event]] = {record["id"]: [] for record in EXPECTED}
    for event in coder.code(sample_stories()):
        found[event.story_id].append(event)
    return found


def test_the_expectations_describe_the_bundled_stories() -> None:
    stories = {s.id: s for s in sample_stories()}
    assert len(stories) >= 300
    assert set(stories) == {r["id"] for r in EXPECTED}
    for record in EXPECTED:
        story = stories[record["id"]]
        assert story.text == record["text"] and story.date is not None
    assert len({s.date.year for s in stories.values() if s.date}) >= 5


def test_every_story_codes_the_events_it_states(coded: dict[str, list[Event]]) -> None:
    wrong = {}
    for record in EXPECTED:
        found = Counter((e.source, e.target, e.code) for e in coded[record["id"]])
        expected = Counter(tuple(e) for e in record["events"])
        if found != expected:
            wrong[record["id"]] = (dict(expected), dict(found))
    assert not wrong


def test_every_story_is_placed_where_it_says(coded: dict[str, list[Event]]) -> None:
    wrong = {}
    for record in EXPECTED:
        first = coded[record["id"]][0].location
        if first is None or first.country != record["place_country"]:
            wrong[record["id"]] = (record["place"], first)
    assert not wrong


def test_the_sample_feeds_every_view(coded: dict[str, list[Event]]) -> None:
    events = [e for found in coded.values() for e in found]
    countries = {e.location.country for e in events if e.location}
    dyads = Counter((e.source[:3], e.target[:3]) for e in events if e.target)
    assert len(countries) >= 30  # the map
    assert len(dyads) >= 40  # the network
    assert max(dyads.values()) >= 30  # a long timeline
    assert {e.quad_class for e in events} == {1, 2, 3, 4}  # the legend's four colours
