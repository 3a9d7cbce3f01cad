"""The golden suite: sentences written for tocsin with the complete set of events a careful CAMEO
coder gives them (tests/golden/*.jsonl: one file by root, one by syntactic case).

Every sentence is a test. Sentences the coder does not yet get right are listed in
tests/golden/known_failures.txt with what it gets wrong: the events it misses and the extra ones
it codes. The list is strict both ways:
- a listed sentence that passes fails the suite (XPASS, strict) until its line is removed;
- a listed sentence that misses an event the line does not record as missed, or codes an extra
  event the line does not record, fails: it got worse. It may get better (miss or add less) and
  stay an expected failure; its message then gives the line to write.
Every other sentence must stay right, and the suite as a whole must keep its precision, recall
and extra-event figures.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from tocsin.coding.coder import Coder
from tocsin.run.evaluate import evaluate, read_gold

GOLDEN = Path(__file__).parent / "golden"
KNOWN_FAILURES_FILE = GOLDEN / "known_failures.txt"
RECORDS = [
    json.loads(line)
    for path in sorted(GOLDEN.glob("*.jsonl"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.strip()
]
Events = Counter[tuple[str, str, str]]
# one line: id TAB "missed" EVENTS TAB "extra" EVENTS, an event SOURCE/TARGET/CODE, none "-"
LINE = re.compile(r"(?P<id>\S+)\tmissed (?P<missed>.+)\textra (?P<extra>.+)")
EVENT = re.compile(r"(?P<source>[A-Z0-9-]*)/(?P<target>[A-Z0-9-]*)/(?P<code>\d{2,4})")


@dataclass(frozen=True)
class KnownFailure:
    """A line of known_failures.txt: what the coder missed and what it added when it was written."""

    id: str
    missed: Events
    extra: Events

    @classmethod
    def parse(cls, line: str, where: str) -> KnownFailure:
        found = LINE.fullmatch(line)
        if found is None:
            raise ValueError(f"{where}: expected ID<TAB>missed EVENTS<TAB>extra EVENTS: {line!r}")
        return cls(found["id"], events(found["missed"], where), events(found["extra"], where))

    def line(self) -> str:
        return f"{self.id}\tmissed {written(self.missed)}\textra {written(self.extra)}"


class StillFailing(AssertionError):
    """A listed sentence is no worse than its line records (an expected failure)."""


def events(text: str, where: str) -> Events:
    if text.strip() == "-":
        return Counter()
    found: Events = Counter()
    for word in text.split():
        event = EVENT.fullmatch(word)
        if event is None:
            raise ValueError(f"{where}: {word!r} is not an event SOURCE/TARGET/CODE")
        found[(event["source"], event["target"], event["code"])] += 1
    return found


def written(found: Events) -> str:
    return " ".join("/".join(event) for event in sorted(found.elements())) or "-"


def read_known_failures(path: Path) -> dict[str, KnownFailure]:
    known: dict[str, KnownFailure] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        failure = KnownFailure.parse(line, f"{path.name}, line {number}")
        if failure.id in known:
            raise ValueError(f"{path.name}, line {number}: {failure.id} is listed twice")
        known[failure.id] = failure
    return known


KNOWN_FAILURES = read_known_failures(KNOWN_FAILURES_FILE)


@pytest.fixture(scope="module")
def coded(coder: Coder) -> dict[str, Events]:
    from tocsin.io.inputs import story_from_record

    stories = [story_from_record(r, "golden", n) for n, r in enumerate(RECORDS, start=1)]
    found: dict[str, Events] = {r["id"]: Counter() for r in RECORDS}
    for event in coder.code(stories):
        found[event.story_id][(event.source, event.target or "", event.code)] += 1
    return found


def test_the_suite_covers_every_root_and_case() -> None:
    roots = {code[:2] for r in RECORDS for _, _, code in r["events"]}
    assert roots >= {f"{n:02d}" for n in range(1, 21)}
    assert len(RECORDS) >= 300
    unknown = set(KNOWN_FAILURES) - {r["id"] for r in RECORDS}
    assert not unknown, f"known_failures.txt names unknown ids: {sorted(unknown)}"


KNOWN = pytest.mark.xfail(
    reason="listed in known_failures.txt; if it passes now, remove its line",
    raises=StillFailing,
    strict=True,
)


@pytest.mark.parametrize(
    "record",
    [pytest.param(r, marks=KNOWN) if r["id"] in KNOWN_FAILURES else r for r in RECORDS],
    ids=[r["id"] for r in RECORDS],
)
def test_golden_sentence(record: dict[str, object], coded: dict[str, Events]) -> None:
    expected: Events = Counter((s, t, c) for s, t, c in record["events"])  # type: ignore[attr-defined]
    found = coded[str(record["id"])]
    listed = KNOWN_FAILURES.get(str(record["id"]))
    if listed is None:
        assert found == expected, record["text"]
        return
    now = KnownFailure(listed.id, expected - found, found - expected)
    more_missed, more_extra = now.missed - listed.missed, now.extra - listed.extra
    if more_missed or more_extra:
        pytest.fail(
            f"{record['text']}\nworse than known_failures.txt records: now also misses "
            f"{written(more_missed)}, now also codes {written(more_extra)}\n"
            f"its line is:     {listed.line()}\nit would now be: {now.line()}"
        )
    if found != expected:
        raise StillFailing(f"as listed, or better; its line could now be: {now.line()}")


def test_known_failures_lines_are_read_strictly(tmp_path: Path) -> None:
    """The list's format is checked (a typo must not make a line record nothing)."""
    good = tmp_path / "good.txt"
    good.write_text("# comment\nx-1\tmissed KEN/UGA/061 UGA/KEN/061\textra KEN//0334\n", "utf-8")
    (failure,) = read_known_failures(good).values()
    assert failure.missed == Counter({("KEN", "UGA", "061"): 1, ("UGA", "KEN", "061"): 1})
    assert failure.extra == Counter({("KEN", "", "0334"): 1})
    assert failure.line() == "x-1\tmissed KEN/UGA/061 UGA/KEN/061\textra KEN//0334"
    for bad in ("x-1\tmissed KEN UGA 061\textra -", "x-1 missed -\textra -", "x-1\tmissed -"):
        (tmp_path / "bad.txt").write_text(bad + "\n", "utf-8")
        with pytest.raises(ValueError, match=r"bad\.txt, line 1"):
            read_known_failures(tmp_path / "bad.txt")
    (tmp_path / "twice.txt").write_text("x\tmissed -\textra -\nx\tmissed -\textra -\n", "utf-8")
    with pytest.raises(ValueError, match="listed twice"):
        read_known_failures(tmp_path / "twice.txt")


@pytest.mark.parametrize(
    ("name", "exact_f1", "root_f1", "extra"),
    [("roots.jsonl", 0.76, 0.85, 0.26), ("syntax.jsonl", 0.82, 0.85, 0.17)],
)
def test_suite_level_figures(
    coder: Coder, name: str, exact_f1: float, root_f1: float, extra: float
) -> None:
    report = evaluate(coder, read_gold(GOLDEN / name))
    figures = report.as_dict()
    assert report.scores["exact"].f1 >= exact_f1, figures
    assert report.scores["root"].f1 >= root_f1, figures
    assert figures["extra_events_per_record"] <= extra, figures
