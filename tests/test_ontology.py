from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from tocsin.knowledge.ontology import GDELT_QUAD, PHOENIX_QUAD, Ontology


def test_every_code_has_name_root_goldstein_and_quads(ontology: Ontology) -> None:
    assert len(ontology) >= 300
    for kind in ontology:
        assert kind.name, kind.code
        assert kind.root == kind.code[:2]
        assert -10.0 <= kind.goldstein <= 10.0
        assert kind.quad_class in (1, 2, 3, 4)
        assert kind.phoenix_quad in (0, 1, 2, 3, 4)


def test_quad_mappings_follow_gdelt_and_phoenix() -> None:
    assert [GDELT_QUAD[r] for r in ("01", "04", "05", "08", "09", "13", "14", "20")] == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
    ]
    assert PHOENIX_QUAD["02"] == 0 and PHOENIX_QUAD["16"] == 3 and PHOENIX_QUAD["15"] == 4


def test_plover_types_for_roots_02_to_20(ontology: Ontology) -> None:
    assert ontology["1622"].plover_type == "SANCTION"
    assert ontology["190"].plover_type == "ASSAULT"
    for kind in ontology:
        if kind.root != "01":
            assert kind.plover_type, kind.code
        else:
            assert kind.plover_type is None  # statements are not PLOVER events


def test_appeals_take_the_plover_type_of_the_demand_they_parallel(ontology: Ontology) -> None:
    # PLOVER's REQUEST holds "all requests, demands, and orders"; the 2021 CAMEO-to-PLOVER table
    # lists only the demands (10x)
    for kind in ontology:
        if kind.root == "02":
            demand = ontology["10" + kind.code[2:]]
            assert (kind.plover_type, kind.plover_mode, kind.plover_context) == (
                demand.plover_type,
                demand.plover_mode,
                demand.plover_context,
            ), kind.code


def test_codes_and_goldstein_agree_with_the_codebook(
    ontology: Ontology, shared: Callable[..., Path]
) -> None:
    path = shared("reference", "cameo-codes_with_goldstein_and_examples.csv")
    with path.open(encoding="utf-8", errors="replace") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["code"] for r in rows} == {k.code for k in ontology}
    for row in rows:
        assert ontology[row["code"]].goldstein == float(row["goldstein"]), row["code"]
