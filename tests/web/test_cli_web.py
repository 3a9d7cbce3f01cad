"""`tocsin trend`, `tocsin alerts` and `tocsin serve`: the CLI prints what the analytics and the
app compute, and `serve` answers on the port it names."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from tocsin.cli import main
from tocsin.store import open_store

from .conftest import ROOT, TOKEN, Client
from .test_browser import free_port

CLI_BOOT = "from tocsin.cli import main; main(prog_name='tocsin')"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_trend_prints_a_dyad_month_by_month(shift_db: Path) -> None:
    code, out = run("trend", "--db", str(shift_db), "--source", "JPN", "--target", "KOR",
                    "--by", "month")  # fmt: skip
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["period", "events", "verbal_coop"]
    assert lines[2].split()[:2] == ["2023-07-01", "2"]  # July 3 and July 31
    assert "16 events in 12 months: 12 cooperation, 4 conflict (25%)" in out


def test_trend_as_csv(shift_db: Path) -> None:
    code, out = run("trend", "--db", str(shift_db), "--source", "JPN", "--target", "KOR",
                    "--by", "week", "--format", "csv", "--since", "2024-06-01")  # fmt: skip
    assert code == 0, out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["period"] for r in rows] == ["2024-05-27", "2024-06-03", "2024-06-10",
                                           "2024-06-17", "2024-06-24"]  # fmt: skip
    assert [r["material_conflict"] for r in rows] == ["0", "1", "1", "1", "1"]
    assert rows[1]["goldstein_mean"] == "-10.00" and rows[0]["goldstein_mean"] == ""


def test_trend_refuses_bad_options(shift_db: Path) -> None:
    code, out = run("trend", "--db", str(shift_db), "--source", "J-P", "--target", "KOR")
    assert code == 2 and "--source" in out
    code, out = run("trend", "--db", str(shift_db), "--by", "year")
    assert code == 2 and "'year' is not one of" in out


def test_alerts_lists_the_dyad_that_turned(shift_db: Path) -> None:
    code, out = run("alerts", "--db", str(shift_db))
    assert code == 0, out
    assert "last 30 days (2024-05-26 to 2024-06-24) against the 365 before" in out
    row = next(line for line in out.splitlines() if line.startswith("JPN"))
    assert row.split()[:6] == ["JPN", "KOR", "worse", "23.2", "4", "12"]
    code, out = run("alerts", "--db", str(shift_db), "--format", "jsonl", "--z", "5")
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["source"] == "JPN" and [s["metric"] for s in record["signals"]] == [
        "goldstein_mean"  # the conflict share's z (3.9) is under 5
    ]
    code, out = run("alerts", "--db", str(shift_db), "--as-of", "2024-05-31")
    assert "no dyad departs sharply" in out


def test_alerts_on_a_store_that_is_not_there(tmp_path: Path) -> None:
    code, out = run("alerts", "--db", str(tmp_path / "nothing.sqlite"))
    assert code == 1 and "no such store" in out


def test_serve_answers_on_its_port_and_stops(demo_db: Path) -> None:
    port = free_port()
    env = {**os.environ, "TOCSIN_API_TOKEN": TOKEN}
    process = subprocess.Popen(
        [sys.executable, "-c", CLI_BOOT, "serve", "--db", str(demo_db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith(f"tocsin dashboard on http://127.0.0.1:{port}/")
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/summary") as response:
                    summary = json.load(response)
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)
        with open_store(demo_db, create=False) as store:
            stories = store.count_stories()
        assert summary["stories"] == stories > 300 and summary["writable"] is True
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    code, out = run("serve", "--db", str(tmp_path / "none.sqlite"))
    assert code == 1 and "no such store" in out


def test_the_cli_counts_dyads_as_the_dashboard_does(demo_db: Path, demo_api: Client) -> None:
    code, output = run("query", "--db", str(demo_db), "--count-by", "dyad", "--format", "csv")
    assert code == 0, output
    cli = {
        (r["source"], r["target"]): int(r["events"]) for r in csv.DictReader(io.StringIO(output))
    }
    api = demo_api.get("/api/dyads", params={"limit": 200}).json()
    dashboard = {(d["source"], d["target"]): d["balance"]["events"] for d in api}
    assert cli == dashboard and len(cli) > 20
    code, output = run("query", "--db", str(demo_db), "--count-by", "dyad", "--level", "actor")
    assert code == 0 and "RUSMIL" in output


def test_serve_checks_the_users_dictionaries_before_it_starts(
    shift_db: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "mine.tsv"
    broken.write_text("code\tnames\tfrom\tuntil\tnote\nNOT A CODE\tSomeone\t\t\t\n", "utf-8")
    code, out = run("serve", "--db", str(shift_db), "--dict", str(broken))
    assert code == 1 and "mine.tsv:2: malformed actor code" in out
