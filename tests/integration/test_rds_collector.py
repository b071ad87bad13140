"""RDS tables hold exactly what plain boto3 sees in the sandbox, and what the estate seeded."""

from __future__ import annotations

import contextlib
import json
import uuid

import pandas as pd
import pytest
from botocore.exceptions import ClientError
from census import assert_fails_exactly_the_planted

import toolkit
from toolkit.collectors import REGISTRY
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

RDS_TABLES = {name for name in REGISTRY if name.startswith("rds.")}
#: Engines the RDS API answers but whose resources are other services' tables (neptune, docdb).
OTHER_ENGINES = {"neptune", "docdb"}
#: The checks on the settings beyond CIS, each planted on the estate's failing resources.
PLANTED_CHECKS = (
    "rds_instance_enhanced_monitoring_disabled",
    "rds_instance_logs_not_published",
    "rds_postgresql_instance_logs_not_published",
    "rds_instance_iam_auth_disabled",
    "rds_instance_copy_tags_to_snapshots_disabled",
    "rds_instance_default_port",
    "rds_instance_default_admin_username",
    "rds_cluster_iam_auth_disabled",
    "rds_cluster_copy_tags_to_snapshots_disabled",
    "rds_cluster_default_admin_username",
    "rds_cluster_backup_retention_too_short",
    "rds_event_subscription_cluster_events_missing",
    "rds_event_subscription_instance_events_missing",
    "rds_event_subscription_parameter_group_events_missing",
    "rds_event_subscription_security_group_events_missing",
)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="rds", progress=False)


def _ids(frame: pd.DataFrame, account_id: str, region: str, column: str) -> list[str]:
    here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
    return sorted(here[column])


def test_no_errors_and_every_table(inventory: Inventory) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    assert (
        set(inventory.tables)
        == RDS_TABLES
        == {
            "rds.db_instances",
            "rds.db_clusters",
            "rds.db_snapshots",
            "rds.event_subscriptions",
        }
    )
    for name in RDS_TABLES:
        frame = inventory[name]
        assert list(frame.columns) == [c.name for c in REGISTRY[name].columns], name
        assert not frame["arn"].duplicated().any(), name


def _cell(value: object) -> object:
    return None if pd.isna(value) else value


def _rds_own(items: list[dict]) -> list[dict]:
    return [item for item in items if item.get("Engine") not in OTHER_ENGINES]


def _same_settings(table: pd.DataFrame, seen: list[dict], arn: str) -> None:
    """The settings columns both tables share equal what boto3 answers."""
    for item in seen:
        row = table.loc[item[arn]]
        assert json.loads(row["cloudwatch_logs_exports"]) == sorted(
            item.get("EnabledCloudwatchLogsExports") or []
        )
        assert bool(row["copy_tags_to_snapshot"]) == bool(item.get("CopyTagsToSnapshot"))
        assert _cell(row["master_username"]) == item.get("MasterUsername")
        if "MonitoringInterval" in item or "monitoring_interval" in row.index:
            assert (_cell(row.get("monitoring_interval")) or 0) == (
                item.get("MonitoringInterval") or 0
            )


def test_event_subscriptions_match_boto3_and_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory["rds.event_subscriptions"]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            seen = sandbox.client(session, "rds", region).describe_event_subscriptions()
            seen = seen["EventSubscriptionsList"]
            assert _ids(table, account_id, region, "arn") == sorted(
                s["EventSubscriptionArn"] for s in seen
            )
    rows = table.set_index("arn")
    assert sorted(rows.index) == sorted(s["arn"] for s in sandbox.truth.rds_event_subscriptions)
    for subscription in sandbox.truth.rds_event_subscriptions:
        row = rows.loc[subscription["arn"]]
        assert (row["account_id"], row["region"]) == (
            subscription["account_id"],
            subscription["region"],
        )
        assert row["subscription_name"] == subscription["name"]
        assert _cell(row["source_type"]) == subscription["source_type"]
        assert json.loads(row["event_categories"]) == subscription["categories"]
        assert bool(row["enabled"]) == subscription["enabled"]
        assert json.loads(row["source_ids"]) == []
        assert row["sns_topic_arn"].startswith(f"arn:aws:sns:{row['region']}:{row['account_id']}:")


def test_neptune_clusters_are_not_rds_rows(sandbox: Sandbox, inventory: Inventory) -> None:
    """The RDS API lists Neptune's clusters and snapshots too; the RDS tables leave them out."""
    neptune = {c["arn"] for c in sandbox.truth.neptune_clusters}
    assert neptune
    assert not neptune & set(inventory["rds.db_clusters"]["arn"])
    clusters = set(inventory["rds.db_snapshots"]["db_cluster_identifier"].dropna())
    assert not {c["id"] for c in sandbox.truth.neptune_clusters} & clusters


@pytest.mark.parametrize("check", PLANTED_CHECKS)
def test_checks_fail_exactly_the_planted(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)


def test_ids_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    instances = inventory["rds.db_instances"]
    clusters = inventory["rds.db_clusters"]
    snapshots = inventory["rds.db_snapshots"]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            rds = sandbox.client(session, "rds", region)
            seen = _rds_own(rds.describe_db_instances()["DBInstances"])
            assert _ids(instances, account_id, region, "arn") == sorted(
                i["DBInstanceArn"] for i in seen
            ), (account_id, region)
            _same_settings(instances.set_index("arn"), seen, "DBInstanceArn")
            seen = _rds_own(rds.describe_db_clusters()["DBClusters"])
            assert _ids(clusters, account_id, region, "arn") == sorted(
                c["DBClusterArn"] for c in seen
            ), (account_id, region)
            _same_settings(clusters.set_index("arn"), seen, "DBClusterArn")
            for cluster in seen:
                row = clusters.set_index("arn").loc[cluster["DBClusterArn"]]
                assert row["port"] == cluster["Port"]
                assert row["backup_retention_days"] == cluster["BackupRetentionPeriod"]
            # manual and automated alike, each type asked for on its own
            expected = [
                s["DBSnapshotArn"]
                for kind in ("manual", "automated")
                for s in _rds_own(rds.describe_db_snapshots(SnapshotType=kind)["DBSnapshots"])
            ]
            expected += [
                s["DBClusterSnapshotArn"]
                for kind in ("manual", "automated")
                for s in _rds_own(
                    rds.describe_db_cluster_snapshots(SnapshotType=kind)["DBClusterSnapshots"]
                )
            ]
            assert _ids(snapshots, account_id, region, "arn") == sorted(expected), (
                account_id,
                region,
            )


def test_instances_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory["rds.db_instances"].set_index("arn")
    assert sorted(table.index) == sorted(i["arn"] for i in sandbox.truth.rds_instances)
    for instance in sandbox.truth.rds_instances:
        row = table.loc[instance["arn"]]
        assert row["db_instance_identifier"] == instance["id"]
        assert (row["account_id"], row["region"]) == (instance["account_id"], instance["region"])
        assert bool(row["publicly_accessible"]) == instance["public"], instance["id"]
        assert bool(row["storage_encrypted"]) == instance["encrypted"], instance["id"]
        assert row["port"] > 0 and row["backup_retention_days"] >= 0
        assert pd.notna(row["create_time"]) and pd.notna(row["engine"])
        assert _cell(row["subnet_group"]) == instance["subnet_group"], instance["id"]
        assert _cell(row["vpc_id"]) == instance["vpc_id"], instance["id"]
        assert _cell(row["db_cluster_identifier"]) == instance["cluster"], instance["id"]
    assert any(i["subnet_group"] for i in sandbox.truth.rds_instances)
    assert any(i["cluster"] for i in sandbox.truth.rds_instances)
    by_id = inventory["rds.db_instances"].set_index("db_instance_identifier")
    assert bool(by_id.loc["prod-orders-db", "multi_az"])
    assert by_id.loc["prod-orders-db", "instance_class"] == "db.m5.large"
    assert by_id.loc["prod-reporting-db", "engine"] == "mysql"


def test_clusters_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory["rds.db_clusters"].set_index("arn")
    assert sorted(table.index) == sorted(c["arn"] for c in sandbox.truth.rds_clusters)
    for cluster in sandbox.truth.rds_clusters:
        row = table.loc[cluster["arn"]]
        assert row["db_cluster_identifier"] == cluster["id"]
        assert bool(row["storage_encrypted"]) == cluster["encrypted"]
        members = [i["id"] for i in sandbox.truth.rds_instances if i["cluster"] == cluster["id"]]
        assert sorted(json.loads(row["members"])) == sorted(members)


def test_public_snapshot_and_private_one(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory["rds.db_snapshots"].set_index("arn")
    assert sorted(table.index) == sorted(s["arn"] for s in sandbox.truth.rds_snapshots)
    assert {s["public"] for s in sandbox.truth.rds_snapshots} == {True, False}
    for snapshot in sandbox.truth.rds_snapshots:
        row = table.loc[snapshot["arn"]]
        assert row["snapshot_identifier"] == snapshot["id"]
        assert (row["account_id"], row["region"]) == (snapshot["account_id"], snapshot["region"])
        assert row["kind"] == snapshot["kind"]
        assert _cell(row["db_instance_identifier"]) == snapshot["instance"]
        assert _cell(row["db_cluster_identifier"]) == snapshot["cluster"]
        assert row["snapshot_type"] == snapshot["type"], snapshot["id"]
        assert bool(row["encrypted"]) == snapshot["encrypted"], snapshot["id"]
        assert bool(row["public"]) == snapshot["public"], snapshot["id"]
        assert json.loads(row["shared_with_accounts"]) == []


def test_automated_snapshots(sandbox: Sandbox, inventory: Inventory) -> None:
    """RDS's own backups are listed (named rds:...), never shared; one per instance alone or
    cluster, none for an Aurora member; an unencrypted instance's is unencrypted."""
    table = inventory["rds.db_snapshots"]
    automated = table[table["snapshot_type"] == "automated"]
    assert automated["snapshot_identifier"].str.startswith("rds:").all()
    assert not automated["public"].any()
    assert (automated["shared_with_accounts"] == "[]").all()
    backed_up = {("instance", i["id"]) for i in sandbox.truth.rds_instances if not i["cluster"]}
    backed_up |= {("cluster", c["id"]) for c in sandbox.truth.rds_clusters}
    sources = set(
        zip(
            automated["kind"],
            automated["db_instance_identifier"].fillna(automated["db_cluster_identifier"]),
            strict=True,
        )
    )
    assert sources == backed_up
    unencrypted = automated[~automated["encrypted"].astype(bool)]
    assert set(unencrypted["db_instance_identifier"]) == {
        i["id"] for i in sandbox.truth.rds_instances if not i["encrypted"] and not i["cluster"]
    }


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    for listing in (
        "DescribeDBInstances",
        "DescribeDBClusters",
        "DescribeDBSnapshots",
        "DescribeDBClusterSnapshots",
        "DescribeEventSubscriptions",
    ):
        assert calls[f"rds.{listing}"] == units, listing
    # who may restore is asked of manual snapshots only: AWS shares no other type
    kinds = [s["kind"] for s in sandbox.truth.rds_snapshots if s["type"] == "manual"]
    assert calls["rds.DescribeDBSnapshotAttributes"] == kinds.count("instance")
    assert calls.get("rds.DescribeDBClusterSnapshotAttributes", 0) == kinds.count("cluster")


def test_shared_instance_and_cluster_snapshots(sandbox: Sandbox) -> None:
    """A manual cluster snapshot is listed (kind cluster) and sharing names the accounts."""
    prod, logs = sandbox.truth.account_id("prod"), sandbox.truth.account_id("logs")
    security = sandbox.truth.account_id("security")
    cluster = next(c for c in sandbox.truth.rds_clusters if c["account_id"] == prod)
    instance = next(
        i
        for i in sandbox.truth.rds_instances
        if i["account_id"] == prod and i["region"] == cluster["region"] and not i["cluster"]
    )
    rds = sandbox.client(sandbox.boto3_session(prod), "rds", cluster["region"])
    suffix = uuid.uuid4().hex[:8]
    cluster_snapshot, instance_snapshot = f"probe-cluster-{suffix}", f"probe-instance-{suffix}"
    try:
        rds.create_db_cluster_snapshot(
            DBClusterSnapshotIdentifier=cluster_snapshot, DBClusterIdentifier=cluster["id"]
        )
        rds.modify_db_cluster_snapshot_attribute(
            DBClusterSnapshotIdentifier=cluster_snapshot,
            AttributeName="restore",
            ValuesToAdd=[security, logs],
        )
        rds.create_db_snapshot(
            DBSnapshotIdentifier=instance_snapshot, DBInstanceIdentifier=instance["id"]
        )
        rds.modify_db_snapshot_attribute(
            DBSnapshotIdentifier=instance_snapshot,
            AttributeName="restore",
            ValuesToAdd=[logs, "all"],
        )
        inventory = toolkit.collect_sync(
            sandbox.scope(accounts=[prod], regions=[cluster["region"]]),
            tables="rds.db_snapshots",
            progress=False,
        )
        assert inventory.errors.empty, inventory.errors.to_string()
        table = inventory["rds.db_snapshots"].set_index("snapshot_identifier")

        row = table.loc[cluster_snapshot]
        assert row["kind"] == "cluster"
        assert row["db_cluster_identifier"] == cluster["id"]
        assert pd.isna(row["db_instance_identifier"])
        assert ":cluster-snapshot:" in row["arn"]
        assert bool(row["encrypted"]) == cluster["encrypted"]
        assert not row["public"]
        assert json.loads(row["shared_with_accounts"]) == sorted([security, logs])

        row = table.loc[instance_snapshot]
        assert row["kind"] == "instance"
        assert bool(row["public"])
        assert json.loads(row["shared_with_accounts"]) == [logs]
        seeded = [
            s
            for s in sandbox.truth.rds_snapshots
            if (s["account_id"], s["region"], s["kind"], s["type"])
            == (prod, cluster["region"], "cluster", "manual")
        ]
        calls = inventory.meta["api_calls"]["rds.DescribeDBClusterSnapshotAttributes"]
        assert calls == 1 + len(seeded)
    finally:
        for delete, kwargs in (
            (rds.delete_db_cluster_snapshot, {"DBClusterSnapshotIdentifier": cluster_snapshot}),
            (rds.delete_db_snapshot, {"DBSnapshotIdentifier": instance_snapshot}),
        ):
            with contextlib.suppress(ClientError):
                delete(**kwargs)
