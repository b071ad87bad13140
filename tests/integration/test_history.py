"""History: partitioned snapshots (format 2), runs recorded with their findings, `toolkit history`,
SQL over every run, and the audit report's findings over time.

The demo inventory and its findings are the session's; the second run of the history is a
narrow inventory (the S3 tables without one account's buckets) whose findings ``record``
computes itself, so what the history says can be compared with the session's findings."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pyarrow.dataset as ds
import pytest
from pandas.testing import assert_frame_equal

import toolkit
from toolkit.accounts import account_names
from toolkit.cli import main
from toolkit.errors import SnapshotError
from toolkit.history import History, connect_history, record
from toolkit.inventory import Inventory
from toolkit.reports import history_sections, run_report
from toolkit.sandbox import Sandbox
from toolkit.snapshot import MANIFEST
from toolkit.sql import view_name

S3_TABLES = ["organizations.accounts", "s3.account_public_access_block", "s3.bucket_data_protection", "s3.buckets"]  # fmt: skip


def by_account(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows grouped by account in the order accounts first appear, each account's in order: the
    order a partitioned snapshot promises."""
    if "account_id" not in frame or frame.empty:
        return frame
    first = {a: i for i, a in enumerate(dict.fromkeys(frame["account_id"].astype(object)))}
    order = frame["account_id"].astype(object).map(first)
    return frame.iloc[order.argsort(kind="stable")].reset_index(drop=True)


def test_partitioned_odd_accounts_empty_tables_and_no_accounts(tmp_path) -> None:
    odd = pd.DataFrame(
        {
            "account_id": pd.Series(
                ["111111111111", None, "a/b c", "111111111111"], dtype="string"
            ),
            "size": pd.Series([1, 2, 3, 4], dtype="Int64"),
            "seen": pd.to_datetime(["2026-01-01"] * 4, utc=True),
        }
    )
    inventory = Inventory(
        {"x.odd": odd, "x.empty": odd.iloc[:0], "x.plain": pd.DataFrame({"n": [1, 2]})}
    )
    loaded = Inventory.load(inventory.save(tmp_path / "snap", partitioned=True))
    assert_frame_equal(loaded["x.odd"], by_account(odd))
    assert_frame_equal(loaded["x.empty"], odd.iloc[:0].reset_index(drop=True))
    assert_frame_equal(loaded["x.plain"], inventory["x.plain"])
    folders = sorted(p.name for p in (tmp_path / "snap" / "x.odd").iterdir())
    assert folders == [
        "account_id=111111111111",
        "account_id=__HIVE_DEFAULT_PARTITION__",
        "account_id=a%2Fb%20c",
    ]


@pytest.mark.parametrize("bad", ["../outside.parquet", "/etc/hostname", "x/../../y", "x//y", ""])
def test_partitioned_manifest_naming_a_file_outside_is_refused(tmp_path, bad: str) -> None:
    frame = pd.DataFrame({"account_id": ["1"], "n": [1]})
    path = Inventory({"x.y": frame}).save(tmp_path / "snap", partitioned=True)
    manifest = json.loads((path / MANIFEST).read_text())
    manifest["tables"]["x.y"]["files"][0]["path"] = bad
    (path / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(SnapshotError, match="outside itself"):
        Inventory.load(path)


def test_partitioned_link_leading_out_is_refused(tmp_path) -> None:
    frame = pd.DataFrame({"account_id": ["1"], "n": [1]})
    path = Inventory({"x.y": frame}).save(tmp_path / "snap", partitioned=True)
    elsewhere = tmp_path / "elsewhere"
    (path / "x.y" / "account_id=1").rename(elsewhere)
    (path / "x.y" / "account_id=1").symlink_to(elsewhere)
    with pytest.raises(SnapshotError, match="outside itself"):
        Inventory.load(path)


@pytest.fixture(scope="module")
def history(demo_inventory: Inventory, demo_findings: pd.DataFrame, tmp_path_factory):
    """Two runs: the demo estate with the session's findings, then the S3 tables without the
    Legacy account's buckets, findings computed by ``record``."""
    directory = tmp_path_factory.mktemp("history") / "hist"
    first = record(demo_inventory, directory, demo_findings)
    legacy = demo_inventory["s3.buckets"]["account_id"].value_counts().idxmax()
    narrow = {}
    for name in S3_TABLES:
        frame = demo_inventory[name]
        if name in ("s3.buckets", "s3.bucket_data_protection"):
            frame = frame[frame["account_id"] != legacy].reset_index(drop=True)
        narrow[name] = frame
    second_inventory = Inventory(narrow, demo_inventory.errors, demo_inventory.meta)
    second = record(second_inventory, directory)
    dropped = set(demo_inventory["s3.buckets"].query("account_id == @legacy")["arn"])
    return SimpleNamespace(
        path=directory,
        runs=[first, second],
        inventories=[demo_inventory, second_inventory],
        dropped=dropped,
        legacy=legacy,
    )


def test_partitioned_round_trip_every_table(history, demo_inventory: Inventory) -> None:
    """The history's first run is the demo inventory saved partitioned (format 2)."""
    path = History(history.path).run_path(0)
    loaded = Inventory.load(path)
    assert loaded.tables == demo_inventory.tables and loaded.meta == demo_inventory.meta
    for name in demo_inventory.tables:
        assert_frame_equal(loaded[name], by_account(demo_inventory[name]), check_exact=True)
    assert_frame_equal(loaded.errors, demo_inventory.errors)
    manifest = json.loads((path / MANIFEST).read_text())
    assert manifest["format"] == 2
    buckets = demo_inventory["s3.buckets"]
    files = manifest["tables"]["s3.buckets"]["files"]
    assert sorted(f["path"] for f in files) == sorted(
        f"s3.buckets/account_id={a}/part-0.parquet" for a in buckets["account_id"].unique()
    )
    # Any Hive reader sees the same rows per account (here pyarrow's, not the toolkit's).
    seen = ds.dataset(path / "s3.buckets", partitioning="hive").to_table().to_pandas()
    assert seen.groupby(seen["account_id"].astype(str)).size().to_dict() == (
        buckets.groupby("account_id").size().to_dict()
    )
    for file in path.rglob("*.parquet"):
        assert stat.S_IMODE(os.stat(file).st_mode) == 0o600


def test_record_list_and_load(history, demo_findings: pd.DataFrame) -> None:
    kept = History(history.path)
    assert kept.run_ids == history.runs
    runs = kept.runs
    assert list(runs["run"]) == history.runs
    assert list(runs["tables"]) == [len(i.tables) for i in history.inventories]
    assert list(runs["rows"]) == [sum(len(f) for f in i.values()) for i in history.inventories]
    assert list(runs["accounts"]) == [len(i.meta["accounts"]) for i in history.inventories]
    assert runs["failing"].iloc[0] == (demo_findings["status"] == "FAIL").sum()
    second = kept.load(history.runs[1])
    assert second.tables == S3_TABLES
    assert_frame_equal(second["s3.buckets"], by_account(history.inventories[1]["s3.buckets"]))
    assert kept.latest.tables == S3_TABLES
    assert list(kept.manifest(0)["tables"]) == history.inventories[0].tables


def test_recorded_findings_are_those_of_the_time(history, demo_findings: pd.DataFrame) -> None:
    findings = History(history.path).findings()
    assert list(findings["run"].unique()) == history.runs
    assert str(findings["severity"].dtype) == str(demo_findings["severity"].dtype)
    first = findings[findings["run"] == history.runs[0]].drop(columns="run")
    assert len(first) == len(demo_findings)
    assert (first["status"] == "FAIL").sum() == (demo_findings["status"] == "FAIL").sum()
    # record ran the checks on the second run: the S3 failures of the session's findings,
    # less those of the buckets that run no longer had.
    failed = findings[(findings["run"] == history.runs[1]) & (findings["status"] == "FAIL")]
    expected = demo_findings[
        (demo_findings["status"] == "FAIL") & (demo_findings["service"] == "s3")
    ]
    expected = expected[~expected["resource_arn"].isin(history.dropped)]
    key = ["check_id", "resource_arn"]
    assert sorted(map(tuple, failed[key].to_numpy())) == sorted(
        map(tuple, expected[key].to_numpy())
    )
    assert (
        history.dropped
        and len(failed)
        < ((demo_findings["status"] == "FAIL") & (demo_findings["service"] == "s3")).sum()
    )


def test_sql_over_every_run(history) -> None:
    connection = connect_history(history.path)
    per_run = {name: {} for name in history.inventories[0].tables}
    for run, inventory in zip(history.runs, history.inventories, strict=True):
        for name in inventory.tables:
            per_run[name][run] = len(inventory[name])
    for name, expected in per_run.items():
        counts = connection.sql(
            f'SELECT run, count(*) AS n FROM "{view_name(name)}" GROUP BY run'
        ).fetchall()
        assert {r: n for r, n in counts if n} == {r: n for r, n in expected.items() if n}, name
    accounts = connection.sql(
        "SELECT account_id, count(*) FROM s3_buckets WHERE run = ? GROUP BY ALL",
        params=[history.runs[1]],
    ).fetchall()
    assert dict(accounts) == (
        history.inventories[1]["s3.buckets"].groupby("account_id").size().to_dict()
    )
    kinds = {r[0]: r[1] for r in connection.sql("DESCRIBE s3_buckets").fetchall()[:2]}
    assert kinds == {"run": "VARCHAR", "account_id": "VARCHAR"}
    findings = History(history.path).findings()
    fails = connection.sql(
        "SELECT run, count(*) FROM findings WHERE status = 'FAIL' GROUP BY run"
    ).fetchall()
    assert dict(fails) == findings[findings["status"] == "FAIL"].groupby("run").size().to_dict()
    assert connection.sql("SELECT count(*) FROM errors").fetchall() == [(0,)]
    assert connection.sql("SELECT count(*) FROM runs").fetchall() == [(2,)]


def test_findings_over_time_section(history, demo_findings: pd.DataFrame) -> None:
    trend = history_sections.fail_trend(history.path)
    assert list(trend.index) == history.runs
    failed = demo_findings[demo_findings["status"] == "FAIL"]
    first = failed["severity"].astype(str).value_counts()
    assert trend.loc[history.runs[0]].drop("total").to_dict() == {
        s: int(first.get(s, 0)) for s in trend.columns if s != "total"
    }
    accounts = history_sections.fail_by_account(history.path)
    names = account_names(history.inventories[0])
    legacy = f"{names[history.legacy]} ({history.legacy})"
    assert accounts.loc[legacy, history.runs[0]] == (failed["account_id"] == history.legacy).sum()
    assert accounts.loc[legacy, history.runs[1]] < accounts.loc[legacy, history.runs[0]]
    html = history_sections.findings_over_time(history.path)
    assert html.startswith("<h2>Findings over time</h2>") and 'src="data:image/png;base64,' in html
    assert history_sections.findings_over_time(None) == ""


def test_history_list_and_mistakes(history, tmp_path, capsys) -> None:
    assert main(["history", "list", str(history.path)]) == 0
    out = capsys.readouterr().out
    assert all(run in out for run in history.runs) and "2 runs" in out
    assert main(["history", "list", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is not a history" in err and len(err.strip().splitlines()) == 1
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine")
    assert main(["collect", "--demo", "--tables", "s3.buckets", "--history", str(taken)]) == 2
    assert "is not a history" in capsys.readouterr().err  # said before any sandbox starts
    with pytest.raises(toolkit.ToolkitError, match="no run"):
        History(history.path).load("20000101T000000Z")


def test_collect_with_history_and_output(
    sandbox: Sandbox, sandbox_env, tmp_path, monkeypatch, capsys
) -> None:
    for name in [n for n in os.environ if n.startswith("AWS_")]:
        monkeypatch.delenv(name)
    for name, value in sandbox_env.items():
        monkeypatch.setenv(name, value)
    args = ["collect", "--endpoint-url", sandbox.endpoint_url, "--accounts", "organization"]
    args += ["--tables", "s3.buckets", "--no-progress", "--history", str(tmp_path / "h")]
    assert main([*args, "-o", str(tmp_path / "snap")]) == 0
    out = capsys.readouterr().out
    kept = History(tmp_path / "h")
    assert len(kept.run_ids) == 1 and f"Run {kept.run_ids[0]} recorded" in out
    names = sorted(kept.latest["s3.buckets"]["name"])
    assert names == sorted(b["name"] for b in sandbox.truth.buckets)
    assert names == sorted(Inventory.load(tmp_path / "snap")["s3.buckets"]["name"])
    findings = kept.findings()
    assert len(findings) and (findings.query("status == 'FAIL'")["service"] == "s3").all()


def test_record_refuses_a_directory_that_is_not_a_history(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(toolkit.ToolkitError, match="not a history"):
        record(Inventory({}), tmp_path, pd.DataFrame({"status": pd.Series(dtype="string")}))
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_diff_of_two_runs_uses_the_recorded_findings(
    demo_inventory: Inventory, demo_findings: pd.DataFrame, tmp_path
) -> None:
    """Two small runs: the buckets, then the buckets without the Legacy account's; the diff
    of the history names those as removed, and their failures as resolved, from the findings
    recorded (a run's findings are never computed again)."""
    buckets = demo_inventory["s3.buckets"]
    legacy = buckets["account_id"].value_counts().idxmax()
    kept = buckets[buckets["account_id"] != legacy]
    s3 = demo_findings[demo_findings["check_id"].str.startswith("s3_bucket")]
    gone = set(buckets.loc[buckets["account_id"] == legacy, "arn"])
    record(Inventory({"s3.buckets": buckets}), tmp_path, s3)
    record(Inventory({"s3.buckets": kept}), tmp_path, s3[~s3["resource_arn"].isin(gone)])
    diff = History(tmp_path).diff()
    removed = diff.changes[diff.changes["change"] == "removed"]
    assert len(removed) == len(gone) and set(removed["account_id"]) == {legacy}
    resolved = diff.findings[diff.findings["change"] == "resolved"]
    failed = s3[(s3["status"] == "FAIL") & s3["resource_arn"].isin(gone)]
    assert len(failed) and len(resolved) == len(failed)


def test_report_reads_the_latest_run_and_refuses_a_non_history(history, tmp_path) -> None:
    latest = history_sections.report_snapshot(None, history.path)
    assert latest == str(Path(history.path) / history.runs[-1])
    assert history_sections.report_snapshot("snap", history.path) == "snap"
    assert history_sections.report_snapshot(None, None) is None
    with pytest.raises(toolkit.ToolkitError, match="is not a history"):
        run_report("audit", tmp_path / "out", {"history": str(tmp_path)})  # before papermill
    assert not (tmp_path / "out").exists()


def test_a_corrupt_run_is_one_sentence(tmp_path, capsys) -> None:
    nothing = pd.DataFrame({"status": pd.Series(dtype="string")})
    run = record(Inventory({"x.y": pd.DataFrame({"account_id": ["1"]})}), tmp_path, nothing)
    assert main(["history", "list", str(tmp_path)]) == 0
    manifest = json.loads((tmp_path / run / MANIFEST).read_text())
    (tmp_path / run / MANIFEST).write_text(json.dumps({**manifest, "tables": [1]}))
    for call in (lambda: History(tmp_path).runs, lambda: connect_history(tmp_path)):
        with pytest.raises(SnapshotError, match=f"Run {run} of .* is unreadable"):
            call()
    capsys.readouterr()
    assert main(["history", "list", str(tmp_path)]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_sql_command_over_a_history(history, capsys) -> None:
    query = "SELECT run, count(*) AS n FROM s3_buckets GROUP BY run ORDER BY run"
    assert main(["sql", "--history", str(history.path), query]) == 0
    out = capsys.readouterr().out
    for run, inventory in zip(history.runs, history.inventories, strict=True):
        assert f"{run} {len(inventory['s3.buckets'])}" in " ".join(out.split())
    assert main(["sql", "--history", str(history.path), "--tables"]) == 0
    assert "runs" in capsys.readouterr().out
    assert main(["sql", "--history", str(history.path), "--demo", query]) == 2
    assert "give no --demo" in capsys.readouterr().err
