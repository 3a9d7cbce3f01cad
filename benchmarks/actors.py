"""Actor resolution accuracy: country, and country + role, of `tocsin actors resolve`.

Scores the project's own dated table (tests/data/actor_mentions.tsv) and the actor annotations of
../shared/gold/plover_dev.jsonl (when present). Add --show to list the misses.

    .venv/bin/python benchmarks/actors.py [--show]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tocsin.coding.actors import ActorIndex
from tocsin.coding.coder import Coder
from tocsin.coding.nlp import Parser
from tocsin.coding.verbs import VerbIndex
from tocsin.knowledge.dictionaries import load_dictionaries
from tocsin.knowledge.ontology import Ontology
from tocsin.run.evaluate import ActorReport, plover_actors, read_actor_table, score_actors

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "tests" / "data" / "actor_mentions.tsv"
PLOVER = ROOT.parent / "shared" / "gold" / "plover_dev.jsonl"


def show(name: str, report: ActorReport, misses: bool) -> None:
    d = report.as_dict()
    print(
        f"{name}: {d['mentions']} mentions, country {d['country_accuracy']:.3f}, "
        f"country+role {d['country_and_role_accuracy']:.3f}"
    )
    if misses:
        for gold, got in report.misses:
            print(f"   {gold.text!r} ({gold.date}) expected {gold.code}, got {got}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--show", action="store_true", help="list the misses")
    args = ap.parse_args()
    parser = Parser()
    started = time.perf_counter()
    ontology = Ontology.load()
    dictionaries = load_dictionaries(known_codes=(t.code for t in ontology))
    actors = ActorIndex(dictionaries, tokenize=parser.tokenize)
    verbs = VerbIndex(dictionaries.patterns, dictionaries.tables)
    elapsed = time.perf_counter() - started
    print(
        f"dictionaries loaded and indexed in {elapsed:.2f} s: {len(dictionaries.actors)} actor "
        f"lines, {len(dictionaries.agents)} role lines, {len(actors)} indexed names, "
        f"{len(verbs)} verb patterns"
    )
    coder = Coder(parser=parser, ontology=ontology, dictionaries=dictionaries)
    show("own dated table", score_actors(coder, read_actor_table(TABLE)), args.show)
    if PLOVER.exists():
        show("plover_dev actors", score_actors(coder, plover_actors(PLOVER)), args.show)
    else:
        print(f"{PLOVER} not found: plover_dev figures skipped")


if __name__ == "__main__":
    main()
