"""`toolkit checks list` and `toolkit checks run` from the command line."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
import yaml

import toolkit
from toolkit.sandbox import Sandbox

TOOLKIT = [sys.executable, "-m", "toolkit.cli"]


def run(args, env, cwd=None):
    return subprocess.run(
        TOOLKIT + args, capture_output=True, text=True, env=env, timeout=300, cwd=cwd
    )


@pytest.fixture(scope="module")
def snapshot(demo_inventory, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("checks") / "snap"
    demo_inventory.save(path)
    return str(path)


def test_list_shows_the_catalogue(sandbox_env) -> None:
    done = run(["checks", "list"], sandbox_env)
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines()[1:] if "_" in line.split(" ")[0]]
    assert len(rows) >= 60
    assert any("CIS-3.0" in line for line in rows)
    from toolkit.checks import select

    assert {line.split()[0] for line in rows} == {c.check_id for c in select() if c.builtin}


def test_run_on_a_snapshot_writes_findings(snapshot, sandbox_env, tmp_path) -> None:
    out = tmp_path / "findings.csv"
    done = run(["checks", "run", "--snapshot", snapshot, "-o", str(out)], sandbox_env)
    assert done.returncode == 0, done.stderr
    written = pd.read_csv(out)
    expected = toolkit.run_checks(toolkit.Inventory.load(snapshot))
    assert len(written) == len(expected)
    assert (written["status"] == "FAIL").sum() == (expected["status"] == "FAIL").sum()
    assert "critical" in done.stdout and "FAIL" in done.stdout


def test_run_with_mutes_to_parquet(snapshot, sandbox: Sandbox, sandbox_env, tmp_path) -> None:
    bucket = "examplecorp-prod-web-assets"
    mutes = tmp_path / "mutes.yaml"
    mutes.write_text(
        yaml.safe_dump(
            [
                {
                    "check": "s3_bucket_public_acl",
                    "resource": bucket,
                    "reason": "website",
                    "expires": "2099-01-01",
                }
            ]  # fmt: skip
        )
    )
    out = tmp_path / "findings.parquet"
    done = run(
        ["checks", "run", "--snapshot", snapshot, "--mutes", str(mutes), "-o", str(out)],
        sandbox_env,
    )
    assert done.returncode == 0, done.stderr
    findings = pd.read_parquet(out)
    muted = findings[findings["status"] == "MUTED"]
    assert list(zip(muted["check_id"], muted["resource_id"], strict=True)) == [
        ("s3_bucket_public_acl", bucket)
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (["checks", "run", "--snapshot", "nowhere", "-o", "f.csv"], "not a snapshot"),
        (["checks", "run", "--snapshot", "SNAP", "-o", "f.txt"], ".csv or .parquet"),
        (
            ["checks", "run", "--snapshot", "SNAP", "--checks", "s3_nope", "-o", "f.csv"],
            "Unknown check",
        ),
        (
            ["checks", "run", "--snapshot", "SNAP", "--mutes", "missing.yaml", "-o", "f.csv"],
            "does not exist",
        ),
    ],
)
def test_mistakes(args, message, snapshot, sandbox_env, tmp_path) -> None:
    args = [snapshot if a == "SNAP" else a for a in args]
    done = run(args, sandbox_env, cwd=tmp_path)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []
