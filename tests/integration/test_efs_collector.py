"""The EFS table holds exactly what plain boto3 sees in the sandbox, and what was seeded."""

from __future__ import annotations

import pandas as pd
import pytest
from botocore.exceptions import ClientError
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "efs.file_systems"
CHECK = "efs_file_system_unencrypted"


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), tables=[TABLE], progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def _backup_enabled(efs, file_system_id: str) -> bool:
    try:
        policy = efs.describe_backup_policy(FileSystemId=file_system_id)["BackupPolicy"]
    except ClientError as exc:
        assert exc.response["Error"]["Code"] == "PolicyNotFound"
        return False
    return policy["Status"] in ("ENABLED", "ENABLING")


def test_file_systems_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            efs = sandbox.client(session, "efs", region)
            listed = efs.describe_file_systems()["FileSystems"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["file_system_id"]) == sorted(f["FileSystemId"] for f in listed)
            rows = here.set_index("file_system_id")
            for fs in listed:
                row = rows.loc[fs["FileSystemId"]]
                assert row["arn"] == fs["FileSystemArn"]
                assert cell(row["name"]) == (fs.get("Name") or None)
                assert bool(row["encrypted"]) == fs["Encrypted"]
                assert cell(row["kms_key_id"]) == fs.get("KmsKeyId")
                assert row["performance_mode"] == fs["PerformanceMode"]
                assert row["throughput_mode"] == fs["ThroughputMode"]
                assert row["life_cycle_state"] == fs["LifeCycleState"]
                assert row["number_of_mount_targets"] == fs["NumberOfMountTargets"]
                assert row["creation_time"] == pd.Timestamp(fs["CreationTime"]).tz_convert("UTC")
                assert bool(row["backup_enabled"]) == _backup_enabled(efs, fs["FileSystemId"])


def test_seeded_file_systems_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    assert sorted(table.index) == sorted(f["arn"] for f in sandbox.truth.efs_file_systems)
    for fs in sandbox.truth.efs_file_systems:
        row = table.loc[fs["arn"]]
        assert (row["account_id"], row["region"]) == (fs["account_id"], fs["region"])
        assert row["file_system_id"] == fs["file_system_id"]
        assert row["name"] == fs["name"]
        assert bool(row["encrypted"]) == fs["encrypted"]
        assert cell(row["kms_key_id"]) == fs["kms_key_id"]
        assert bool(row["backup_enabled"]) == fs["backup"]
        assert row["number_of_mount_targets"] == fs["mount_targets"]
    assert {f["encrypted"] for f in sandbox.truth.efs_file_systems} == {True, False}
    assert {f["backup"] for f in sandbox.truth.efs_file_systems} == {True, False}


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["efs.DescribeFileSystems"] == units
    assert calls["efs.DescribeBackupPolicy"] == len(inventory[TABLE])


def test_the_check_fails_exactly_the_planted_file_systems(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, CHECK)


def test_the_backup_check_fails_exactly_the_planted_file_systems(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    """FSBP EFS.7: the file system seeded without a backup policy, and no other."""
    assert_fails_exactly_the_planted(
        sandbox.truth, inventory, "efs_file_system_automatic_backups_disabled"
    )
