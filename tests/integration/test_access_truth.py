"""On the demo estate, toolkit.access agrees with the planted ground truth both ways: every
planted privilege-escalation path is found with its steps, no other path is, the blocked ones
(an SCP, a permission boundary) are absent, and who_can gives exactly the planted answers."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from toolkit import Inventory, access
from toolkit.sandbox import Sandbox


@pytest.fixture(scope="module")
def paths(demo_inventory: Inventory) -> pd.DataFrame:
    return access.paths_to_admin(demo_inventory)


def _found(paths: pd.DataFrame) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    return {
        (row.start, row.end): [(s["from"], s["to"], s["method"]) for s in json.loads(row.steps)]
        for row in paths.itertuples()
    }


def test_paths_found_equal_paths_planted(sandbox: Sandbox, paths: pd.DataFrame) -> None:
    planted = {
        (p["start"], p["end"]): [(s["from"], s["to"], s["method"]) for s in p["steps"]]
        for p in sandbox.truth.access_paths
    }
    assert len(planted) >= 6
    assert _found(paths) == planted


def test_target_accounts_are_where_admin_is_reached(sandbox: Sandbox, paths: pd.DataFrame) -> None:
    found = dict(
        zip(zip(paths["start"], paths["end"], strict=True), paths["target_account"], strict=True)
    )
    assert {
        (p["start"], p["end"]): p["target_account"] for p in sandbox.truth.access_paths
    } == found


def test_blocked_paths_are_absent(sandbox: Sandbox, paths: pd.DataFrame) -> None:
    blocked = sandbox.truth.access_blocked
    assert {b["blocked_by"] for b in blocked} == {"scp", "boundary"}
    assert not set(paths["start"]) & {b["start"] for b in blocked}


def test_who_can_equals_the_planted_answers(sandbox: Sandbox, demo_inventory: Inventory) -> None:
    assert len(sandbox.truth.who_can) >= 5
    for planted in sandbox.truth.who_can:
        found = access.who_can(demo_inventory, planted["action"], planted["resource"])
        answer = dict(zip(found["principal"], found["decision"], strict=True))
        assert answer == planted["principals"], (planted["action"], planted["resource"], found)


def test_every_path_check_failure_is_a_planted_start(
    sandbox: Sandbox, demo_findings: pd.DataFrame
) -> None:
    failed = demo_findings[
        (demo_findings["check_id"] == "iam_principal_path_to_admin")
        & (demo_findings["status"] == "FAIL")
    ]
    starts = {p["start"] for p in sandbox.truth.access_paths if ":iam::" in p["start"]}
    outside = {p["start"] for p in sandbox.truth.access_paths if p["start"].endswith(":root")}
    assert set(failed["resource_arn"]) == starts - outside


def test_effective_applies_scps_and_boundaries(sandbox: Sandbox, demo_inventory: Inventory) -> None:
    rows = access.effective(demo_inventory)
    for blocked in sandbox.truth.access_blocked:
        # Its own policy allows an IAM permissions-management action; the SCP or the boundary
        # takes it away, so no IAM access is left.
        mine = rows[rows["principal"] == blocked["start"]]
        assert "iam" not in set(mine["service"]), mine
    admins = rows[rows["account_admin"]]
    assert not admins.empty
    assert set(admins["level"]) >= {"admin"}
