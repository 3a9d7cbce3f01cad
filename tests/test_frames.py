"""The Python side a pandas user meets: `Story` takes dates as they come, and `read_events`
gives a DataFrame with the right types from a store or an events file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import tocsin
from tocsin.cli import main
from tocsin.coding.coder import Coder
from tocsin.records import Story
from tocsin.store import open_store

STORIES = [
    ("s1", "2021-06-04", "France suspended military cooperation with Mali."),
    ("s2", "2022-03-01", "Russia denied the accusation. Ukraine accused Russia of war crimes."),
    ("s3", None, "Kenyan police arrested dozens of protesters in Nairobi."),
]


@pytest.mark.parametrize(
    "given",
    [
        "2024-08-20",
        " 2024-08-20T09:30:00Z",
        dt.date(2024, 8, 20),
        dt.datetime(2024, 8, 20, 23, 59),
        pd.Timestamp("2024-08-20 10:00"),
        np.datetime64("2024-08-20"),
    ],
)
def test_a_story_date_is_normalised_to_a_date(given: object) -> None:
    story = Story("s", "text", given)  # type: ignore[arg-type]
    assert story.date == dt.date(2024, 8, 20) and type(story.date) is dt.date


@pytest.mark.parametrize("given", [None, "", "  ", pd.NaT, float("nan")])
def test_missing_story_dates_are_none(given: object) -> None:
    assert Story("s", "text", given).date is None  # type: ignore[arg-type]


@pytest.mark.parametrize("given", ["20 Aug 2024", "2024-13-01", 20240820, ["2024-08-20"]])
def test_a_bad_story_date_is_refused_with_the_story_named(given: object) -> None:
    with pytest.raises(ValueError, match="story 's9'"):
        Story("s9", "text", given)  # type: ignore[arg-type]


def test_a_story_given_a_string_date_codes_and_serialises(coder: Coder) -> None:
    text = "France suspended military cooperation with Mali."
    events = list(coder.code([Story("s", text, "2021-06-04")]))  # type: ignore[arg-type]
    assert events and json.loads(json.dumps(events[0].to_dict()))["date"] == "2021-06-04"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory, coder: Coder) -> Path:
    path = tmp_path_factory.mktemp("frames") / "events.sqlite"
    with open_store(path) as store:
        for sid, date, text in STORIES:
            story = Story(sid, text, date)  # type: ignore[arg-type]
            store.add_story(story, list(coder.code([story])))
    return path


def check_types(frame: pd.DataFrame) -> None:
    for column in ("id", "code", "root_code", "source", "target", "story_id"):
        assert frame[column].dtype == "string", column
    assert frame["code"].str.fullmatch(r"\d{3,4}").all()  # "0874", not 874
    assert pd.api.types.is_datetime64_any_dtype(frame["date"])
    assert str(frame["sentence_index"].dtype) == "Int64"
    assert frame["goldstein"].dtype == "float64"
    assert isinstance(frame["evidence"].iloc[0], dict)


def test_read_events_from_a_store(store_path: Path) -> None:
    frame = tocsin.read_events(store_path)
    check_types(frame)
    assert set(frame["story_id"]) == {"s1", "s2", "s3"}
    denial = frame[frame["code"] == "016"]
    assert len(denial) == 1 and pd.isna(denial["target"].iloc[0])  # null, never ""
    undated = frame[frame["story_id"] == "s3"]
    assert undated["date"].isna().all() and (undated["date_source"] == "none").all()
    dated = frame[frame["story_id"] == "s1"]
    assert (dated["date"] == pd.Timestamp("2021-06-04")).all()


def test_read_events_filters_as_query_does(store_path: Path) -> None:
    russia = tocsin.read_events(store_path, source="rus", since="2022-01-01")
    assert len(russia) and (russia["source"].str[:3] == "RUS").all()
    two = tocsin.read_events(store_path, actor=["FRA", "UKR"], quad=[3, 4])
    assert set(two["story_id"]) == {"s1", "s2"}  # a suspension (1622) is material conflict
    with pytest.raises(TypeError, match="unknown filter"):
        tocsin.read_events(store_path, sorce="RUS")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_read_events_from_an_export_has_the_same_types(
    store_path: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"events.{fmt}"
    result = CliRunner().invoke(
        main, ["export", "--db", str(store_path), "--format", fmt, str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "undated" in result.output  # the export says that some events have no date
    frame = tocsin.read_events(out)
    check_types(frame)
    from_store = tocsin.read_events(store_path)
    assert frame["code"].tolist() == from_store["code"].tolist()
    assert frame["target"].isna().tolist() == from_store["target"].isna().tolist()
    with pytest.raises(ValueError, match="filters apply to a store"):
        tocsin.read_events(out, source="RUS")


def test_parquet_has_nulls_for_a_missing_target(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "e.parquet"
    CliRunner().invoke(main, ["export", "--db", str(store_path), "--format", "parquet", str(out)])
    frame = pd.read_parquet(out)
    assert frame["target"].isna().any() and not (frame["target"] == "").any()
    assert frame["code"].map(type).eq(str).all()


def test_a_missing_store_is_named() -> None:
    with pytest.raises(FileNotFoundError, match=r"no-such\.sqlite"):
        tocsin.read_events("no-such.sqlite")
