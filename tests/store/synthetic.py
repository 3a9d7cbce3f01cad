"""Events written for the tests of aggregates and analytics: each one says who did what to whom
on which day, with the quad class and Goldstein value it should count as."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from tocsin.records import Event, Evidence, Location, Story
from tocsin.store import Store

_numbers = itertools.count()


@dataclass(frozen=True)
class Act:
    """One event as a test describes it."""

    day: str
    source: str
    target: str
    quad: int
    goldstein: float
    code: str = ""
    place: tuple[str, str, float, float] | None = None  # name, ISO3, lat, lon
    source_text: str = ""


def event(act: Act, story_id: str, index: int) -> Event:
    code = act.code or {1: "040", 2: "057", 3: "111", 4: "190"}[act.quad]
    evidence = Evidence("did", (1,), "test", "test.tsv:1", (0, 1), (2, 3), ("a:1",), ("a:2",))
    location = None
    if act.place is not None:
        name, country, lat, lon = act.place
        location = Location(name, country, None, lat, lon, None, "city", "text")
    return Event(
        id=f"{story_id}-{index}",
        story_id=story_id,
        sentence_index=index,
        date=dt.date.fromisoformat(act.day),
        source=act.source,
        source_text=act.source_text or act.source.title(),
        target=act.target,
        target_text=act.target.title(),
        code=code,
        root_code=code[:2],
        name="test event",
        quad_class=act.quad,
        phoenix_quad=act.quad,
        goldstein=act.goldstein,
        plover=None,
        sentence=f"{act.source} did something to {act.target}.",
        evidence=evidence,
        location=location,
    )


def store_acts(store: Store, acts: Iterable[Act]) -> None:
    """Each act in a story of its own, dated like it."""
    for act in acts:
        story_id = f"t{next(_numbers):06d}"
        story = Story(story_id, f"Story {story_id}.", dt.date.fromisoformat(act.day))
        store.add_story(story, [event(act, story_id, 0)])


def days(first: str, count: int, step: int = 1) -> list[str]:
    start = dt.date.fromisoformat(first)
    return [(start + dt.timedelta(days=k * step)).isoformat() for k in range(count)]
