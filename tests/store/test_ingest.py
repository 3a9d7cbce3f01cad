"""`tocsin ingest`: every input kind, rejects reported with file and line while the rest is
stored, idempotent re-ingest, URLs, and a kill -9 in the middle of an ingest."""

from __future__ import annotations

import csv
import http.server
import json
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from tocsin.cli import main
from tocsin.coding.coder import Coder
from tocsin.errors import InputError
from tocsin.run.ingest import ingest_inputs, story_key
from tocsin.store import EventFilter, open_store

from .helpers import INGEST_DICT_ARGS, STORE_DICT, cli, cli_process, story_record, write_jsonl

HTML = """<html><head><title>Sahel news</title>
<meta property="article:published_time" content="2021-06-04">
<link rel="canonical" href="https://news.test/sahel"></head>
<body><nav>Home | World | Sport</nav><article><h1>France and Mali</h1>
<p>France suspended Mali after the second coup in nine months, officials in Paris said on
Thursday, and the decision was welcomed by some of the neighbours.</p>
<p>ECOWAS condemned Mali in a statement read at the summit later that day by the chair.</p>
</article><footer>Cookies and copyright notices</footer></body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Wire</title>
<item><guid>wire-1</guid><title>Attack</title><link>https://wire.test/1</link>
<pubDate>Tue, 01 Mar 2022 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Russia attacked Ukraine.&lt;/p&gt;</description></item>
<item><guid>wire-2</guid><title>Nothing</title><link>https://wire.test/2</link>
<description></description></item>
<item><title>Accusation</title><link>https://wire.test/3</link>
<pubDate>Wed, 02 Mar 2022 08:00:00 GMT</pubDate>
<description>Ukraine accused Russia of lying.</description></item>
</channel></rss>"""


def make_inputs(folder: Path) -> Path:
    """A folder with one file of each kind, good and bad records mixed."""
    folder.mkdir()
    good = [story_record(1), story_record(2)]
    lines = [
        json.dumps(good[0]),
        '{"id": "broken", "text": "France met Mali.",',  # line 2: malformed JSON
        json.dumps({"id": "no-text"}),  # line 3: no text
        "",
        json.dumps(good[1]),
        json.dumps({"id": "bad-date", "text": "Niger met Mali.", "date": "yesterday"}),  # 6
    ]
    (folder / "stories.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with (folder / "table.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "date", "text", "source"])
        writer.writerow(["csv-1", "2021-05-01", "Niger condemned Russia.", "CSV Daily"])
        writer.writerow(["csv-2", "2021-05-02", "", "CSV Daily"])  # line 3: no text
        writer.writerow(["", "2021-05-03", "ECOWAS suspended Niger.", "CSV Daily"])  # no id
        writer.writerow(["csv-4", "03/05/2021", "France met Niger.", "CSV Daily"])  # 5: bad date
    sub = folder / "notes"
    sub.mkdir()
    (sub / "memo.txt").write_text("Mali accused France of lying.", encoding="utf-8")
    (sub / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "page.html").write_text(HTML, encoding="utf-8")
    (folder / "wire.rss").write_text(RSS, encoding="utf-8")
    (folder / "README.md").write_text("not an input: ignored", encoding="utf-8")
    return folder


EXPECTED_IDS = {
    "story-00001",
    "story-00002",
    "csv-1",
    story_key("ECOWAS suspended Niger."),
    "notes/memo",
    "https://news.test/sahel",
    "wire-1",
    "https://wire.test/3",
}


def expected_rejects(folder: Path) -> list[tuple[str, str, str]]:
    return sorted(
        [
            (str(folder / "stories.jsonl"), "2", "malformed JSON"),
            (str(folder / "stories.jsonl"), "3", "no 'text'"),
            (str(folder / "stories.jsonl"), "6", "bad 'date'"),
            (str(folder / "table.csv"), "3", "no text"),
            (str(folder / "table.csv"), "5", "bad 'date'"),
            (str(folder / "notes" / "empty.txt"), "", "empty"),
            (str(folder / "wire.rss"), "", "feed entry 2"),
            (str(folder / "missing.jsonl"), "", "no such file"),
        ]
    )


def test_every_input_kind_is_stored_and_bad_records_are_reported(
    db_url: str, tmp_path: Path
) -> None:
    folder = make_inputs(tmp_path / "inputs")
    report = tmp_path / "rejects.tsv"
    args = ["ingest", str(folder), str(folder / "missing.jsonl"), "--db", db_url,
            *INGEST_DICT_ARGS, "--rejects", str(report)]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output  # an input cannot be read: docs/errors.md
    assert result.stdout.startswith("8 stories and ")
    assert "0 already stored, 8 rejected" in result.stdout
    with report.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    assert rows[0] == ["file", "line", "reason"]
    got = sorted((f, line, reason) for f, line, reason in rows[1:])
    for (file, line, reason), (want_file, want_line, want_reason) in zip(
        got, expected_rejects(folder), strict=True
    ):
        assert (file, line) == (want_file, want_line) and want_reason in reason
    for _, _, reason in got:
        assert ". " in reason, f"a reject should say what to do: {reason}"
    assert result.stderr.count("rejected: ") == 8

    with open_store(db_url) as store:
        assert set(store.story_ids()) == EXPECTED_IDS
        page = store.story("https://news.test/sahel")
        assert page is not None and page.date is not None and page.date.isoformat() == "2021-06-04"
        assert "Cookies" not in page.text and "suspended Mali" in page.text
        wire = store.story("wire-1")
        assert (
            wire is not None
            and wire.source == "Test Wire"
            and wire.text == ("Russia attacked Ukraine.")
        )
        assert wire.url == "https://wire.test/1" and str(wire.date) == "2022-03-01"
        assert store.count_events(EventFilter(story_id=("https://news.test/sahel",))) == 2
        assert store.count_events(EventFilter(source=("RUS",), target=("UKR",))) >= 1
        events = store.count_events()
        assert store.check() == []

    again = CliRunner().invoke(main, args)
    assert again.exit_code == 1
    assert again.stdout.startswith("0 stories and 0 events stored, 8 already stored")
    with open_store(db_url) as store:
        assert (store.count_stories(), store.count_events()) == (8, events)


def test_stdin_jsonl_and_default_date(tmp_path: Path) -> None:
    db = str(tmp_path / "s.sqlite")
    story = {"id": "in-1", "text": "France met Mali."}
    result = CliRunner().invoke(
        main,
        ["ingest", "-", "--db", db, "--date", "2020-02-02", *INGEST_DICT_ARGS],
        input=json.dumps(story) + "\n",
    )
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        stored = store.story("in-1")
        assert stored is not None and str(stored.date) == "2020-02-02"
        assert store.count_events() == 2  # the meeting, both ways


def test_ingest_reads_the_dictionaries_of_tocsin_dict_as_code_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "env.sqlite")
    story = json.dumps({"id": "env-1", "date": "2020-02-02", "text": "France met Mali."}) + "\n"
    only_builtin_off = ["ingest", "-", "--db", db, "--no-builtin-dicts"]
    monkeypatch.setenv("TOCSIN_DICT", str(STORE_DICT))
    result = CliRunner().invoke(main, only_builtin_off, input=story)
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        assert store.count_events() == 2  # France and Mali are known from $TOCSIN_DICT alone


@pytest.fixture()
def web(tmp_path: Path) -> Iterator[str]:
    """A web server on loopback serving a page, a feed and a JSONL file."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "article").write_text(HTML, encoding="utf-8")
    (site / "feed").write_text(RSS, encoding="utf-8")
    write_jsonl(site / "stories.jsonl", range(3))
    types = {"article": "text/html", "feed": "application/rss+xml"}

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(site), **kwargs)  # type: ignore[arg-type]

        def guess_type(self, path: object) -> str:
            return types.get(Path(str(path)).name, "application/x-ndjson")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_urls_are_fetched_and_read_by_their_content_type(
    web: str, tmp_path: Path, store_coder: Coder
) -> None:
    rejects: list[InputError] = []
    urls = [f"{web}/article", f"{web}/feed", f"{web}/stories.jsonl", f"{web}/gone"]
    with open_store(tmp_path / "web.sqlite") as store:
        summary = ingest_inputs(store, store_coder, urls, rejects.append)
        ids = set(store.story_ids())
    assert ids == {f"{web}/article", "wire-1", "https://wire.test/3"} | {
        story_record(n)["id"] for n in range(3)
    }
    assert (summary.stories, summary.rejects) == (6, 2), rejects
    assert [(r.path, "404" in str(r)) for r in rejects if "gone" in r.path] == [
        (f"{web}/gone", True)
    ]


def test_kill_9_in_the_middle_then_resume_equals_a_clean_run(
    db_url: str, tmp_path: Path, store_coder: Coder
) -> None:
    stories = write_jsonl(tmp_path / "many.jsonl", range(400))
    with open_store(tmp_path / "clean.sqlite") as clean:
        ingest_inputs(clean, store_coder, [str(stories)], lambda e: pytest.fail(str(e)))
        want_ids, want_stories = clean.event_ids(), clean.count_stories()

    args = ("ingest", str(stories), "--db", db_url, *INGEST_DICT_ARGS)
    for _kill in range(2):
        process = cli_process(*args)
        deadline = time.time() + 60
        with open_store(db_url) as store:
            start = store.count_stories()
            while store.count_stories() < start + 20 and time.time() < deadline:
                assert process.poll() is None, process.communicate()
                time.sleep(0.01)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            killed_at = store.count_stories()
            assert start < killed_at < want_stories, "the kill should come mid-ingest"
            assert store.check() == [], "a killed ingest left half a story"

    resumed = cli(*args)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{want_stories - killed_at} stories and" in resumed.stdout
    assert f"{killed_at} already stored" in resumed.stdout
    with open_store(db_url) as store:
        assert store.count_stories() == want_stories
        assert store.event_ids() == want_ids
        assert store.check() == []
