"""`tocsin eval`: the figures it prints are computed as documented."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tocsin.cli import main
from tocsin.coding.coder import Coder
from tocsin.run.evaluate import evaluate, read_gold

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
            # no known actor: classified by its act (attack, quad 4)
            {"id": "b", "text": "Unknown gunmen attacked a village.", "quad": 4},
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
