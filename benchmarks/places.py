"""Event geolocation accuracy on the project's own table of placed sentences.

For each sentence of tests/data/event_places.jsonl (written for tocsin: a sentence, its date and
the true place of its event), codes it and checks the first event's place: country right, and
point within 50 km of the true place. Sentences that code no event count as wrong.

    .venv/bin/python benchmarks/places.py [--show]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tocsin.coding.coder import Coder
from tocsin.run.evaluate import score_places

TABLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "event_places.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--show", action="store_true", help="list the misses")
    args = ap.parse_args()
    report = score_places(Coder(), TABLE)
    d = report.as_dict()
    print(
        f"{d['sentences']} sentences, {d['coded']} coded: "
        f"country right {d['country_accuracy']:.3f}, within 50 km {d['within_50_km']:.3f}"
    )
    if args.show:
        for text, country, got in report.misses:
            print(f"   expected {country}, got {got}: {text}")


if __name__ == "__main__":
    main()
