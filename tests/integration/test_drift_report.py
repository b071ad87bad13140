"""The drift report: from two snapshots through ``toolkit report drift --old --new`` into HTML
that stands alone offline, the demo's in-memory example, and the options it refuses."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

import toolkit
from toolkit.cli import main
from toolkit.inventory import Inventory
from toolkit.reports import drift_sections
from toolkit.sandbox import Sandbox

#: The tables the snapshots hold: few, so the report's checks take a second.
TABLES = ["organizations.accounts", "s3.buckets", "ec2.instances"]


@pytest.fixture(scope="module")
def snapshots(demo_inventory: Inventory, tmp_path_factory) -> dict:
    """The demo's buckets and instances, then the same with one bucket gone and one instance
    stopped."""
    root = tmp_path_factory.mktemp("drift-report")
    frames = {name: demo_inventory[name] for name in TABLES}
    buckets, instances = frames["s3.buckets"], frames["ec2.instances"]
    gone = buckets.sort_values("name").iloc[-1]
    stopped = instances.sort_values("instance_id").iloc[0]
    later = {
        **frames,
        "s3.buckets": buckets[buckets["name"] != gone["name"]].reset_index(drop=True),
        "ec2.instances": instances.assign(
            state=instances["state"].mask(
                instances["instance_id"] == stopped["instance_id"], "stopped"
            )
        ),
    }
    Inventory(frames, meta={"started": "2026-01-01T00:00:00+00:00"}).save(root / "old")
    Inventory(later, meta={"started": "2026-02-01T00:00:00+00:00"}).save(root / "new")
    return {"root": root, "gone": gone, "stopped": stopped}


def test_drift_report_from_two_snapshots(sandbox: Sandbox, snapshots, tmp_path, capsys) -> None:
    """The report stands alone offline, and names each change with its account by name."""
    root = snapshots["root"]
    sandbox.reset_counts()
    argv = ["report", "drift", "--old", str(root / "old"), "--new", str(root / "new")]
    assert main([*argv, "-p", "title", "Since January", "-o", str(tmp_path)]) == 0
    assert sandbox.request_counts() == {}  # nothing was asked of AWS
    html = (tmp_path / "drift.html").read_text()
    assert "Since January" in html
    assert html.count('<img alt="chart" src="data:image/png;base64,') == 2  # both charts
    assert 'src="http' not in html and 'href="http' not in html.replace('href="https://', "")
    assert "site-packages" not in html and "file://" not in html
    gone, stopped = snapshots["gone"], snapshots["stopped"]
    names = {a["id"]: a["name"] for a in sandbox.truth.accounts}
    notebook = nbformat.read(tmp_path / "drift.ipynb", as_version=4)
    (rows,) = [c for c in notebook.cells if "rows" in c.metadata.get("tags", [])]
    shown = "".join(o.get("data", {}).get("text/html", "") for o in rows.outputs)
    assert f"<td>{gone['name']}</td>" in shown
    assert f"{names[gone['account_id']]} ({gone['account_id']})" in shown
    assert f"<td>{stopped['instance_id']}</td>" in shown and "<td>stopped</td>" in shown
    # the bucket's failing findings are resolved, each listed
    findings = toolkit.run_checks(Inventory.load(root / "old"), "s3")
    failed = findings[(findings["resource_id"] == gone["name"]) & (findings["status"] == "FAIL")]
    assert len(failed)
    (tables,) = [c for c in notebook.cells if "finding-tables" in c.metadata.get("tags", [])]
    listed = "".join(o.get("data", {}).get("text/html", "") for o in tables.outputs)
    for check in failed["check_id"]:
        assert f"<td>{check}</td>" in listed, check
    assert "No table changed" not in html


def test_the_demo_example_names_its_six_changes(demo_inventory: Inventory) -> None:
    """What the report shows by default (the demo against a copy with six changes): each
    change the example says it made is in the diff, and nothing else."""
    current = Inventory(
        {name: demo_inventory[name] for name in drift_sections.EXAMPLE_TABLES},
        meta=demo_inventory.meta,
    )
    sides = drift_sections.compared(None, None, lambda: current, demo=True)
    assert len(sides.made) == 6
    diff = toolkit.diff(
        sides.old, sides.new, old_findings=sides.old_findings, new_findings=sides.new_findings
    )
    made = dict(zip(sides.made["change"], sides.made["what"], strict=True))
    moved = {(r.table, r.change, r.key) for r in diff.changes.itertuples()}
    created = made["bucket created"]
    public = made["bucket made public (policy for everyone)"]
    key = made["access key rotated"].split(" of ")[0]
    instance = made["instance terminated"]
    rule = made["security group rule removed"].split(" of ")[0]
    assert {(t, c, k) for t, c, k in moved} == {
        ("s3.buckets", "added", created),
        ("s3.buckets", "changed", public),
        ("iam.access_keys", "removed", key),
        ("iam.access_keys", "added", key[:-4] + "NEW0"),
        ("ec2.instances", "changed", instance),
        ("ec2.security_group_rules", "removed", rule),
    }
    findings = diff.findings
    muted = findings[findings["change"] == "newly muted"]
    assert [f"{r.check_id} on {r.resource_id}" for r in muted.itertuples()] == [
        made["finding muted"]
    ]
    assert "s3_bucket_policy_public" in set(
        findings.loc[
            (findings["change"] == "new") & (findings["resource_id"] == public), "check_id"
        ]
    )
    assert set(findings.loc[findings["change"] == "resolved", "resource_id"]) == {instance}
    assert set(findings.loc[findings["change"] == "new", "resource_id"]) == {created, public}


@pytest.mark.parametrize(
    "argv, message",
    [
        (["report", "audit", "--old", "x", "--demo"], "--old is for the drift report only"),
        (["report", "drift"], "The drift report compares two audits"),
        (["report", "drift", "--new", "x", "--demo"], "The drift report compares two audits"),
        (["report", "drift", "--old", "nowhere"], "is not a snapshot"),
        (["report", "drift", "--old", "x", "-p", "bogus", "1"], "has no parameter 'bogus'"),
    ],
)
def test_drift_options_are_refused_in_one_sentence(argv, message, tmp_path, capsys) -> None:
    assert main([*argv, "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and "\n" not in err
    assert not Path(tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
