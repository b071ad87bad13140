"""The ElastiCache tables hold exactly what plain boto3 sees in the sandbox, and what was
seeded; their checks FAIL exactly the planted replication groups and cache clusters."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "elasticache.replication_groups"
CLUSTERS = "elasticache.clusters"
CHECKS = (
    "elasticache_replication_group_automatic_failover_disabled",
    "elasticache_replication_group_unencrypted_at_rest",
    "elasticache_replication_group_unencrypted_in_transit",
    "elasticache_cluster_automatic_backups_disabled",
    "elasticache_cluster_auto_minor_version_upgrade_disabled",
    "elasticache_cluster_default_subnet_group",
)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="elasticache", progress=False)


def test_no_errors_and_two_clean_tables(inventory: Inventory) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    assert sorted(inventory.tables) == [CLUSTERS, TABLE]
    for name in (CLUSTERS, TABLE):
        assert_one_clean_table(Inventory({name: inventory[name]}), name, ["arn"])


def test_groups_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            elasticache = sandbox.client(session, "elasticache", region)
            groups = elasticache.describe_replication_groups()["ReplicationGroups"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["replication_group_id"]) == sorted(
                g["ReplicationGroupId"] for g in groups
            )
            rows = here.set_index("replication_group_id")
            for group in groups:
                row = rows.loc[group["ReplicationGroupId"]]
                assert row["arn"] == group["ARN"]
                assert row["description"] == group["Description"]
                assert row["status"] == group["Status"]
                assert row["engine"] == group["Engine"]
                assert row["cache_node_type"] == group["CacheNodeType"]
                assert bool(row["cluster_enabled"]) == group["ClusterEnabled"]
                assert json.loads(row["member_clusters"]) == sorted(group["MemberClusters"])
                assert (
                    row["endpoint_address"]
                    == (group["NodeGroups"][0]["PrimaryEndpoint"]["Address"])
                )
                assert row["automatic_failover"] == group["AutomaticFailover"]
                assert row["multi_az"] == group["MultiAZ"]
                assert bool(row["at_rest_encryption_enabled"]) == group["AtRestEncryptionEnabled"]
                assert cell(row["kms_key_id"]) == group.get("KmsKeyId")
                assert bool(row["transit_encryption_enabled"]) == group["TransitEncryptionEnabled"]
                assert bool(row["auth_token_enabled"]) == group["AuthTokenEnabled"]
                assert row["snapshot_retention_limit"] == group["SnapshotRetentionLimit"]
                assert cell(row["auto_minor_version_upgrade"]) == group.get(
                    "AutoMinorVersionUpgrade"
                )
                assert row["create_time"] == pd.Timestamp(
                    group["ReplicationGroupCreateTime"]
                ).tz_convert("UTC")


def test_seeded_groups_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    seeded = sandbox.truth.elasticache_replication_groups
    assert sorted(table.index) == sorted(g["arn"] for g in seeded)
    for g in seeded:
        row = table.loc[g["arn"]]
        assert (row["account_id"], row["region"]) == (g["account_id"], g["region"])
        assert row["replication_group_id"] == g["name"]
        assert (row["automatic_failover"] == "enabled") == g["automatic_failover"]
        assert bool(row["at_rest_encryption_enabled"]) == g["at_rest_encryption"]
        assert cell(row["kms_key_id"]) == g["kms_key_arn"]
        assert bool(row["transit_encryption_enabled"]) == g["transit_encryption"]
        assert bool(row["auth_token_enabled"]) == g["transit_encryption"]
        assert row["snapshot_retention_limit"] == g["backup_days"]
    assert {g["transit_encryption"] for g in seeded} == {True, False}
    assert {g["kms_key_arn"] is None for g in seeded} == {True, False}


def test_clusters_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[CLUSTERS]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            elasticache = sandbox.client(session, "elasticache", region)
            clusters = elasticache.describe_cache_clusters()["CacheClusters"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["cache_cluster_id"]) == sorted(c["CacheClusterId"] for c in clusters)
            rows = here.set_index("cache_cluster_id")
            for cluster in clusters:
                row = rows.loc[cluster["CacheClusterId"]]
                assert row["arn"] == cluster["ARN"]
                assert row["status"] == cluster["CacheClusterStatus"]
                assert row["engine"] == cluster["Engine"]
                assert cell(row["engine_version"]) == cluster.get("EngineVersion")
                assert row["cache_node_type"] == cluster["CacheNodeType"]
                assert row["num_cache_nodes"] == cluster["NumCacheNodes"]
                assert cell(row["cache_subnet_group_name"]) == cluster.get("CacheSubnetGroupName")
                assert cell(row["auto_minor_version_upgrade"]) == cluster.get(
                    "AutoMinorVersionUpgrade"
                )
                assert cell(row["snapshot_retention_limit"]) == cluster.get(
                    "SnapshotRetentionLimit"
                )
                assert row["create_time"] == pd.Timestamp(
                    cluster["CacheClusterCreateTime"]
                ).tz_convert("UTC")


def test_seeded_clusters_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[CLUSTERS].set_index("arn")
    seeded = sandbox.truth.elasticache_clusters
    assert sorted(table.index) == sorted(c["arn"] for c in seeded)
    for c in seeded:
        row = table.loc[c["arn"]]
        assert (row["account_id"], row["region"]) == (c["account_id"], c["region"])
        assert row["cache_cluster_id"] == c["name"]
        assert row["engine"] == c["engine"]
        assert row["cache_subnet_group_name"] == c["subnet_group"]
        assert bool(row["auto_minor_version_upgrade"]) == c["auto_minor_version_upgrade"]
        if c["backup_days"] is not None:
            assert row["snapshot_retention_limit"] == c["backup_days"]
    assert {c["engine"] for c in seeded} == {"redis", "memcached"}
    assert "default" in {c["subnet_group"] for c in seeded}


def test_one_call_per_account_and_region(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["elasticache.DescribeReplicationGroups"] == units
    assert calls["elasticache.DescribeCacheClusters"] == units


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_groups(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
