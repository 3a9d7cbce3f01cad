"""Every export format, on both backends, read back with pandas (and DuckDB) column by column."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

from tocsin.cli import main
from tocsin.coding.coder import Coder
from tocsin.io.exports import GDELT_COLUMNS, PLOVER_QUAD, export, gdelt_event_id
from tocsin.records import Story
from tocsin.store import EventFilter, Store, StoredEvent, open_store

from .helpers import ROOT, LaterEvent, story_record

PLACE = {"location_name": "Bamako", "location_country": "MLI", "lat": 12.65, "lon": -7.99}


def fill(db_url: str, coder: Coder) -> Store:
    store = open_store(db_url)
    for n in range(8):
        record = story_record(n)
        story = Story(
            record["id"], record["text"], dt.date.fromisoformat(record["date"]),
            title=f"Title {n}", url=record["url"], source="Test Wire",
        )  # fmt: skip
        events = list(coder.code([story]))
        if n == 0:
            events = [LaterEvent(e, PLACE) for e in events]  # type: ignore[misc]
        store.add_story(story, events)
    statement = Story("statement", "France told Mali that talks would resume.", dt.date(2021, 8, 1))
    store.add_story(statement, list(coder.code([statement])))  # root 01: no PLOVER type
    # the same dyad and code twice on one day, from two stories: one Phoenix record
    for k in (1, 2):
        story = Story(f"dup-{k}", f"Russia attacked Ukraine. ({k})", dt.date(2022, 3, 1),
                      url=f"https://dup.test/{k}", source=f"Wire {k}")  # fmt: skip
        store.add_story(story, list(coder.code([story])))
    return store


def text(value: Any) -> str:
    """How a value is written in a delimited file."""
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def read_delimited(path: Path, sep: str) -> pd.DataFrame:
    frame = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False)
    default = pd.read_csv(path, sep=sep)  # pandas' own type guesses read the same shape
    assert default.shape == frame.shape and list(default.columns) == list(frame.columns)
    return frame


@pytest.fixture()
def filled(db_url: str, store_coder: Coder) -> Any:
    store = fill(db_url, store_coder)
    yield store, list(store.events())
    store.close()


def test_jsonl(filled: Any, tmp_path: Path) -> None:
    store, events = filled
    out = tmp_path / "e.jsonl"
    assert export(store, "jsonl", out) == len(events)
    frame = pd.read_json(out, lines=True, dtype=False)
    assert list(frame.columns) == store.event_fields()
    rows = frame.to_dict("records")
    for row, event in zip(rows, events, strict=True):
        for column, value in event.record.items():
            got = row[column]
            assert got == value or (value is None and pd.isna(got)), column
    assert rows[0]["code"] == events[0].code and isinstance(rows[0]["code"], str)
    assert [json.loads(line) for line in out.read_text().splitlines()] == [e.record for e in events]


def test_csv(filled: Any, tmp_path: Path) -> None:
    store, events = filled
    out = tmp_path / "e.csv"
    export(store, "csv", out)
    frame = read_delimited(out, ",")
    assert list(frame.columns) == store.event_fields()
    assert {"location_name", "lat", "lon"} <= set(frame.columns)
    for row, event in zip(frame.to_dict("records"), events, strict=True):
        for column in frame.columns:
            assert row[column] == text(event.record.get(column)), column
    assert json.loads(frame["evidence"][0]) == events[0].record["evidence"]


def test_parquet_keeps_types_for_pandas_and_duckdb(filled: Any, tmp_path: Path) -> None:
    store, events = filled
    out = tmp_path / "e.parquet"
    assert export(store, "parquet", out) == len(events)
    frame = pd.read_parquet(out)
    assert list(frame.columns) == store.event_fields()
    assert frame["sentence_index"].dtype == "int64" and frame["goldstein"].dtype == "float64"
    assert frame["lat"].dtype == "float64"
    for row, event in zip(frame.to_dict("records"), events, strict=True):
        record = event.record
        for column in frame.columns:
            got, want = row[column], record.get(column)
            if column == "date":
                assert pd.Timestamp(got).date() == event.date
            elif isinstance(want, dict | list):
                assert json.loads(got) == want
            elif want is None or want == "":  # nothing is null, not "" (a missing target)
                assert got is None or pd.isna(got), column
            else:
                assert got == want, column
    duckdb = pytest.importorskip("duckdb")
    described = duckdb.sql(f"DESCRIBE SELECT * FROM '{out}'").fetchall()
    types = {row[0]: row[1] for row in described}
    assert (types["code"], types["root_code"], types["date"]) == ("VARCHAR", "VARCHAR", "DATE")
    codes = [r[0] for r in duckdb.sql(f"SELECT code FROM '{out}'").fetchall()]
    assert codes == [e.code for e in events]


# FIPS 10-4 codes of the countries in the tests' stories, as GDELT writes them
FIPS = {"FRA": "FR", "MLI": "ML", "UKR": "UP", "RUS": "RS", "DEU": "GM", "GBR": "UK", "USA": "US"}


def test_gdelt(filled: Any, tmp_path: Path) -> None:
    store, events = filled
    out = tmp_path / "e.tsv"
    export(store, "gdelt", out)  # no header row, as GDELT's own files
    names = [name for name, _ in GDELT_COLUMNS]
    frame = pd.read_csv(out, sep="\t", dtype=str, keep_default_na=False, header=None, names=names)
    assert frame.shape == (len(events), 61)
    assert out.read_text("utf-8").splitlines()[0].split("\t")[0] == str(
        gdelt_event_id(events[0].id)
    )
    with_header = tmp_path / "h.tsv"
    export(store, "gdelt", with_header, header=True)
    assert list(read_delimited(with_header, "\t").columns) == names
    for row, e in zip(frame.to_dict("records"), events, strict=True):
        r = e.record
        date = e.date
        assert row["GLOBALEVENTID"] == str(gdelt_event_id(e.id))
        assert row["SQLDATE"] == date.strftime("%Y%m%d")
        assert row["MonthYear"] == date.strftime("%Y%m") and row["Year"] == str(date.year)
        assert (
            abs(float(row["FractionDate"]) - (date.year + (date.month * 30 + date.day) / 365))
            < 1e-4
        )
        assert (row["Actor1Code"], row["Actor2Code"]) == (e.source, e.target)
        assert row["Actor1Name"] == r["source_name"].upper()
        assert row["Actor2Name"] == r["target_name"].upper()
        for k, code in ((1, e.source), (2, e.target)):
            igo = code.startswith("IGO")
            assert row[f"Actor{k}CountryCode"] == ("" if igo else code[:3])
            assert row[f"Actor{k}KnownGroupCode"] == (code[3:6] if igo else "")
            assert row[f"Actor{k}Type1Code"] == ("IGO" if igo else code[3:6])
            assert row[f"Actor{k}Type2Code"] == "" and row[f"Actor{k}Type3Code"] == ""
            assert row[f"Actor{k}EthnicCode"] == row[f"Actor{k}Religion1Code"] == ""
        assert row["IsRootEvent"] == ("1" if e.sentence_index == 0 else "0")
        assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == (
            e.code, e.code[:3], e.root_code)  # fmt: skip
        assert row["QuadClass"] == str(e.quad_class)
        assert float(row["GoldsteinScale"]) == e.goldstein
        assert row["NumMentions"] == row["NumSources"] == row["NumArticles"] == "1"
        assert row["AvgTone"] == ""
        precision, country = r.get("location_precision"), r.get("location_country")
        geo_type = {"country": "1", "admin1": "5", "city": "4"}.get(precision or "", "")
        assert row["ActionGeo_Type"] == geo_type
        if country in FIPS or not country:
            assert row["ActionGeo_CountryCode"] == FIPS.get(country or "", "")
        assert row["ActionGeo_FullName"] == text(r.get("location_name"))
        assert row["ActionGeo_Lat"] == text(r.get("lat"))
        assert row["ActionGeo_Long"] == text(r.get("lon"))
        city = precision == "city"
        assert row["ActionGeo_FeatureID"] == (text(r.get("geonameid")) if city else "")
        assert row["Actor1Geo_Lat"] == row["Actor2Geo_FullName"] == ""
        assert row["DATEADDED"] == "".join(c for c in e.ingested_at if c.isdigit())
        assert len(row["DATEADDED"]) == 14
        assert row["SOURCEURL"] == (e.story_url or e.story_id)  # a citation when no URL
    default = pd.read_csv(out, sep="\t", header=None, names=names)
    assert default["GLOBALEVENTID"].dtype == "int64"  # GDELT's ids are integers
    assert default["GoldsteinScale"].dtype == "float64"


def test_icews(filled: Any, tmp_path: Path) -> None:
    store, events = filled
    out = tmp_path / "e.tab"
    export(store, "icews", out)
    frame = read_delimited(out, "\t")
    sample = ROOT.parent / "shared" / "reference" / "icews_events_sample_50.tab"
    if sample.exists():
        assert list(frame.columns) == sample.read_text("utf-8").splitlines()[0].split("\t")
    assert frame.shape == (len(events), 20)
    for row, e in zip(frame.to_dict("records"), events, strict=True):
        r = e.record
        assert (row["Event ID"], row["Event Date"]) == (e.id, e.date.isoformat())
        assert (row["Source Name"], row["Target Name"]) == (r["source_name"], r["target_name"])
        for side, code in (("Source", e.source), ("Target", e.target)):
            igo = code.startswith("IGO")
            assert row[f"{side} Country"] == ("" if igo else code[:3])
            assert row[f"{side} Sectors"] == ("IGO" if igo else code[3:])
        assert (row["Event Text"], row["CAMEO Code"]) == (r["name"], e.code)
        assert float(row["Intensity"]) == e.goldstein
        assert (row["Story ID"], row["Sentence Number"]) == (e.story_id, str(e.sentence_index + 1))
        assert row["Publisher"] == text(e.story_source)
        assert (row["City"], row["Country"]) == (
            text(r.get("location_name")), text(r.get("location_country")))  # fmt: skip
        assert (row["Latitude"], row["Longitude"]) == (text(r.get("lat")), text(r.get("lon")))
        assert row["District"] == row["Province"] == ""


def test_phoenix_keeps_one_record_a_day_per_dyad_and_code(filled: Any, tmp_path: Path) -> None:
    store, events = filled
    out = tmp_path / "p.tsv"
    written = export(store, "phoenix", out)
    frame = read_delimited(out, "\t")
    assert frame.shape == (written, 26)
    groups: dict[tuple[Any, ...], list[StoredEvent]] = {}
    for e in events:
        groups.setdefault((e.date, e.source, e.target, e.code), []).append(e)
    assert written == len(groups) < len(events)
    for row in frame.to_dict("records"):
        date = dt.datetime.strptime(row["Date"], "%Y%m%d").date()
        members = groups[(date, row["SourceActorFull"], row["TargetActorFull"], row["EventCode"])]
        first = members[0]
        assert row["EventID"] == first.id
        assert (row["Year"], row["Month"], row["Day"]) == tuple(
            str(v) for v in (date.year, date.month, date.day))  # fmt: skip
        for side, code in (("Source", first.source), ("Target", first.target)):
            assert row[f"{side}ActorEntity"] == code[:3]
            assert row[f"{side}ActorRole"] == code[3:6]
            assert row[f"{side}ActorAttribute"] == code[6:]
        assert (row["EventRootCode"], row["QuadClass"]) == (
            first.root_code, str(first.phoenix_quad))  # fmt: skip
        assert float(row["GoldsteinScore"]) == first.goldstein
        assert row["SentenceID"].split(";") == [f"{m.story_id}_{m.sentence_index}" for m in members]
        urls = dict.fromkeys(m.story_url for m in members if m.story_url)
        assert row["URLs"] == ";".join(urls)
        sources = dict.fromkeys(m.story_source for m in members if m.story_source)
        assert row["NewsSources"] == ";".join(sources)
        assert row["CountryCode"] == text(first.record.get("location_country"))
    merged = frame[frame["SentenceID"].str.contains("dup-1")]
    assert merged["URLs"].tolist() == ["https://dup.test/1;https://dup.test/2"]


def test_polecat_has_the_plover_typed_events(filled: Any, tmp_path: Path) -> None:
    store, events = filled
    out = tmp_path / "pl.tsv"
    written = export(store, "polecat", out)
    frame = read_delimited(out, "\t")
    typed = [e for e in events if e.plover]
    assert written == len(typed) and len(typed) > 0
    assert any(e.plover is None for e in events)  # statements (01) have no PLOVER type
    assert frame.shape == (written, 40)
    for row, e in zip(frame.to_dict("records"), typed, strict=True):
        r = e.record
        assert (row["Event ID"], row["Event Date"], row["Event Type"]) == (
            e.id, e.date.isoformat(), e.plover)  # fmt: skip
        assert row["Quad Code"] == str(PLOVER_QUAD[e.plover])
        assert float(row["Event Intensity"]) == e.goldstein
        assert (row["Actor Name"], row["Recipient Name"]) == (r["source_text"], r["target_text"])
        assert row["Actor Name Raw"] == r["source_text"]
        assert row["Actor Country"] == ("" if e.source.startswith("IGO") else e.source[:3])
        assert (row["Source"], row["Publication Date"]) == (
            text(e.story_source), e.story_date.isoformat())  # fmt: skip
        assert (row["Language"], row["Version"]) == ("en", "tocsin 0.1.0")
        assert (row["Placename"], row["Country"], row["Latitude"]) == tuple(
            text(r.get(k)) for k in ("location_name", "location_country", "lat"))  # fmt: skip


def test_export_command_filters_and_reports(tmp_path: Path, store_coder: Coder) -> None:
    db = str(tmp_path / "x.sqlite")
    fill(db, store_coder).close()
    out = tmp_path / "rus.csv"
    result = CliRunner().invoke(
        main, ["export", "--db", db, "--format", "csv", "--source", "rus", str(out)]
    )
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, dtype=str)
    with open_store(db) as store:
        want = [e.id for e in store.events(EventFilter(source=("RUS",)))]
    assert frame["id"].tolist() == want and frame["source"].str.startswith("RUS").all()
    assert f"{len(want)} rows written" in result.stderr
    assert not list(tmp_path.glob(".*partial"))
    missing = CliRunner().invoke(main, ["export", "--db", str(tmp_path / "no.sqlite"),
                                        "--format", "csv", str(out)])  # fmt: skip
    assert missing.exit_code == 1 and "no such store" in missing.output


def test_query_command(tmp_path: Path, store_coder: Coder) -> None:
    db = str(tmp_path / "q.sqlite")
    fill(db, store_coder).close()
    runner = CliRunner()
    result = runner.invoke(main, ["query", "--db", db, "--code", "19*", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(r["code"].startswith("19") for r in rows)
    table = runner.invoke(main, ["query", "--db", db, "--actor", "UKR", "--limit", "2"])
    lines = table.stdout.splitlines()
    assert lines[0].split()[:5] == ["date", "story", "source", "target", "code"]
    assert len(lines) == 4 and "UKR" in lines[2]
    counts = runner.invoke(main, ["query", "--db", db, "--count-by", "dyad", "--format", "csv"])
    frame = pd.read_csv(pd.io.common.StringIO(counts.stdout))
    assert list(frame.columns) == ["source", "target", "events"]
    with open_store(db) as store:  # dyads are the events with a target, by country
        assert frame["events"].sum() == sum(1 for e in store.events() if e.target)
    bad = runner.invoke(main, ["query", "--db", db, "--since", "2021-13-01"])
    assert bad.exit_code == 2 and "--since" in bad.output
