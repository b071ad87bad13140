"""The Classic ELB tables hold exactly what plain boto3 sees in the sandbox, and what was
seeded; the Classic ELB checks FAIL exactly the planted load balancers."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

BALANCERS = "elb.load_balancers"
LISTENERS = "elb.listeners"
CHECKS = (
    "elb_access_logging_disabled",
    "elb_connection_draining_disabled",
    "elb_cross_zone_load_balancing_disabled",
    "elb_desync_mitigation_mode_weak",
    "elb_listener_certificate_not_from_acm",
    "elb_listener_unencrypted",
    "elb_single_availability_zone",
    "elb_ssl_listener_weak_security_policy",
)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="elb", progress=False)


@pytest.mark.parametrize(("table", "key"), [(BALANCERS, "arn"), (LISTENERS, "id")])
def test_each_table_alone_is_clean(sandbox: Sandbox, table: str, key: str) -> None:
    alone = toolkit.collect_sync(sandbox.scope(), tables=[table], progress=False)
    assert_one_clean_table(alone, table, [key])


def _reference_policies(elb, name: str) -> dict[str, str]:
    """Policy name -> the predefined security policy it refers to."""
    answer = elb.describe_load_balancer_policies(LoadBalancerName=name)["PolicyDescriptions"]
    return {
        p["PolicyName"]: a["AttributeValue"]
        for p in answer
        for a in p.get("PolicyAttributeDescriptions", [])
        if a["AttributeName"] == "Reference-Security-Policy"
    }


def test_tables_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    balancers, listeners = inventory[BALANCERS], inventory[LISTENERS]
    seen = 0
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            elb = sandbox.client(session, "elb", region)
            listed = elb.describe_load_balancers()["LoadBalancerDescriptions"]
            here = (balancers["account_id"] == account_id) & (balancers["region"] == region)
            rows = balancers[here].set_index("name")
            assert sorted(rows.index) == sorted(b["LoadBalancerName"] for b in listed)
            where = (listeners["account_id"] == account_id) & (listeners["region"] == region)
            listener_rows = listeners[where].set_index(["load_balancer_name", "port"])
            for balancer in listed:
                name = balancer["LoadBalancerName"]
                row = rows.loc[name]
                assert row["arn"].endswith(f":{account_id}:loadbalancer/{name}")
                assert (row["scheme"], row["dns_name"], row["vpc_id"]) == (
                    balancer["Scheme"],
                    balancer["DNSName"],
                    balancer["VPCId"],
                )
                assert row["created_time"] == pd.Timestamp(balancer["CreatedTime"])
                assert json.loads(row["availability_zones"]) == sorted(
                    balancer["AvailabilityZones"]
                )
                assert json.loads(row["subnet_ids"]) == sorted(balancer["Subnets"])
                assert json.loads(row["security_groups"]) == sorted(balancer["SecurityGroups"])
                found = elb.describe_load_balancer_attributes(LoadBalancerName=name)
                attributes = found["LoadBalancerAttributes"]
                assert row["access_logs_enabled"] == attributes["AccessLog"]["Enabled"]
                assert cell(row["access_logs_bucket"]) == attributes["AccessLog"].get(
                    "S3BucketName"
                )
                draining = attributes["ConnectionDraining"]
                assert row["connection_draining_enabled"] == draining["Enabled"]
                assert cell(row["connection_draining_timeout"]) == draining.get("Timeout")
                assert (
                    row["cross_zone_load_balancing"]
                    == attributes["CrossZoneLoadBalancing"]["Enabled"]
                )
                additional = {
                    a["Key"]: a["Value"] for a in attributes.get("AdditionalAttributes", [])
                }
                assert cell(row["desync_mitigation_mode"]) == additional.get(
                    "elb.http.desyncmitigationmode"
                )
                references = _reference_policies(elb, name)
                for described in balancer["ListenerDescriptions"]:
                    listener = described["Listener"]
                    got = listener_rows.loc[(name, listener["LoadBalancerPort"])]
                    assert got["protocol"] == listener["Protocol"]
                    assert got["instance_protocol"] == listener["InstanceProtocol"]
                    assert got["instance_port"] == listener["InstancePort"]
                    assert cell(got["certificate"]) == listener.get("SSLCertificateId")
                    assert json.loads(got["policy_names"]) == sorted(described["PolicyNames"])
                    expected = sorted(references[p] for p in described["PolicyNames"])
                    assert cell(got["ssl_policy"]) == (", ".join(expected) or None)
                    seen += 1
            assert len(listener_rows) == sum(len(b["ListenerDescriptions"]) for b in listed)
    assert seen == len(listeners) > 0


def test_seeded_load_balancers_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    balancers = inventory[BALANCERS].set_index(["account_id", "region", "name"])
    listeners = inventory[LISTENERS].set_index(["load_balancer_name", "port"])
    truth = sandbox.truth.elb_load_balancers
    assert len(balancers) == len(truth) > 0
    for seeded in truth:
        row = balancers.loc[(seeded["account_id"], seeded["region"], seeded["name"])]
        assert row["vpc_id"] == seeded["vpc_id"]
        assert json.loads(row["subnet_ids"]) == sorted(seeded["subnet_ids"])
        assert json.loads(row["security_groups"]) == seeded["security_group_ids"]
        # AWS names the zones of the subnets it was made in (moto does not; the sandbox does).
        assert len(json.loads(row["availability_zones"])) == len(seeded["subnet_ids"])
        assert cell(row["access_logs_bucket"]) == seeded["access_logs_bucket"]
        assert bool(row["connection_draining_enabled"]) == bool(seeded["connection_draining"])
        assert bool(row["cross_zone_load_balancing"]) == seeded["cross_zone"]
        assert row["desync_mitigation_mode"] == seeded["desync_mitigation"]
        for protocol, port, certificate, ssl_policy in seeded["listeners"]:
            got = listeners.loc[(seeded["name"], port)]
            assert (got["protocol"], cell(got["certificate"]), cell(got["ssl_policy"])) == (
                protocol,
                certificate,
                ssl_policy,
            )


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    balancers = len(inventory[BALANCERS])
    assert calls["elb.DescribeLoadBalancers"] == units  # read once, shared by both tables
    assert calls["elb.DescribeLoadBalancerAttributes"] == balancers
    assert calls["elb.DescribeLoadBalancerPolicies"] == balancers  # once a load balancer


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_load_balancers(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
