"""What `tocsin watch` follows: RSS/Atom feed URLs, folders where new JSONL/TXT/HTML files
appear, and files listing both (one a line, `#` comments; re-read every cycle, so a source added
to the list is followed from the next cycle on, without a restart).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path

from tocsin.io.inputs import walk
from tocsin.store import SourceState, Store, utc_text

BACKOFF_MAX_S = 6 * 3600.0


@dataclass(frozen=True, slots=True)
class FeedSource:
    """An RSS or Atom feed, by URL."""

    url: str

    @property
    def name(self) -> str:
        return self.url


@dataclass(frozen=True, slots=True)
class FolderSource:
    """A folder whose new (or changed) files are read."""

    path: Path

    @property
    def name(self) -> str:
        return str(self.path)


Source = FeedSource | FolderSource


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """A source that could not be used this cycle, and why."""

    source: str
    problem: str


def resolve_sources(specs: tuple[str, ...]) -> tuple[list[Source], list[SourceProblem]]:
    """The sources the user named: URLs are feeds, folders are folders, other files list
    sources (URLs, or folders relative to the list's own folder). Each source once."""
    found: dict[str, Source] = {}
    problems: list[SourceProblem] = []
    for spec in specs:
        for source in _expand(spec, problems):
            found.setdefault(source.name, source)
    return list(found.values()), problems


def _expand(spec: str, problems: list[SourceProblem], base: Path | None = None) -> list[Source]:
    if spec.startswith(("http://", "https://")):
        return [FeedSource(spec)]
    path = Path(spec) if base is None or Path(spec).is_absolute() else base / spec
    if path.is_dir():
        return [FolderSource(path.resolve())]
    if base is not None:
        problems.append(SourceProblem(spec, "in a list of sources, give URLs or folders"))
        return []
    if not path.is_file():
        problems.append(SourceProblem(spec, "no such URL, folder or file of sources"))
        return []
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(SourceProblem(spec, f"cannot read the list of sources ({exc})"))
        return []
    sources: list[Source] = []
    for number, line in enumerate(lines, start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        entry = entry.split(" #", 1)[0].strip()  # a comment after the source
        listed = _expand(entry, [], base=path.parent)
        if not listed:
            problems.append(
                SourceProblem(f"{spec}, line {number}", f"{entry!r} is not a URL or a folder")
            )
        sources += listed
    return sources


def is_due(state: SourceState, now: dt.datetime) -> bool:
    """Whether a source may be tried now (it is not backing off after failures)."""
    return state.retry_at is None or state.retry_at <= utc_text(now)


def backoff(failures: int, first: float) -> float:
    """Seconds to wait after the `failures`-th failure in a row: `first`, doubled each time,
    at most six hours."""
    return float(min(first * 2 ** max(failures - 1, 0), BACKOFF_MAX_S))


def failed_state(state: SourceState, problem: str, first: float, now: dt.datetime) -> SourceState:
    failures = state.failures + 1
    retry = now + dt.timedelta(seconds=backoff(failures, first))
    return SourceState(
        state.source,
        state.etag,
        state.last_modified,
        failures,
        utc_text(retry),
        problem,
        utc_text(now),
        state.ok_at,
    )


def ok_state(
    state: SourceState, now: dt.datetime, etag: str | None, last_modified: str | None
) -> SourceState:
    return SourceState(
        state.source, etag, last_modified, 0, None, None, utc_text(now), utc_text(now)
    )


def changed_files(store: Store, folder: FolderSource, settle: float) -> list[tuple[str, str]]:
    """The files of a folder that are new or changed since they were read, as (key, signature):
    the path relative to the folder and its size and modification time. A file modified in the
    last `settle` seconds may still be being written and waits for the next cycle."""
    known = store.items(folder.name)
    now = time.time()
    changed = []
    for path in walk(folder.path):
        try:
            stat = path.stat()
        except OSError:
            continue  # removed meanwhile
        if now - stat.st_mtime < settle:
            continue
        key = path.relative_to(folder.path).as_posix()
        signature = f"{stat.st_size}:{stat.st_mtime_ns}"
        item = known.get(key)
        if item is None or (
            item.status != "pending" and item.payload.get("signature") != signature
        ):
            changed.append((key, signature))
    return changed


def file_story_id(key: str) -> str:
    """The id of a TXT or HTML file's story: its path in the folder, without the suffix (as
    `tocsin ingest FOLDER` names it)."""
    return os.path.splitext(key)[0]
