"""Writing events: JSONL (one object a line) and CSV (flat columns, evidence as JSON text), and
the safe writing of every output file tocsin makes.

An output file is written to a temporary file beside it and renamed into place only when the run
succeeds, so a failed or interrupted run leaves the old file as it was and never half a file. An
output that names one of the run's inputs, or the store, is refused before anything is written.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from tocsin.errors import OutputError
from tocsin.records import EVENT_FIELDS, Event


def write_jsonl(events: Iterable[Event], out: IO[str]) -> int:
    count = 0
    for event in events:
        out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(events: Iterable[Event], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(EVENT_FIELDS), lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        row = event.to_dict()
        row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False)
        writer.writerow(row)
        count += 1
    return count


WRITERS = {"jsonl": write_jsonl, "csv": write_csv}


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def refuse_overwrite(out: str, inputs: Iterable[str] = (), store: str | None = None) -> None:
    """Raise OutputError when `out` is one of the inputs or the store (a SQLite file or one of
    its -wal/-shm companions)."""
    if out == "-":
        return
    target = Path(out)
    for name in inputs:
        if name == "-" or name.startswith(("http://", "https://")):
            continue
        if _same_file(target, Path(name)):
            raise OutputError(
                out, f"is an input of this run ({name})", "write the output to another file"
            )
    if store is not None and "://" not in store:
        base = Path(store)
        companions = [Path(f"{store}{suffix}") for suffix in ("-wal", "-shm", "-journal")]
        for companion in (base, *companions):
            if _same_file(target, companion):
                raise OutputError(out, "is the store itself", "write the output to another file")


def temporary_beside(path: Path) -> Path:
    """A temporary name in the folder of `path` (a rename within a folder is atomic)."""
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.partial")


@contextmanager
def atomic_text(out: str) -> Iterator[IO[str]]:
    """stdout for '-', else a temporary file beside `out`, renamed to `out` when the block ends
    without an error (and removed when it fails)."""
    if out == "-":
        yield sys.stdout
        return
    path = Path(out)
    temporary = temporary_beside(path)
    try:
        handle = temporary.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise OutputError(out, f"cannot be written ({exc.strerror})", "check the folder") from None
    try:
        with handle:
            yield handle
        os.replace(temporary, path)
    except OSError as exc:
        raise OutputError(out, f"cannot be written ({exc.strerror})", "check the disk") from None
    finally:
        temporary.unlink(missing_ok=True)


def atomic_file(path: Path, write: Callable[[Path], int]) -> int:
    """`write(temporary)` then rename the temporary file to `path`; what `write` returned."""
    temporary = temporary_beside(path)
    try:
        count = write(temporary)
        os.replace(temporary, path)
    except OSError as exc:
        raise OutputError(
            str(path), f"cannot be written ({exc.strerror})", "check the folder"
        ) from None
    finally:
        temporary.unlink(missing_ok=True)
    return count
