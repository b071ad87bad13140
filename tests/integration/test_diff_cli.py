"""``toolkit diff OLD NEW -o DIR`` in-process, on two small snapshots cut from the demo
inventory (one bucket gone, one user's path changed): what it writes and prints, findings
read back from ``toolkit checks run -o`` files, mutes, and one sentence for each mistake."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

from toolkit.changes import Diff
from toolkit.cli import main
from toolkit.inventory import Inventory

TABLES = ["s3.buckets", "iam.users"]


@pytest.fixture(scope="module")
def snapshots(demo_inventory: Inventory, tmp_path_factory) -> dict:
    """Two snapshots of the demo's buckets and users: in the second one bucket is gone and
    one user moved to another path."""
    root = tmp_path_factory.mktemp("diff-cli")
    frames = {name: demo_inventory[name] for name in TABLES}
    buckets, users = frames["s3.buckets"], frames["iam.users"]
    gone = buckets.sort_values("name").iloc[0]
    moved = users.sort_values("arn").iloc[0]
    later = {
        "s3.buckets": buckets[buckets["name"] != gone["name"]].reset_index(drop=True),
        "iam.users": users.assign(path=users["path"].mask(users["arn"] == moved["arn"], "/moved/")),
    }
    Inventory(frames, demo_inventory.errors.iloc[0:0], {"label": "before"}).save(root / "old")
    Inventory(later, demo_inventory.errors.iloc[0:0], {"label": "after"}).save(root / "new")
    return {"root": root, "gone": gone, "moved": moved}


def diff_args(snapshots: dict, out: Path, *extra: str) -> list[str]:
    root = snapshots["root"]
    return ["diff", str(root / "old"), str(root / "new"), "-o", str(out), *extra]


def test_diff_writes_the_changes_and_prints_a_summary(snapshots, tmp_path, capsys) -> None:
    out = tmp_path / "diff"
    assert main(diff_args(snapshots, out, "--checks", "s3,iam")) == 0
    printed = capsys.readouterr().out
    gone, moved = snapshots["gone"], snapshots["moved"]
    diff = Diff.load(out)
    assert {(r.table, r.change, r.key, r.column) for r in diff.changes.fillna("").itertuples()} == {
        ("s3.buckets", "removed", gone["name"], ""),
        ("iam.users", "changed", moved["arn"], "path"),
    }
    assert diff.changes.set_index("column").loc["path", "new"] == "/moved/"
    assert (diff.old_meta["label"], diff.new_meta["label"]) == ("before", "after")
    old = Inventory.load(snapshots["root"] / "old")
    failed = _failed_on(old, gone["name"])
    assert failed  # the demo plants problems on every bucket
    resolved = diff.findings[diff.findings["change"] == "resolved"]
    assert set(resolved["check_id"]) == failed
    assert set(resolved["resource_id"]) == {gone["name"]}
    assert "2 of 2 tables changed: 0 rows added, 1 removed, 1 changed" in printed
    assert f"{len(failed)} resolved" in printed and "0 new" in printed
    names = {p.name for p in out.iterdir()}
    assert names == {
        f"{n}.{s}" for n in ("changes", "findings", "tables") for s in ("csv", "parquet")
    } | {"meta.json"}
    assert len(pd.read_csv(out / "changes.csv")) == len(diff.changes)
    # a diff directory may be written again (replaced whole)
    assert main(diff_args(snapshots, out, "--checks", "s3")) == 0


def _failed_on(inventory: Inventory, resource: str) -> set[str]:
    import toolkit

    findings = toolkit.run_checks(inventory, "s3")
    return set(
        findings.loc[
            (findings["resource_id"] == resource) & (findings["status"] == "FAIL"), "check_id"
        ]
    )


def test_findings_files_and_mutes_say_what_was_muted_between_the_runs(
    snapshots, tmp_path, capsys
) -> None:
    root = snapshots["root"]
    old_csv = tmp_path / "old.csv"
    assert (
        main(
            ["checks", "run", "--snapshot", str(root / "old"), "--checks", "s3", "-o", str(old_csv)]
        )
        == 0
    )
    kept = pd.read_csv(old_csv, dtype="string")
    kept = kept[(kept["status"] == "FAIL") & (kept["resource_id"] != snapshots["gone"]["name"])]
    target = kept.iloc[0]
    mutes = tmp_path / "mutes.yaml"
    mutes.write_text(
        yaml.safe_dump(
            [
                {
                    "check": target["check_id"],
                    "account": target["account_id"],
                    "resource": target["resource_id"],
                    "reason": "accepted after the first audit",
                    "expires": "2099-12-31",
                }
            ]
        )
    )
    new_parquet = tmp_path / "new.parquet"
    assert (
        main(
            [
                "checks",
                "run",
                "--snapshot",
                str(root / "new"),
                "--checks",
                "s3",
                "--mutes",
                str(mutes),
                "-o",
                str(new_parquet),
            ]
        )
        == 0
    )
    capsys.readouterr()
    out = tmp_path / "diff"
    args = ["--old-findings", str(old_csv), "--new-findings", str(new_parquet)]
    assert main(diff_args(snapshots, out, *args)) == 0
    findings = Diff.load(out).findings
    muted = findings[findings["change"] == "newly muted"]
    assert muted[["check_id", "account_id", "resource_id"]].values.tolist() == [
        [target["check_id"], target["account_id"], target["resource_id"]]
    ]
    assert "1 newly muted" in capsys.readouterr().out
    # the checks run here take the mutes: the old findings from the file, the new ones muted
    again = tmp_path / "again"
    assert (
        main(
            diff_args(
                snapshots,
                again,
                "--old-findings",
                str(old_csv),
                "--mutes",
                str(mutes),
                "--checks",
                "s3",
            )
        )
        == 0
    )
    assert (Diff.load(again).findings["change"] == "newly muted").sum() == 1


def test_activity_columns_are_compared_only_when_asked(demo_inventory, tmp_path, capsys) -> None:
    keys = demo_inventory["iam.access_keys"]
    used = keys.assign(last_used_service="ec2")
    Inventory({"iam.access_keys": keys}).save(tmp_path / "old")
    Inventory({"iam.access_keys": used}).save(tmp_path / "new")
    plain = ["diff", str(tmp_path / "old"), str(tmp_path / "new"), "--checks", "iam", "-o"]
    assert main([*plain, str(tmp_path / "plain")]) == 0
    assert Diff.load(tmp_path / "plain").changes.empty
    assert main([*plain, str(tmp_path / "all"), "--activity"]) == 0
    changed = Diff.load(tmp_path / "all").changes
    assert set(changed["column"]) == {"last_used_service"}
    assert len(changed) == (keys["last_used_service"].fillna("") != "ec2").sum()


@pytest.mark.parametrize(
    "mistake, message",
    [
        ("old_not_snapshot", "is not a snapshot"),
        ("output_not_diff", "exists and is not a diff"),
        ("findings_missing", "does not exist"),
        ("findings_not_findings", "holds no findings"),
        ("findings_wrong_suffix", "give a .csv or .parquet file"),
        ("mutes_unused", "--mutes applies to the checks this command runs"),
        ("mutes_missing", "does not exist"),
        ("checks_unknown", "Unknown check or service"),
    ],
)
def test_a_mistake_is_one_sentence_and_writes_nothing(
    snapshots, tmp_path, capsys, mistake: str, message: str
) -> None:
    root = snapshots["root"]
    out = tmp_path / "diff"
    args = diff_args(snapshots, out)
    notes = tmp_path / "notes.csv"
    notes.write_text("a,b\n1,2\n")
    if mistake == "old_not_snapshot":
        (tmp_path / "empty").mkdir()
        args[1] = str(tmp_path / "empty")
    elif mistake == "output_not_diff":
        out.mkdir()
        (out / "mine.txt").write_text("keep")
    elif mistake == "findings_missing":
        args += ["--new-findings", str(tmp_path / "nowhere.csv")]
    elif mistake == "findings_not_findings":
        args += ["--old-findings", str(notes)]
    elif mistake == "findings_wrong_suffix":
        args += ["--old-findings", str(root / "old" / "manifest.json")]
    elif mistake == "mutes_unused":
        args += ["--old-findings", str(notes), "--new-findings", str(notes), "--mutes", str(notes)]
    elif mistake == "mutes_missing":
        args += ["--mutes", str(tmp_path / "nowhere.yaml")]
    elif mistake == "checks_unknown":
        args += ["--checks", "s3,nothing"]
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("toolkit: error: ") and message in err and "\n" not in err
    if mistake == "output_not_diff":
        assert [p.name for p in out.iterdir()] == ["mine.txt"]
    else:
        assert not out.exists()
    assert not list(tmp_path.glob(".*"))  # no staging directory left behind
    assert json.loads((root / "old" / "manifest.json").read_text())  # inputs untouched


def test_a_snapshot_and_the_inventory_it_was_saved_from_differ_in_nothing(
    demo_inventory: Inventory, tmp_path
) -> None:
    """Every table of the demo, through Parquet and back: lists, maps, timestamps and missing
    values compare by value, so the round trip shows no change (activity columns included)."""
    loaded = Inventory.load(demo_inventory.save(tmp_path / "snap"))
    diff = demo_inventory.diff(loaded, findings=False, activity=True)
    assert diff.changes.empty, diff.changes.head(20).to_string()
    assert len(diff.tables) == len(demo_inventory.tables) > 100
    assert (diff.tables["old_rows"] == diff.tables["new_rows"]).all()
