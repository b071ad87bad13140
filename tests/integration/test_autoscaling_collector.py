"""The Auto Scaling tables (groups, launch configurations) hold exactly what plain boto3 sees
in the sandbox and what was seeded, and their checks fail exactly the planted resources."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "autoscaling.groups"
CONFIGURATIONS = "autoscaling.launch_configurations"
CHECKS = (
    "autoscaling_group_elb_health_check_disabled",
    "autoscaling_group_single_az",
    "autoscaling_group_launch_configuration",
    "autoscaling_group_single_instance_type",
    "autoscaling_launch_config_imdsv1",
    "autoscaling_launch_config_public_ip",
)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="autoscaling", progress=False)


@pytest.mark.parametrize("table", [TABLE, CONFIGURATIONS])
def test_no_errors_and_one_clean_table_each(inventory: Inventory, table: str) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    assert set(inventory.tables) == {TABLE, CONFIGURATIONS}
    assert_one_clean_table(Inventory({table: inventory[table]}), table, ["arn"])


def test_groups_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            client = sandbox.client(session, "autoscaling", region)
            listed = client.describe_auto_scaling_groups()["AutoScalingGroups"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["arn"]) == sorted(g["AutoScalingGroupARN"] for g in listed)
            rows = here.set_index("arn")
            for group in listed:
                row = rows.loc[group["AutoScalingGroupARN"]]
                mixed = (group.get("MixedInstancesPolicy") or {}).get("LaunchTemplate") or {}
                template = group.get("LaunchTemplate") or (
                    mixed.get("LaunchTemplateSpecification") or {}
                )
                overrides = mixed.get("Overrides") or []
                assert json.loads(row["instance_types"]) == sorted(
                    o["InstanceType"] for o in overrides
                )
                assert row["auto_scaling_group_name"] == group["AutoScalingGroupName"]
                assert cell(row["launch_template_id"]) == template.get("LaunchTemplateId")
                assert cell(row["launch_template_version"]) == template.get("Version")
                assert cell(row["launch_configuration_name"]) == group.get(
                    "LaunchConfigurationName"
                )
                assert json.loads(row["availability_zones"]) == sorted(group["AvailabilityZones"])
                assert row["availability_zone_count"] == len(group["AvailabilityZones"])
                assert row["health_check_type"] == group["HealthCheckType"]
                assert json.loads(row["target_group_arns"]) == sorted(group["TargetGroupARNs"])
                assert (row["min_size"], row["max_size"], row["desired_capacity"]) == (
                    group["MinSize"],
                    group["MaxSize"],
                    group["DesiredCapacity"],
                )
                assert row["created_time"] == pd.Timestamp(group["CreatedTime"]).tz_convert("UTC")


def test_launch_configurations_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[CONFIGURATIONS]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            client = sandbox.client(session, "autoscaling", region)
            listed = client.describe_launch_configurations()["LaunchConfigurations"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["arn"]) == sorted(c["LaunchConfigurationARN"] for c in listed)
            rows = here.set_index("arn")
            for config in listed:
                row = rows.loc[config["LaunchConfigurationARN"]]
                metadata = config.get("MetadataOptions") or {}
                assert row["launch_configuration_name"] == config["LaunchConfigurationName"]
                assert (row["image_id"], row["instance_type"]) == (
                    config["ImageId"],
                    config["InstanceType"],
                )
                assert cell(row["associate_public_ip_address"]) == config.get(
                    "AssociatePublicIpAddress"
                )
                assert cell(row["metadata_http_tokens"]) == metadata.get("HttpTokens")
                assert bool(row["has_user_data"]) == bool(config.get("UserData"))


def test_seeded_launch_configurations_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[CONFIGURATIONS].set_index("arn")
    seeded = sandbox.truth.autoscaling_launch_configurations
    assert sorted(table.index) == sorted(c["arn"] for c in seeded)
    for config in seeded:
        row = table.loc[config["arn"]]
        assert (row["account_id"], row["region"], row["launch_configuration_name"]) == (
            config["account_id"],
            config["region"],
            config["name"],
        )
        assert (cell(row["metadata_http_tokens"]) == "required") is config["imds_v2"]
        assert bool(row["associate_public_ip_address"]) == config["public_ip"]
        assert bool(row["has_user_data"]) == config["user_data"]


def test_seeded_groups_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    seeded = sandbox.truth.autoscaling_groups
    assert sorted(table.index) == sorted(g["arn"] for g in seeded)
    for group in seeded:
        row = table.loc[group["arn"]]
        assert (row["account_id"], row["region"], row["auto_scaling_group_name"]) == (
            group["account_id"],
            group["region"],
            group["name"],
        )
        assert cell(row["launch_template_id"]) == group["launch_template_id"]
        assert cell(row["launch_configuration_name"]) == group["launch_configuration_name"]
        assert json.loads(row["availability_zones"]) == group["availability_zones"]
        assert row["health_check_type"] == group["health_check_type"]
        assert json.loads(row["target_group_arns"]) == group["target_group_arns"]
        assert json.loads(row["instance_types"]) == group["instance_types"]
    assert {g["launch_template_id"] is None for g in seeded} == {True, False}


def test_calls_do_not_grow_per_group(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = {k: v for k, v in inventory.meta["api_calls"].items() if k.startswith("autoscaling.")}
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls == {
        "autoscaling.DescribeAutoScalingGroups": units,
        "autoscaling.DescribeLaunchConfigurations": units,
    }


@pytest.mark.parametrize("check", CHECKS)
def test_the_check_fails_exactly_the_planted_groups(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
