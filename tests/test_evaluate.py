"""`tocsin eval`: the figures it prints are computed as documented."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from tocsin.cli import main
from tocsin.coding.coder import Coder
from tocsin.run.dyad_scoring import DyadMatcher
from tocsin.run.evaluate import evaluate, evaluate_dyads, read_gold

FIXTURE_DICT = str(Path(__file__).parent / "fixtures" / "dict")


def write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_event_scores_at_three_levels(tmp_path: Path, small_coder: Coder) -> None:
    gold = write_jsonl(
        tmp_path / "gold.jsonl",
        [
            # coded exactly: ECOWAS -> MLI 160
            {
                "id": "a",
                "text": "ECOWAS suspended Mali.",
                "codings": [{"sourcecode": "IGOWAFWAS", "targetcode": "MLI", "eventcode": "160"}],
            },
            # right root, wrong code: the coder says 1622
            {
                "id": "b",
                "text": "France suspended military cooperation with Mali.",
                "codings": [{"sourcecode": "FRA", "targetcode": "MLI", "eventcode": "161"}],
            },
            # no event expected, none coded
            {"id": "c", "text": "France did not attack Mali.", "codings": [{"noevents": "True"}]},
            # one event expected, two coded (reciprocal meeting): one extra
            {
                "id": "d",
                "text": "France met with Mali.",
                "codings": [{"sourcecode": "FRA", "targetcode": "MLI", "eventcode": "040"}],
            },
        ],
    )
    report = evaluate(small_coder, read_gold(gold))
    exact, root = report.scores["exact"], report.scores["root"]
    assert (exact.true_positives, exact.predicted, exact.gold) == (2, 4, 3)
    assert (root.true_positives, root.predicted, root.gold) == (3, 4, 3)
    figures = report.as_dict()
    assert figures["records_exactly_right"] == 0.5  # a and c
    assert figures["extra_events_per_record"] == 0.5  # b's 1622 and d's MLI -> FRA


def test_quad_mode_classifies_stories_without_a_full_event(
    tmp_path: Path, small_coder: Coder
) -> None:
    gold = write_jsonl(
        tmp_path / "quad.jsonl",
        [
            {"id": "a", "text": "ECOWAS suspended Mali.", "quad": 3},
            # no political or social actor: classified by its act (criticism, quad 3)
            {"id": "b", "text": "The village condemned the decision.", "quad": 3},
            {"id": "c", "text": "Nothing happened here.", "quad": 1},
        ],
    )
    figures = evaluate(small_coder, read_gold(gold)).as_dict()
    assert figures["accuracy"]["quad"] == round(2 / 3, 4)
    assert figures["accuracy"]["quad_events_only"] == round(1 / 3, 4)
    assert figures["uncoded"] == 2 and figures["unclassified"] == 1


def test_eval_cli_prints_json_and_errors(tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "gold.jsonl",
        [
            {
                "id": "x",
                "text": "France condemned Mali.",
                "codings": [{"sourcecode": "FRA", "targetcode": "MLI", "eventcode": "112"}],
            }
        ],
    )
    runner = CliRunner()
    result = runner.invoke(main, ["eval", str(gold), "--json", "--dict", FIXTURE_DICT])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["levels"]["root"]["f1"] == 1.0
    shown = runner.invoke(main, ["eval", str(gold), "--show", "errors", "--dict", FIXTURE_DICT])
    assert "missed      FRA -> MLI 112" in shown.stdout
    assert "false alarm FRA -> MLI 111" in shown.stdout and "t-criticize" in shown.stdout


DYAD_GOLD: list[dict[str, object]] = [
    # covered, of the right type
    {
        "id": "a",
        "text": "ECOWAS suspended Mali.",
        "dyads": [{"source": "ECOWAS", "target": "Mali", "plover": ["SANCTION"]}],
        "main_event": {"source": ["ECOWAS"], "target": ["Mali"]},
    },
    # the gold reads the other way round: swapped, not covered
    {
        "id": "b",
        "text": "France condemned Mali.",
        "dyads": [{"source": "Mali", "target": "France", "plover": ["ACCUSE"]}],
        "main_event": {"source": ["Mali"], "target": ["France"]},
    },
    # nothing coded: a miss; no main event annotated
    {
        "id": "c",
        "text": "Nothing happened in Niger.",
        "dyads": [{"source": "Niger", "target": "France", "plover": ["CONSULT"]}],
    },
]


def test_dyad_figures_follow_the_shared_rule(tmp_path: Path, small_coder: Coder) -> None:
    gold = write_jsonl(tmp_path / "dyads.jsonl", DYAD_GOLD)
    report = evaluate_dyads(small_coder, read_gold(gold))
    figures = report.as_dict()
    assert (figures["sentences"], figures["dyads"]) == (3, 3)
    assert figures["actors"] == round(1 / 3, 3)
    assert figures["swapped"] == round(1 / 3, 3)
    assert figures["coded"] == round(2 / 3, 3)
    assert (figures["main_event_sentences"], figures["main_event"]) == (2, 0.5)
    assert [r.covered for r in report.results] == [[True], [False], [False]]


def test_pronoun_covers_a_span_of_the_same_country() -> None:
    match = DyadMatcher({"the Malian junta": "MLIMIL", "ECOWAS": "IGOWAFWAS"})
    assert match.same("it", "MLIGOV", "the Malian junta")
    assert not match.same("it", "FRAGOV", "the Malian junta")
    assert not match.same("the bloc", "MLIGOV", "the Malian junta")  # no shared word
    assert match.same("the junta's leaders", "XXX", "the Malian junta")  # a shared word
    assert not match.same("the junta " + "and others " * 6, "MLIMIL", "the Malian junta")


def test_eval_cli_detects_dyad_gold_and_lists_misses(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "dyads.jsonl", DYAD_GOLD)
    runner = CliRunner()
    result = runner.invoke(main, ["eval", str(gold), "--json", "--dict", FIXTURE_DICT])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["actors"] == round(1 / 3, 3)
    shown = runner.invoke(main, ["eval", str(gold), "--show", "errors", "--dict", FIXTURE_DICT])
    assert "missed 'Mali' -> 'France' (swapped)" in shown.stdout
    assert "got    'France' (FRA) -> 'Mali' (MLI)" in shown.stdout


def test_dyad_figures_equal_the_reference_scorer(
    tmp_path: Path, small_coder: Coder, shared: Callable[..., Path]
) -> None:
    """The shared reference scorer gives the same figures on the same events."""
    scorer = shared("tools", "score_dyads.py")
    gold = write_jsonl(tmp_path / "dyads.jsonl", DYAD_GOLD)
    report = evaluate_dyads(small_coder, read_gold(gold))
    events = tmp_path / "events.jsonl"
    events.write_text(
        "".join(json.dumps(e.to_dict()) + "\n" for r in report.results for e in r.events),
        encoding="utf-8",
    )
    out = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(events), "--json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert json.loads(out) == report.as_dict()
