"""Writing events: JSONL (one object a line) and CSV (flat columns, evidence as JSON text)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO

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
