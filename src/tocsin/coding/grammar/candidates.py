"""An event candidate: a verb match with its source and target, before scoring and dating."""

from __future__ import annotations

from dataclasses import dataclass

from tocsin.coding.verbs import VerbMatch
from tocsin.records import ActorMention


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """A verb match with its resolved source and target, before scoring and dating. `code` is
    the pattern's code, or the code its mood makes of it (intent, demand, appeal, threat)."""

    match: VerbMatch
    source: ActorMention
    target: ActorMention | None
    rules: tuple[str, ...]
    code: str
    speaker: ActorMention | None = None  # who reports the act ("..., police said")
