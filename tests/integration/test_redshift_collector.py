"""The Redshift table holds exactly what plain boto3 sees in the sandbox, and what was seeded;
its checks FAIL exactly the planted clusters."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "redshift.clusters"
CHECKS = (
    "redshift_cluster_publicly_accessible",
    "redshift_cluster_automated_snapshots_too_short",
    "redshift_cluster_audit_logging_disabled",
    "redshift_cluster_version_upgrade_disabled",
    "redshift_cluster_enhanced_vpc_routing_disabled",
    "redshift_cluster_default_admin_username",
    "redshift_cluster_unencrypted",
)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="redshift", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def test_clusters_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            redshift = sandbox.client(session, "redshift", region)
            clusters = redshift.describe_clusters()["Clusters"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["cluster_identifier"]) == sorted(
                c["ClusterIdentifier"] for c in clusters
            )
            rows = here.set_index("cluster_identifier")
            for cluster in clusters:
                name = cluster["ClusterIdentifier"]
                logging = redshift.describe_logging_status(ClusterIdentifier=name)
                row = rows.loc[name]
                assert row["arn"] == f"arn:aws:redshift:{region}:{account_id}:cluster:{name}"
                assert row["cluster_status"] == cluster["ClusterStatus"]
                assert row["node_type"] == cluster["NodeType"]
                assert row["number_of_nodes"] == cluster["NumberOfNodes"]
                assert row["cluster_version"] == cluster["ClusterVersion"]
                assert row["cluster_create_time"] == pd.Timestamp(
                    cluster["ClusterCreateTime"]
                ).tz_convert("UTC")
                assert row["master_username"] == cluster["MasterUsername"]
                assert row["db_name"] == cluster["DBName"]
                assert row["endpoint_address"] == cluster["Endpoint"]["Address"]
                assert row["endpoint_port"] == cluster["Endpoint"]["Port"]
                assert row["availability_zone"] == cluster["AvailabilityZone"]
                assert bool(row["publicly_accessible"]) == cluster["PubliclyAccessible"]
                assert bool(row["encrypted"]) == cluster["Encrypted"]
                assert cell(row["kms_key_id"]) == cluster.get("KmsKeyId")
                assert bool(row["enhanced_vpc_routing"]) == cluster["EnhancedVpcRouting"]
                assert (
                    row["automated_snapshot_retention_period"]
                    == cluster["AutomatedSnapshotRetentionPeriod"]
                )
                assert bool(row["allow_version_upgrade"]) == cluster["AllowVersionUpgrade"]
                assert json.loads(row["vpc_security_group_ids"]) == sorted(
                    g["VpcSecurityGroupId"] for g in cluster["VpcSecurityGroups"]
                )
                assert json.loads(row["parameter_group_names"]) == sorted(
                    g["ParameterGroupName"] for g in cluster["ClusterParameterGroups"]
                )
                assert bool(row["logging_enabled"]) == logging["LoggingEnabled"]
                if logging["LoggingEnabled"]:
                    assert row["log_bucket_name"] == logging["BucketName"]
                    assert row["log_s3_key_prefix"] == logging["S3KeyPrefix"]
                    assert row["log_destination_type"] == logging["LogDestinationType"]
                else:
                    assert cell(row["log_bucket_name"]) is None
                    assert cell(row["log_destination_type"]) is None


def test_seeded_clusters_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    seeded = sandbox.truth.redshift_clusters
    assert sorted(table.index) == sorted(c["arn"] for c in seeded)
    for c in seeded:
        row = table.loc[c["arn"]]
        assert (row["account_id"], row["region"]) == (c["account_id"], c["region"])
        assert row["cluster_identifier"] == c["name"]
        assert row["master_username"] == c["admin_username"]
        assert bool(row["publicly_accessible"]) == c["publicly_accessible"]
        assert bool(row["encrypted"]) == (c["kms_key_arn"] is not None)
        assert cell(row["kms_key_id"]) == c["kms_key_arn"]
        assert bool(row["enhanced_vpc_routing"]) == c["enhanced_vpc_routing"]
        assert row["automated_snapshot_retention_period"] == c["snapshot_retention_days"]
        assert bool(row["allow_version_upgrade"]) == c["allow_version_upgrade"]
        assert bool(row["logging_enabled"]) == (c["audit_log_bucket"] is not None)
        assert cell(row["log_bucket_name"]) == c["audit_log_bucket"]
        assert row["endpoint_port"] == c["port"]
        assert json.loads(row["vpc_security_group_ids"]) == c["security_group_ids"]
    assert {c["publicly_accessible"] for c in seeded} == {True, False}
    assert {c["allow_version_upgrade"] for c in seeded} == {True, False}
    assert any(c["security_group_ids"] for c in seeded)


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["redshift.DescribeClusters"] == units
    assert calls["redshift.DescribeLoggingStatus"] == len(inventory[TABLE])


def test_asking_for_list_columns_skips_the_logging_calls(sandbox: Sandbox) -> None:
    inv = toolkit.collect_sync(
        sandbox.scope(),
        tables=[TABLE],
        columns={TABLE: ["cluster_identifier", "publicly_accessible"]},
        progress=False,
    )
    assert len(inv[TABLE]) == len(sandbox.truth.redshift_clusters)
    assert "redshift.DescribeLoggingStatus" not in inv.meta["api_calls"]


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_clusters(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
