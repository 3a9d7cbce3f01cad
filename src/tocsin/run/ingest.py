"""Ingestion: code the stories of `tocsin.io.inputs` and store each with its events.

Each story is stored with its events in one transaction and stories already in the store are
skipped before they are parsed, so ingesting twice adds nothing and an ingest killed at any moment
finishes, when run again, with exactly the events of an uninterrupted run.

Every per-story failure is a reject handed to `on_reject` (file, line, reason) while the rest goes
on: a record that cannot be read, a story whose coding raised, a worker that died on it. A story
whose id is stored with another text is reported as changed (`ChangedStory`) and left as stored,
unless `update` is set: then it is coded again and replaces the stored one.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from tocsin.errors import ChangedStory, InputError, UnreadableInput
from tocsin.io.inputs import Incoming, OnReject, read_stories, story_key
from tocsin.records import Event, Story
from tocsin.store import Store

if TYPE_CHECKING:
    from tocsin.coding.coder import Coder
    from tocsin.run.parallel import CodedStory, CoderPool

# What became of a story: "known", or the store's answer; with its events.
OnStory = Callable[[Incoming, str, Sequence[Event]], None]

__all__ = [
    "Incoming",
    "IngestSummary",
    "ingest",
    "ingest_inputs",
    "read_stories",
    "story_key",
]


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What an ingest did: new stories and their events, stories already stored, stories whose
    stored text differs (`changed`; recoded and counted in `updated` with `update`), rejects,
    and inputs that could not be read at all (`unreadable`, also counted in `rejects`)."""

    stories: int
    events: int
    known: int
    rejects: int
    seconds: float
    changed: int = 0
    updated: int = 0
    unreadable: int = 0
    undated: int = 0  # of the new stories, those without a date
    not_english: int = 0  # ... and those that look written in another language

    def line(self) -> str:
        rate = self.stories / self.seconds if self.seconds > 0 else 0.0
        changed = ""
        if self.updated:
            changed = f", {self.updated} updated"
        if self.changed > self.updated:
            changed += f", {self.changed - self.updated} changed (not recoded: use --update)"
        return (
            f"{self.stories} stories and {self.events} events stored, {self.known} already "
            f"stored{changed}, {self.rejects} rejected, {self.undated} undated, "
            f"{self.not_english} not English, in {self.seconds:.1f} s ({rate:.1f} stories/s)"
        )


def ingest(
    store: Store,
    coder: Coder | CoderPool,
    items: Iterable[Incoming],
    on_reject: OnReject,
    on_progress: Callable[[IngestSummary], None] | None = None,
    on_new_story: Callable[[Story], None] | None = None,
    update: bool = False,
    on_story: OnStory | None = None,
) -> IngestSummary:
    """Code the stories not yet stored and store each with its events in one transaction.

    `coder` is a Coder, or a `tocsin.run.parallel.CoderPool` to code with several processes;
    `on_new_story` sees each story not yet stored before it is coded; `on_story` hears what
    became of each story: `known` (stored before, not coded) or the store's answer (`added`,
    `known-id`, `known-content`), with its events.
    """
    started = time.perf_counter()
    counts = dict.fromkeys(("stories", "events", "known", "rejects", "changed", "updated"), 0)
    changing: set[str] = set()  # ids of changed stories being recoded (with update)

    def reject(error: InputError) -> None:
        counts["rejects"] += 1
        on_reject(error)

    def new_stories() -> Iterator[Incoming]:
        for item in items:
            story = item.story
            if not story.text.strip():
                reject(InputError(item.origin, item.line, "the story text is empty", "remove it"))
                continue
            status = store.story_status(story.id, story.text)
            if status == "changed":
                counts["changed"] += 1
                if not update:
                    on_reject(ChangedStory(item.origin, item.line, story.id))
                    continue
            elif status != "new":
                counts["known"] += 1
                if on_story is not None:
                    on_story(item, "known", ())
                continue
            if status == "changed":
                changing.add(story.id)
            if on_new_story is not None:
                on_new_story(story)
            yield item

    def summary() -> IngestSummary:
        return IngestSummary(
            counts["stories"],
            counts["events"],
            counts["known"],
            counts["rejects"],
            time.perf_counter() - started,
            counts["changed"],
            counts["updated"],
        )

    for item, coded in code_stories(coder, new_stories(), reject):
        story = item.story
        changed = story.id in changing
        changing.discard(story.id)
        events = coded.events
        if changed:
            result = store.replace_story(story, events, origin=item.origin)
            counts["updated"] += result == "added"
        else:
            result = store.add_story(story, events, origin=item.origin)
        if result == "added":
            counts["stories"] += 1
            counts["events"] += len({event.id for event in events})
        else:
            counts["known"] += 1
        if on_story is not None:
            on_story(item, result, events)
        if on_progress is not None:
            on_progress(summary())
    return summary()


def code_stories(
    coder: Coder | CoderPool, items: Iterable[Incoming], on_reject: OnReject
) -> Iterator[tuple[Incoming, CodedStory]]:
    """Each story coded (by a Coder or a pool of workers), in input order; a story whose coding
    failed, or whose worker died, goes to `on_reject` with its file and line instead."""
    from tocsin.run.parallel import CoderPool, code_each

    pending: deque[Incoming] = deque()

    def stories() -> Iterator[Story]:
        for item in items:
            pending.append(item)
            yield item.story

    results: Iterator[CodedStory]
    if isinstance(coder, CoderPool):
        results = (coded for _story, coded in coder.code_each(stories()))
    else:
        results = code_each(coder, stories())
    for coded in results:  # a bug in coding one story must not stop the others
        item = pending.popleft()
        if coded.error is not None:
            on_reject(
                InputError(
                    item.origin,
                    item.line,
                    f"story {item.story.id!r} could not be coded ({coded.error})",
                    "report it with the story text; the other stories go on",
                )
            )
            continue
        yield item, coded


def ingest_inputs(
    store: Store,
    coder: Coder | CoderPool,
    inputs: Iterable[str],
    on_reject: OnReject,
    default_date: dt.date | None = None,
    on_progress: Callable[[IngestSummary], None] | None = None,
    stdin: IO[str] | None = None,
    on_new_story: Callable[[Story], None] | None = None,
    update: bool = False,
    on_story: OnStory | None = None,
) -> IngestSummary:
    """`ingest` of everything `read_stories` finds in the inputs; rejects of both counted."""
    counts = {"rejected": 0, "unreadable": 0}

    def count(error: InputError) -> None:
        if not isinstance(error, ChangedStory):
            counts["rejected"] += 1
        counts["unreadable"] += isinstance(error, UnreadableInput)
        on_reject(error)

    stories = read_stories(inputs, count, default_date, stdin)
    result = ingest(store, coder, stories, count, on_progress, on_new_story, update)
    return IngestSummary(
        result.stories,
        result.events,
        result.known,
        counts["rejected"],
        result.seconds,
        result.changed,
        result.updated,
        counts["unreadable"],
    )
