"""The ELBv2 tables hold exactly what plain boto3 sees in the sandbox, and what was seeded; the
ELB checks FAIL exactly the planted load balancers."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.collectors import REGISTRY
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

BALANCERS = "elbv2.load_balancers"
LISTENERS = "elbv2.listeners"
TARGET_GROUPS = "elbv2.target_groups"
CHECKS = (
    "elbv2_alb_desync_mitigation_mode_weak",
    "elbv2_alb_http_not_redirected_to_https",
    "elbv2_alb_invalid_headers_not_dropped",
    "elbv2_listener_unencrypted_protocol",
    "elbv2_listener_weak_security_policy",
    "elbv2_load_balancer_access_logging_disabled",
    "elbv2_load_balancer_deletion_protection_disabled",
    "elbv2_load_balancer_single_availability_zone",
    "elbv2_target_group_health_check_unencrypted",
    "elbv2_target_group_unencrypted_protocol",
)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="elbv2", progress=False)


@pytest.mark.parametrize("table", [BALANCERS, LISTENERS, TARGET_GROUPS])
def test_each_table_alone_is_clean(sandbox: Sandbox, table: str) -> None:
    alone = toolkit.collect_sync(sandbox.scope(), tables=[table], progress=False)
    assert_one_clean_table(alone, table, ["arn"])


def test_every_table_and_no_errors(inventory: Inventory) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    assert sorted(inventory.tables) == [LISTENERS, BALANCERS, TARGET_GROUPS]
    for table in (BALANCERS, LISTENERS, TARGET_GROUPS):
        assert list(inventory[table].columns) == [c.name for c in REGISTRY[table].columns]


def _attributes(elbv2, arn: str) -> dict[str, str]:
    answer = elbv2.describe_load_balancer_attributes(LoadBalancerArn=arn)["Attributes"]
    return {a["Key"]: a["Value"] for a in answer}


def _flag(attributes: dict[str, str], key: str) -> bool | None:
    return None if key not in attributes else attributes[key] == "true"


def test_tables_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    balancers, listeners = inventory[BALANCERS], inventory[LISTENERS]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            elbv2 = sandbox.client(session, "elbv2", region)
            listed = elbv2.describe_load_balancers()["LoadBalancers"]
            where = (balancers["account_id"] == account_id) & (balancers["region"] == region)
            rows = balancers[where].set_index("arn")
            assert sorted(rows.index) == sorted(b["LoadBalancerArn"] for b in listed)
            expected_listeners = []
            for balancer in listed:
                row = rows.loc[balancer["LoadBalancerArn"]]
                assert row["name"] == balancer["LoadBalancerName"]
                assert row["type"] == balancer["Type"]
                assert row["scheme"] == balancer["Scheme"]
                assert row["dns_name"] == balancer["DNSName"]
                assert row["vpc_id"] == balancer["VpcId"]
                assert row["state"] == balancer["State"]["Code"]
                assert row["created_time"] == pd.Timestamp(balancer["CreatedTime"])
                zones = balancer["AvailabilityZones"]
                assert json.loads(row["subnet_ids"]) == sorted(z["SubnetId"] for z in zones)
                assert json.loads(row["availability_zones"]) == sorted(z["ZoneName"] for z in zones)
                assert json.loads(row["security_groups"]) == sorted(balancer["SecurityGroups"])
                attributes = _attributes(elbv2, balancer["LoadBalancerArn"])
                assert row["deletion_protection"] == _flag(
                    attributes, "deletion_protection.enabled"
                )
                assert row["access_logs_enabled"] == _flag(attributes, "access_logs.s3.enabled")
                assert cell(row["access_logs_bucket"]) == (
                    attributes.get("access_logs.s3.bucket") or None
                )
                assert cell(row["drop_invalid_header_fields"]) == _flag(
                    attributes, "routing.http.drop_invalid_header_fields.enabled"
                )
                assert cell(row["desync_mitigation_mode"]) == attributes.get(
                    "routing.http.desync_mitigation_mode"
                )
                expected_listeners += elbv2.describe_listeners(
                    LoadBalancerArn=balancer["LoadBalancerArn"]
                )["Listeners"]
            where = (listeners["account_id"] == account_id) & (listeners["region"] == region)
            here = listeners[where].set_index("arn")
            assert sorted(here.index) == sorted(x["ListenerArn"] for x in expected_listeners)
            for listener in expected_listeners:
                row = here.loc[listener["ListenerArn"]]
                assert row["load_balancer_arn"] == listener["LoadBalancerArn"]
                assert row["protocol"] == listener["Protocol"]
                assert row["port"] == listener["Port"]
                assert cell(row["ssl_policy"]) == listener.get("SslPolicy")
                assert json.loads(row["certificates"]) == sorted(
                    c["CertificateArn"] for c in listener.get("Certificates", [])
                )
                assert json.loads(row["default_actions"]) == listener["DefaultActions"]


def test_seeded_load_balancers_and_listeners_match_truth(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    balancers = inventory[BALANCERS].set_index("arn")
    truth = sandbox.truth.elbv2_load_balancers
    assert sorted(balancers.index) == sorted(b["arn"] for b in truth)
    for seeded in truth:
        row = balancers.loc[seeded["arn"]]
        assert (row["account_id"], row["region"]) == (seeded["account_id"], seeded["region"])
        assert (row["name"], row["type"], row["scheme"], row["vpc_id"]) == (
            seeded["name"],
            seeded["type"],
            seeded["scheme"],
            seeded["vpc_id"],
        )
        assert bool(row["deletion_protection"]) == seeded["deletion_protection"]
        assert bool(row["access_logs_enabled"]) == bool(seeded["access_logs_bucket"])
        assert cell(row["access_logs_bucket"]) == seeded["access_logs_bucket"]
        if seeded["type"] == "application":  # AWS's defaults where the estate says nothing
            assert bool(row["drop_invalid_header_fields"]) == seeded["drop_invalid_headers"]
            assert row["desync_mitigation_mode"] == (seeded["desync_mitigation"] or "defensive")
        else:
            assert pd.isna(row["drop_invalid_header_fields"])
    listeners = inventory[LISTENERS].set_index("arn")
    assert sorted(listeners.index) == sorted(x["arn"] for x in sandbox.truth.elbv2_listeners)
    for seeded in sandbox.truth.elbv2_listeners:
        row = listeners.loc[seeded["arn"]]
        assert row["load_balancer_arn"] == seeded["load_balancer_arn"]
        assert (row["protocol"], row["port"]) == (seeded["protocol"], seeded["port"])
        assert bool(row["redirects_to_https"]) == seeded["redirects_to_https"]
        assert json.loads(row["certificates"]) == seeded["certificates"]
        assert cell(row["ssl_policy"]) == seeded["ssl_policy"]
    assert {x["redirects_to_https"] for x in sandbox.truth.elbv2_listeners} == {True, False}
    assert {b["type"] for b in truth} == {"application", "network"}


def test_target_groups_match_boto3_and_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    groups = inventory[TARGET_GROUPS]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            elbv2 = sandbox.client(session, "elbv2", region)
            listed = elbv2.describe_target_groups()["TargetGroups"]
            where = (groups["account_id"] == account_id) & (groups["region"] == region)
            rows = groups[where].set_index("arn")
            assert sorted(rows.index) == sorted(g["TargetGroupArn"] for g in listed)
            for group in listed:
                row = rows.loc[group["TargetGroupArn"]]
                assert (row["name"], row["protocol"], row["port"], row["vpc_id"]) == (
                    group["TargetGroupName"],
                    group["Protocol"],
                    group["Port"],
                    group["VpcId"],
                )
                assert row["target_type"] == group["TargetType"]
                assert row["health_check_protocol"] == group["HealthCheckProtocol"]
                assert cell(row["health_check_path"]) == group.get("HealthCheckPath")
                assert cell(row["protocol_version"]) == group.get("ProtocolVersion")
                assert json.loads(row["load_balancer_arns"]) == sorted(group["LoadBalancerArns"])
    rows = groups.set_index("arn")
    truth = sandbox.truth.elbv2_target_groups
    assert sorted(rows.index) == sorted(g["arn"] for g in truth)
    for seeded in truth:
        row = rows.loc[seeded["arn"]]
        assert (row["account_id"], row["region"], row["name"]) == (
            seeded["account_id"],
            seeded["region"],
            seeded["name"],
        )
        assert (row["protocol"], row["health_check_protocol"]) == (
            seeded["protocol"],
            seeded["health_check_protocol"],
        )
    assert {g["protocol"] for g in truth} >= {"HTTP", "TLS"}


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    balancers = len(inventory[BALANCERS])
    assert calls["elbv2.DescribeLoadBalancers"] == units  # read once, shared by both tables
    assert calls["elbv2.DescribeLoadBalancerAttributes"] == balancers
    assert calls["elbv2.DescribeListeners"] == balancers
    assert calls["elbv2.DescribeTargetGroups"] == units


def test_listing_columns_skip_the_attributes(sandbox: Sandbox) -> None:
    inv = toolkit.collect_sync(
        sandbox.scope(), tables=[BALANCERS], columns={BALANCERS: ["name"]}, progress=False
    )
    assert "elbv2.DescribeLoadBalancerAttributes" not in inv.meta["api_calls"]
    assert len(inv[BALANCERS]) == len(sandbox.truth.elbv2_load_balancers)


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_resources(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
