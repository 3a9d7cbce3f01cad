"""Actor resolution accuracy on the project's own dated mentions (tests/data/actor_mentions.tsv:
all continents, 1995-2026): the issue's targets are country right for 90% of mentions and
country and role right for 80%."""

from __future__ import annotations

from pathlib import Path

from tocsin.coding.coder import Coder
from tocsin.run.evaluate import read_actor_table, score_actors

TABLE = Path(__file__).parent / "data" / "actor_mentions.tsv"


def test_dated_mentions_resolve_to_the_right_country_and_role(coder: Coder) -> None:
    mentions = read_actor_table(TABLE)
    assert len(mentions) >= 150
    report = score_actors(coder, mentions)
    figures = report.as_dict()
    assert figures["country_accuracy"] >= 0.9, report.misses
    assert figures["country_and_role_accuracy"] >= 0.8, report.misses
