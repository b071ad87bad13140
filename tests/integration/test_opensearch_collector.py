"""The OpenSearch table holds exactly what plain boto3 sees in the sandbox, and what was seeded;
its checks FAIL exactly the planted domains."""

from __future__ import annotations

import json

import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "opensearch.domains"
CHECKS = (
    "opensearch_domain_unencrypted_at_rest",
    "opensearch_domain_not_in_vpc",
    "opensearch_domain_node_to_node_encryption_disabled",
    "opensearch_domain_error_logging_disabled",
    "opensearch_domain_audit_logging_disabled",
    "opensearch_domain_fewer_than_three_data_nodes",
    "opensearch_domain_fine_grained_access_control_disabled",
    "opensearch_domain_tls_policy_outdated",
    "opensearch_domain_fewer_than_three_dedicated_master_nodes",
)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="opensearch", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def test_domains_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            opensearch = sandbox.client(session, "opensearch", region)
            listed = opensearch.list_domain_names()["DomainNames"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["domain_name"]) == sorted(d["DomainName"] for d in listed)
            rows = here.set_index("domain_name")
            for entry in listed:
                status = opensearch.describe_domain(DomainName=entry["DomainName"])
                domain = status["DomainStatus"]
                row = rows.loc[entry["DomainName"]]
                cluster = domain["ClusterConfig"]
                vpc = domain.get("VPCOptions")
                logs = domain.get("LogPublishingOptions") or {}
                assert row["arn"] == domain["ARN"]
                assert row["engine_type"] == entry["EngineType"]
                assert row["domain_id"] == domain["DomainId"]
                assert row["engine_version"] == domain["EngineVersion"]
                assert row["endpoint"] == (
                    domain.get("Endpoint") or domain.get("Endpoints", {}).get("vpc")
                )
                assert bool(row["in_vpc"]) == (vpc is not None)
                assert json.loads(row["vpc_subnet_ids"]) == sorted((vpc or {}).get("SubnetIds", []))
                assert json.loads(row["vpc_security_group_ids"]) == sorted(
                    (vpc or {}).get("SecurityGroupIds", [])
                )
                assert row["instance_type"] == cluster["InstanceType"]
                assert row["instance_count"] == cluster["InstanceCount"]
                assert bool(row["zone_awareness_enabled"]) == cluster["ZoneAwarenessEnabled"]
                assert bool(row["dedicated_master_enabled"]) == cluster["DedicatedMasterEnabled"]
                assert cell(row["dedicated_master_count"]) == (
                    cluster.get("DedicatedMasterCount")
                    if cluster["DedicatedMasterEnabled"]
                    else None
                )
                rest = domain["EncryptionAtRestOptions"]
                assert bool(row["encryption_at_rest_enabled"]) == rest["Enabled"]
                assert cell(row["kms_key_id"]) == rest.get("KmsKeyId")
                assert (
                    bool(row["node_to_node_encryption_enabled"])
                    == domain["NodeToNodeEncryptionOptions"]["Enabled"]
                )
                endpoint = domain["DomainEndpointOptions"]
                assert bool(row["enforce_https"]) == endpoint["EnforceHTTPS"]
                assert row["tls_security_policy"] == endpoint["TLSSecurityPolicy"]
                security = domain["AdvancedSecurityOptions"]
                assert bool(row["fine_grained_access_control_enabled"]) == security["Enabled"]
                assert (
                    bool(row["internal_user_database_enabled"])
                    == security["InternalUserDatabaseEnabled"]
                )
                for kind, prefix in (("AUDIT_LOGS", "audit"), ("ES_APPLICATION_LOGS", "error")):
                    option = logs.get(kind) or {}
                    assert bool(row[f"{prefix}_logs_enabled"]) == bool(option.get("Enabled"))
                    assert cell(row[f"{prefix}_log_group_arn"]) == option.get(
                        "CloudWatchLogsLogGroupArn"
                    )
                policy = domain.get("AccessPolicies")
                assert cell(row["access_policy"]) == (
                    json.dumps(json.loads(policy), sort_keys=True) if policy else None
                )


def test_seeded_domains_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    seeded = sandbox.truth.opensearch_domains
    assert sorted(table.index) == sorted(d["arn"] for d in seeded)
    for d in seeded:
        row = table.loc[d["arn"]]
        assert (row["account_id"], row["region"]) == (d["account_id"], d["region"])
        assert row["domain_name"] == d["name"]
        assert bool(row["in_vpc"]) == d["in_vpc"]
        assert json.loads(row["vpc_subnet_ids"]) == d["subnet_ids"]
        assert json.loads(row["vpc_security_group_ids"]) == d["security_group_ids"]
        assert bool(row["encryption_at_rest_enabled"]) == (d["kms_key_arn"] is not None)
        assert cell(row["kms_key_id"]) == d["kms_key_arn"]
        assert bool(row["node_to_node_encryption_enabled"]) == d["node_to_node_encryption"]
        assert bool(row["enforce_https"]) == d["enforce_https"]
        assert row["tls_security_policy"] == d["tls_policy"]
        assert bool(row["fine_grained_access_control_enabled"]) == d["fine_grained_access_control"]
        assert bool(row["audit_logs_enabled"]) == d["audit_logs"]
        assert bool(row["error_logs_enabled"]) == d["error_logs"]
        assert row["instance_count"] == d["data_nodes"]
        assert (cell(row["dedicated_master_count"]) or 0) == d["dedicated_masters"]
        policy = d["access_policy"]
        assert cell(row["access_policy"]) == (
            json.dumps(policy, sort_keys=True) if policy else None
        )
    assert {d["in_vpc"] for d in seeded} == {True, False}
    assert any(d["subnet_ids"] for d in seeded)


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["opensearch.ListDomainNames"] == units
    frame = inventory[TABLE]
    per_unit = frame.groupby(["account_id", "region"]).size()
    assert calls["opensearch.DescribeDomains"] == sum(-(-n // 5) for n in per_unit)


def test_asking_for_list_columns_skips_the_describe_calls(sandbox: Sandbox) -> None:
    inv = toolkit.collect_sync(
        sandbox.scope(), tables=[TABLE], columns={TABLE: ["domain_name"]}, progress=False
    )
    assert len(inv[TABLE]) == len(sandbox.truth.opensearch_domains)
    assert "opensearch.DescribeDomains" not in inv.meta["api_calls"]


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_domains(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
