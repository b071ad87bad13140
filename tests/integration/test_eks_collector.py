"""The EKS table holds exactly what plain boto3 sees in the sandbox, and what was seeded; its
checks FAIL exactly the planted clusters."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "eks.clusters"
CHECKS = (
    "eks_cluster_endpoint_public",
    "eks_cluster_version_unsupported",
    "eks_cluster_secrets_unencrypted",
    "eks_cluster_audit_logging_disabled",
)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="eks", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def test_clusters_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            eks = sandbox.client(session, "eks", region)
            names = eks.list_clusters()["clusters"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["cluster_name"]) == sorted(names)
            rows = here.set_index("cluster_name")
            for name in names:
                cluster = eks.describe_cluster(name=name)["cluster"]
                vpc = cluster["resourcesVpcConfig"]
                row = rows.loc[name]
                assert row["arn"] == cluster["arn"]
                assert row["status"] == cluster["status"]
                assert row["version"] == cluster["version"]
                assert row["platform_version"] == cluster["platformVersion"]
                assert row["created_at"] == pd.Timestamp(cluster["createdAt"]).tz_convert("UTC")
                assert row["role_arn"] == cluster["roleArn"]
                assert json.loads(row["subnet_ids"]) == sorted(vpc["subnetIds"])
                assert bool(row["endpoint_public_access"]) == vpc["endpointPublicAccess"]
                assert bool(row["endpoint_private_access"]) == vpc["endpointPrivateAccess"]
                assert json.loads(row["public_access_cidrs"]) == sorted(vpc["publicAccessCidrs"])
                enabled = sorted(
                    kind
                    for group in cluster["logging"]["clusterLogging"]
                    if group["enabled"]
                    for kind in group["types"]
                )
                assert json.loads(row["enabled_log_types"]) == enabled
                keys = [
                    c["provider"]["keyArn"]
                    for c in cluster.get("encryptionConfig") or []
                    if "secrets" in c["resources"]
                ]
                assert bool(row["secrets_encrypted"]) == bool(keys)
                assert cell(row["secrets_kms_key_arn"]) == (keys[0] if keys else None)


def test_seeded_clusters_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    seeded = sandbox.truth.eks_clusters
    assert sorted(table.index) == sorted(c["arn"] for c in seeded)
    for c in seeded:
        row = table.loc[c["arn"]]
        assert (row["account_id"], row["region"]) == (c["account_id"], c["region"])
        assert row["cluster_name"] == c["name"]
        assert row["version"] == c["version"]
        assert bool(row["endpoint_public_access"]) == c["endpoint_public"]
        assert bool(row["endpoint_private_access"]) == c["endpoint_private"]
        assert json.loads(row["public_access_cidrs"]) == c["public_cidrs"]
        assert json.loads(row["enabled_log_types"]) == c["log_types"]
        assert cell(row["secrets_kms_key_arn"]) == c["secrets_kms_key_arn"]
    assert {c["endpoint_public"] for c in seeded} == {True, False}
    assert {c["secrets_kms_key_arn"] is None for c in seeded} == {True, False}


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["eks.ListClusters"] == units
    assert calls["eks.DescribeCluster"] == len(inventory[TABLE])


def test_asking_for_list_columns_skips_describe(sandbox: Sandbox) -> None:
    inv = toolkit.collect_sync(
        sandbox.scope(), tables=[TABLE], columns={TABLE: ["cluster_name"]}, progress=False
    )
    assert len(inv[TABLE]) == len(sandbox.truth.eks_clusters)
    assert "eks.DescribeCluster" not in inv.meta["api_calls"]


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_clusters(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
