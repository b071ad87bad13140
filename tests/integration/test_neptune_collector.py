"""Neptune tables hold exactly what plain boto3 sees in the sandbox and what the estate seeded,
and the Neptune checks fail exactly the planted resources."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

CLUSTERS, SNAPSHOTS = "neptune.clusters", "neptune.cluster_snapshots"
CHECKS = (
    "neptune_cluster_storage_unencrypted",
    "neptune_cluster_audit_logs_disabled",
    "neptune_cluster_snapshot_public",
    "neptune_cluster_deletion_protection_disabled",
    "neptune_cluster_backup_retention_too_short",
    "neptune_cluster_snapshot_unencrypted",
    "neptune_cluster_copy_tags_to_snapshots_disabled",
)
ONLY_NEPTUNE = [{"Name": "engine", "Values": ["neptune"]}]


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="neptune", progress=False)


@pytest.mark.parametrize("table", [CLUSTERS, SNAPSHOTS])
def test_one_clean_table_each(inventory: Inventory, table: str) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    assert sorted(inventory.tables) == sorted([CLUSTERS, SNAPSHOTS])
    assert_one_clean_table(Inventory({table: inventory[table]}), table, ["arn"])


def _census(sandbox: Sandbox, account_id: str) -> dict[str, tuple[list, list]]:
    """region -> (clusters, snapshots) as plain boto3 lists them in one account."""
    session = sandbox.boto3_session(account_id)
    found = {}
    for region in sandbox.truth.regions:
        neptune = sandbox.client(session, "neptune", region)
        clusters = neptune.describe_db_clusters(Filters=ONLY_NEPTUNE)["DBClusters"]
        snapshots = neptune.describe_db_cluster_snapshots(Filters=ONLY_NEPTUNE)
        found[region] = (clusters, snapshots["DBClusterSnapshots"])
    return found


def test_match_boto3_in_every_account_and_region(sandbox: Sandbox, inventory: Inventory) -> None:
    clusters, snapshots = inventory[CLUSTERS], inventory[SNAPSHOTS]
    accounts = sandbox.truth.account_ids
    with ThreadPoolExecutor(max_workers=4) as pool:
        census = dict(zip(accounts, pool.map(lambda a: _census(sandbox, a), accounts), strict=True))
    for account_id, regions in census.items():
        for region, (seen_clusters, seen_snapshots) in regions.items():
            here = clusters[(clusters["account_id"] == account_id) & (clusters["region"] == region)]
            assert sorted(here["arn"]) == sorted(c["DBClusterArn"] for c in seen_clusters)
            rows = here.set_index("arn")
            for cluster in seen_clusters:
                row = rows.loc[cluster["DBClusterArn"]]
                assert row["db_cluster_identifier"] == cluster["DBClusterIdentifier"]
                assert bool(row["storage_encrypted"]) == cluster["StorageEncrypted"]
                assert bool(row["deletion_protection"]) == cluster["DeletionProtection"]
                assert row["backup_retention_days"] == cluster["BackupRetentionPeriod"]
                assert bool(row["copy_tags_to_snapshot"]) == cluster["CopyTagsToSnapshot"]
                assert bool(row["iam_auth_enabled"]) == cluster["IAMDatabaseAuthenticationEnabled"]
                assert json.loads(row["cloudwatch_logs_exports"]) == sorted(
                    cluster.get("EnabledCloudwatchLogsExports") or []
                )
                assert cell(row["engine_version"]) == cluster.get("EngineVersion")
            here = snapshots[
                (snapshots["account_id"] == account_id) & (snapshots["region"] == region)
            ]
            assert sorted(here["arn"]) == sorted(s["DBClusterSnapshotArn"] for s in seen_snapshots)
            rows = here.set_index("arn")
            for snapshot in seen_snapshots:
                row = rows.loc[snapshot["DBClusterSnapshotArn"]]
                assert row["snapshot_type"] == snapshot["SnapshotType"]
                assert bool(row["encrypted"]) == snapshot["StorageEncrypted"]
                assert row["create_time"] == pd.Timestamp(snapshot["SnapshotCreateTime"])


def test_clusters_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[CLUSTERS].set_index("arn")
    assert sorted(table.index) == sorted(c["arn"] for c in sandbox.truth.neptune_clusters)
    for cluster in sandbox.truth.neptune_clusters:
        row = table.loc[cluster["arn"]]
        assert (row["account_id"], row["region"]) == (cluster["account_id"], cluster["region"])
        assert row["db_cluster_identifier"] == cluster["id"]
        assert bool(row["storage_encrypted"]) == cluster["encrypted"]
        assert bool(row["deletion_protection"]) == cluster["deletion_protection"]
        assert row["backup_retention_days"] == cluster["backup_days"]
        assert bool(row["copy_tags_to_snapshot"]) == cluster["copy_tags"]
        assert json.loads(row["cloudwatch_logs_exports"]) == cluster["log_exports"]


def test_snapshots_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    """Manual and automated (Neptune's own, one per cluster), public or private."""
    table = inventory[SNAPSHOTS].set_index("arn")
    assert sorted(table.index) == sorted(s["arn"] for s in sandbox.truth.neptune_snapshots)
    assert {s["type"] for s in sandbox.truth.neptune_snapshots} == {"manual", "automated"}
    assert {s["public"] for s in sandbox.truth.neptune_snapshots} == {True, False}
    for snapshot in sandbox.truth.neptune_snapshots:
        row = table.loc[snapshot["arn"]]
        assert row["snapshot_identifier"] == snapshot["id"]
        assert row["db_cluster_identifier"] == snapshot["cluster"]
        assert row["snapshot_type"] == snapshot["type"]
        assert bool(row["encrypted"]) == snapshot["encrypted"]
        assert bool(row["public"]) == snapshot["public"]
        assert json.loads(row["shared_with_accounts"]) == []


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["neptune.DescribeDBClusters"] == units
    assert calls["neptune.DescribeDBClusterSnapshots"] == units
    manual = [s for s in sandbox.truth.neptune_snapshots if s["type"] == "manual"]
    assert calls["neptune.DescribeDBClusterSnapshotAttributes"] == len(manual)


@pytest.mark.parametrize("check", CHECKS)
def test_checks_fail_exactly_the_planted(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
