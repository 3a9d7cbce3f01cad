"""Each export format against the published layout in ../shared/reference (skipped without it):
the GDELT 2.0 event schema, the header of ICEWS's Dataverse files, and the Phoenix and POLECAT
column lists of FORMATS.md; and the GDELT files read the way GDELT's own are read (no header)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tocsin.coding.coder import Coder
from tocsin.io.exports import ICEWS_COLUMNS, PHOENIX_COLUMNS, _polecat_columns, export
from tocsin.knowledge.ontology import Ontology

from .helpers import ROOT
from .test_exports import fill

REFERENCE = ROOT.parent / "shared" / "reference"


def reference(name: str) -> Path:
    path = REFERENCE / name
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is missing)")
    return path


@pytest.fixture()
def filled(tmp_path: Path, store_coder: Coder) -> Any:
    store = fill(str(tmp_path / "e.sqlite"), store_coder)
    yield store, list(store.events())
    store.close()


def formats_section(title: str) -> str:
    text = reference("FORMATS.md").read_text("utf-8")
    section = text.split(f"## {title}", 1)[1].split("\n## ", 1)[0]
    return " ".join(section.split())


def exported_header(store: Any, fmt: str, out: Path) -> list[str]:
    export(store, fmt, out, header=True)
    return out.read_text("utf-8").splitlines()[0].split("\t")


def test_gdelt_has_the_61_columns_of_the_gdelt_2_schema(filled: Any, tmp_path: Path) -> None:
    store, events = filled
    schema = pd.read_csv(reference("GDELT_2.0_Events_schema.csv"))
    assert exported_header(store, "gdelt", tmp_path / "h.tsv") == list(schema["tableId"])
    out = tmp_path / "e.tsv"
    export(store, "gdelt", out)  # as GDELT publishes it: no header
    frame = pd.read_csv(out, sep="\t", header=None, names=list(schema["tableId"]))
    assert len(frame) == len(events)
    integers = schema[schema["dataType"] == "INTEGER"]["tableId"]
    for column in integers:  # INTEGER columns read as integers (nullable ones may be empty)
        values = frame[column].dropna()
        assert (values == values.astype("int64")).all(), column
    assert set(frame["ActionGeo_Type"].dropna()) <= {1, 2, 3, 4, 5}
    assert frame["ActionGeo_CountryCode"].dropna().str.fullmatch(r"[A-Z]{2}").all()


def test_icews_has_the_header_of_the_dataverse_files(filled: Any, tmp_path: Path) -> None:
    store, _ = filled
    sample = reference("icews_events_sample_50.tab").read_text("utf-8").splitlines()[0]
    assert exported_header(store, "icews", tmp_path / "i.tab") == sample.split("\t")
    assert [name for name, _ in ICEWS_COLUMNS] == sample.split("\t")


def test_phoenix_has_the_26_columns_named_by_formats_md(filled: Any, tmp_path: Path) -> None:
    store, _ = filled
    section = formats_section("Phoenix")
    assert "26 columns" in section
    header = exported_header(store, "phoenix", tmp_path / "p.tsv")
    assert len(header) == 26 == len(PHOENIX_COLUMNS)
    names = section.split("including", 1)[1].split(". ", 1)[0] + "."
    listed = re.findall(r"\b([A-Z][A-Za-z]+)(?:,|\.)", names)
    listed = [name for name in listed if not name.endswith("Actor")]  # "TargetActor..."
    assert [name for name in header if name in listed] == listed  # every one, in that order


def test_polecat_has_the_columns_named_by_formats_md(filled: Any, tmp_path: Path) -> None:
    store, _ = filled
    section = formats_section("POLECAT")
    listed = [n.strip(" .") for n in section.split(":", 1)[1].split(". ", 1)[0].split(",")]
    header = exported_header(store, "polecat", tmp_path / "pl.tsv")
    assert header == listed == [name for name, _ in _polecat_columns(Ontology.load())]
