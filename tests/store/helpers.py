"""Helpers of the store tests: story texts built from the tests' own dictionaries, and the real
`tocsin` CLI run in a new process."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tocsin.records import Event

HERE = Path(__file__).parent
STORE_DICT = HERE / "fixtures" / "dict"
ROOT = HERE.parent.parent

CLI_BOOT = "from tocsin.cli import main; main(prog_name='tocsin')"

ACTORS = ["France", "Mali", "Niger", "Russia", "Ukraine", "ECOWAS", "the African Union"]
PHRASES = [
    "{a} suspended {b}.",
    "{a} attacked {b}.",
    "{a} met {b} in the capital.",
    "{a} condemned {b}.",
    "{a} imposed sanctions on {b}.",
    "{a} accused {b} of lying.",
    "The weather was mild.",
]


def story_text(n: int) -> str:
    """A deterministic little story of three or four sentences, most of them codable."""
    sentences = []
    for k in range(3 + n % 2):
        a = ACTORS[(n + k) % len(ACTORS)]
        b = ACTORS[(n * 3 + k + 1) % len(ACTORS)]
        if a == b:
            b = ACTORS[(ACTORS.index(b) + 1) % len(ACTORS)]
        sentence = PHRASES[(n + 2 * k) % len(PHRASES)].format(a=a, b=b)
        sentences.append(sentence[0].upper() + sentence[1:])
    return f"Story {n}. " + " ".join(sentences)


def story_record(n: int) -> dict[str, str]:
    return {
        "id": f"story-{n:05d}",
        "date": f"2021-{1 + n % 12:02d}-{1 + n % 28:02d}",
        "text": story_text(n),
        "source": "Test Wire",
        "url": f"https://news.test/{n}",
    }


def write_jsonl(path: Path, records: list[dict[str, str]] | range) -> Path:
    lines = [json.dumps(r if isinstance(r, dict) else story_record(r)) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the real `tocsin` CLI in a new process."""
    return subprocess.run(
        [sys.executable, "-c", CLI_BOOT, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        check=False,
    )


def cli_process(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CLI_BOOT, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


INGEST_DICT_ARGS = ("--dict", str(STORE_DICT), "--no-builtin-dicts")


@dataclass(frozen=True)
class LaterEvent:
    """An event as colleagues will extend it: more fields in `to_dict()`."""

    event: Event
    extra: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {**self.event.to_dict(), **self.extra}
