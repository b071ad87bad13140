"""The EFS access point table holds exactly what plain boto3 sees in the sandbox, and what was
seeded; its checks FAIL exactly the planted access points."""

from __future__ import annotations

import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "efs.access_points"
CHECKS = (
    "efs_access_point_root_directory_not_enforced",
    "efs_access_point_user_identity_not_enforced",
)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), tables=[TABLE], progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def test_access_points_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            listed = sandbox.client(session, "efs", region).describe_access_points()
            points = listed["AccessPoints"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["access_point_id"]) == sorted(p["AccessPointId"] for p in points)
            rows = here.set_index("access_point_id")
            for point in points:
                row = rows.loc[point["AccessPointId"]]
                user = point.get("PosixUser") or {}
                assert row["arn"] == point["AccessPointArn"]
                assert cell(row["name"]) == point.get("Name")
                assert row["file_system_id"] == point["FileSystemId"]
                assert row["root_directory_path"] == point["RootDirectory"]["Path"]
                assert cell(row["posix_user_uid"]) == user.get("Uid")
                assert cell(row["posix_user_gid"]) == user.get("Gid")
                assert row["life_cycle_state"] == point["LifeCycleState"]
                assert row["owner_id"] == point["OwnerId"]


def test_seeded_access_points_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    seeded = sandbox.truth.efs_access_points
    assert sorted(table.index) == sorted(p["arn"] for p in seeded)
    for p in seeded:
        row = table.loc[p["arn"]]
        assert (row["account_id"], row["region"]) == (p["account_id"], p["region"])
        assert (row["access_point_id"], row["name"]) == (p["access_point_id"], p["name"])
        assert row["file_system_id"] == p["file_system_id"]
        assert row["root_directory_path"] == p["root"]
        assert (cell(row["posix_user_uid"]), cell(row["posix_user_gid"])) == (p["uid"], p["gid"])
    assert {p["uid"] is None for p in seeded} == {True, False}


def test_one_call_a_region(sandbox: Sandbox, inventory: Inventory) -> None:
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert inventory.meta["api_calls"]["efs.DescribeAccessPoints"] == units


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_access_points(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
