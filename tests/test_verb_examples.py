"""Every verb pattern's `example` is run: the pattern must fire on its own example.

A `discard` pattern (a non-political sense) fires when its example matches no event pattern at
all. Patterns whose example does not fire yet are listed in tests/data/verb_examples_known.txt with
what fired instead; the list is strict: a listed pattern that now fires fails the test until its
line is removed, so the list can only shrink.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tocsin.coding.coder import Coder
from tocsin.records import Story

KNOWN = Path(__file__).parent / "data" / "verb_examples_known.txt"


def known_failures() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in KNOWN.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pid, _, instead = line.partition("\t")
            out[pid] = instead
    return out


def fired_on_examples(coder: Coder) -> dict[str, list[str]]:
    """For every pattern with an example, the patterns that fire on that example."""
    patterns = [p for p in coder.verbs.patterns if p.example]
    stories = [Story(f"example-{i}", p.example, None) for i, p in enumerate(patterns)]
    fired: dict[str, list[str]] = {}
    for pattern, (_, sentences) in zip(patterns, coder.parser.parse(stories), strict=True):
        fired[pattern.id] = [m.pattern.id for s in sentences for m in coder.verbs.match(s)]
    return fired


def fires(coder: Coder, pattern_id: str, fired: list[str]) -> bool:
    pattern = next(p for p in coder.verbs.patterns if p.id == pattern_id)
    return not fired if pattern.code == "discard" else pattern_id in fired


@pytest.fixture(scope="module")
def results(coder: Coder) -> dict[str, list[str]]:
    return fired_on_examples(coder)


def test_every_pattern_fires_on_its_example(coder: Coder, results: dict[str, list[str]]) -> None:
    known = known_failures()
    failing = {pid: fired for pid, fired in results.items() if not fires(coder, pid, fired)}
    new = {pid: fired for pid, fired in failing.items() if pid not in known}
    fixed = sorted(pid for pid in known if pid in results and pid not in failing)
    assert not new, "patterns that do not fire on their own example (fired instead): " + "; ".join(
        f"{pid} -> {', '.join(fired) or 'nothing'}" for pid, fired in sorted(new.items())
    )
    assert not fixed, f"now firing, remove from {KNOWN.name}: {', '.join(fixed)}"


def test_known_list_names_only_existing_patterns(coder: Coder) -> None:
    ids = {p.id for p in coder.verbs.patterns}
    assert not set(known_failures()) - ids
