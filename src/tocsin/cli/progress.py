"""Progress and the closing summary of the long commands (`code`, `ingest`, `demo`).

A tqdm bar on stderr while stories are read, only when stderr is a terminal and `--quiet` is not
given; warnings about single stories (not English) are written above the bar; and a closing
summary line: stories, events, rejected, undated, not English, time and rate.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from tocsin.io.language import LanguageDetector
from tocsin.records import Story


class RunReport:
    """Counts what a long command did and shows it: a bar while it runs, a line at the end."""

    def __init__(self, quiet: bool = False, total: int | None = None) -> None:
        from tqdm import tqdm

        self.started = time.perf_counter()
        self.stories = 0
        self.events = 0
        self.rejected = 0
        self.undated = 0
        self.not_english = 0
        self.known = 0
        self.detector = LanguageDetector()
        self.bar = tqdm(
            total=total,
            unit=" stories",
            file=sys.stderr,
            disable=quiet or not sys.stderr.isatty(),
            dynamic_ncols=True,
            leave=False,
        )

    def see(self, story: Story) -> None:
        """One story read: counted, and checked for a date and its language."""
        self.stories += 1
        self.check(story)
        self.bar.update(1)
        self.bar.set_postfix(events=self.events, refresh=False)

    def check(self, story: Story) -> None:
        """Count the story if it is undated or not in English (with a warning)."""
        if story.date is None:
            self.undated += 1
        language = self.detector.foreign_language(story.text)
        if language is not None:
            self.not_english += 1
            self.warn(
                f"warning: story {story.id!r} looks like language {language!r}, not English: "
                "tocsin codes English text, so its events are likely missing or wrong"
            )

    def watch(self, stories: Iterable[Story]) -> Iterator[Story]:
        for story in stories:
            self.see(story)
            yield story

    def count(self, events: Iterable[Any]) -> Iterator[Any]:
        for event in events:
            self.events += 1
            yield event

    def warn(self, message: str) -> None:
        """A line on stderr above the bar."""
        if self.bar.disable:
            click.echo(message, err=True)
        else:
            self.bar.write(message, file=sys.stderr)

    def close(self) -> None:
        self.bar.close()

    def summary(self, verb: str = "coded") -> str:
        seconds = time.perf_counter() - self.started
        rate = self.stories / seconds if seconds > 0 else 0.0
        known = f", {self.known} already stored" if self.known else ""
        line = (
            f"{self.stories} stories {verb}{known}: {self.events} events, {self.rejected} "
            f"rejected, {self.undated} undated, {self.not_english} not English, in "
            f"{seconds:.1f} s ({rate:.1f} stories/s)"
        )
        if self.undated:
            line += (
                "\nundated stories give undated events unless a sentence dates them "
                "(--date gives them a publication date)"
            )
        return line


def count_stories(inputs: Iterable[str]) -> int | None:
    """How many stories the inputs hold, when they are all local JSONL or .txt files (for the
    bar's total), else None."""
    total = 0
    for name in inputs:
        path = Path(name)
        if name == "-" or not path.is_file():
            return None
        if path.suffix.lower() == ".txt":
            total += 1
            continue
        if path.suffix.lower() not in (".jsonl", ".json"):
            return None
        try:
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        except OSError:
            return None
    return total
