"""The Auto Scaling checks (FSBP AutoScaling.1, .2, .3, .5 and .9) on small inventories built by
hand: exactly which groups FAIL and PASS, and why."""

from __future__ import annotations

import re

import pytest

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.collectors.autoscaling.groups import group_row
from toolkit.collectors.autoscaling.launch_configurations import configuration_row
from toolkit.inventory import Inventory

A, EAST = "111111111111", "us-east-1"
TARGETS = f"arn:aws:elasticloadbalancing:{EAST}:{A}:targetgroup/web-targets/0123456789abcdef"
CONTROLS = {
    "autoscaling_launch_config_imdsv1": "AutoScaling.3",
    "autoscaling_launch_config_public_ip": "Autoscaling.5",
    "autoscaling_group_elb_health_check_disabled": "AutoScaling.1",
    "autoscaling_group_single_az": "AutoScaling.2",
    "autoscaling_group_launch_configuration": "AutoScaling.9",
    "autoscaling_group_single_instance_type": "AutoScaling.6",
}


def described(name: str, zones: list[str], **fields) -> dict:
    """A group as DescribeAutoScalingGroups gives it."""
    return {
        "AutoScalingGroupName": name,
        "AutoScalingGroupARN": f"arn:aws:autoscaling:{EAST}:{A}:autoScalingGroup:u:autoScalingGroupName/{name}",
        "AvailabilityZones": zones,
        "HealthCheckType": "EC2",
        **fields,
    }


def inventory() -> Inventory:
    groups = [
        described(
            "web",
            ["us-east-1a", "us-east-1b"],
            LaunchTemplate={
                "LaunchTemplateId": "lt-1",
                "LaunchTemplateName": "web",
                "Version": "$Latest",
            },
            TargetGroupARNs=[TARGETS],
            HealthCheckType="ELB",
        ),
        described(
            "mixed",
            ["us-east-1a", "us-east-1b", "us-east-1c"],
            MixedInstancesPolicy={
                "LaunchTemplate": {
                    "LaunchTemplateSpecification": {"LaunchTemplateId": "lt-2", "Version": "4"},
                    "Overrides": [{"InstanceType": "m5.large"}, {"InstanceType": "c5.large"}],
                }
            },
            LoadBalancerNames=["classic-web"],
        ),
        described("batch", ["us-east-1a"], LaunchConfigurationName="batch-lc"),
    ]
    rows = [{"account_id": A, "region": EAST, **group_row(g)} for g in groups]
    return Inventory({"autoscaling.groups": TABLES["autoscaling.groups"].frame(rows)})


def outcome(check: str) -> tuple[dict[str, str], dict[str, str]]:
    found = toolkit.run_checks(inventory(), checks=check)
    ids = found["resource_id"].astype(str)
    return (
        dict(zip(ids, found["status"].astype(str), strict=True)),
        dict(zip(ids, found["detail"], strict=True)),
    )


@pytest.mark.parametrize("check_id", sorted(CONTROLS))
def test_metadata_and_mapping(check_id: str) -> None:
    load_builtin()
    entry = CHECKS[check_id]
    assert entry.frameworks == {"AWS-FSBP": (CONTROLS[check_id],)}
    assert entry.remediation_cli.startswith("aws autoscaling ")
    fields = set(re.findall(r"\{([a-z_]+)\}", entry.remediation_cli))
    assert fields and fields <= {"resource_id", "account_id", "region"}


def test_group_rows_say_how_each_group_launches() -> None:
    frame = inventory()["autoscaling.groups"].set_index("auto_scaling_group_name")
    assert dict(frame["launch_source"]) == {
        "web": "launch_template",
        "mixed": "mixed_instances_policy",
        "batch": "launch_configuration",
    }
    assert frame.loc["mixed", "launch_template_id"] == "lt-2"
    assert frame.loc["mixed", "instance_types"] == '["c5.large", "m5.large"]'
    assert frame.loc["web", "instance_types"] == "[]"
    assert frame.loc["batch", "availability_zone_count"] == 1


def test_single_az_fails_below_two_zones() -> None:
    status, detail = outcome("autoscaling_group_single_az")
    assert status == {"web": "PASS", "mixed": "PASS", "batch": "FAIL"}
    assert detail["batch"] == '1 Availability Zone(s) ["us-east-1a"], fewer than 2'
    assert detail["web"] == '2 Availability Zone(s) ["us-east-1a", "us-east-1b"]'


def test_launch_configuration_fails_and_mixed_instances_policy_passes() -> None:
    status, detail = outcome("autoscaling_group_launch_configuration")
    assert status == {"web": "PASS", "mixed": "PASS", "batch": "FAIL"}
    assert detail["batch"] == "launch configuration batch-lc, no launch template"
    assert detail["web"] == "launch template web version $Latest"
    assert detail["mixed"] == "launch template lt-2 version 4"


def test_only_a_mixed_instances_policy_with_two_types_passes() -> None:
    status, detail = outcome("autoscaling_group_single_instance_type")
    assert status == {"web": "FAIL", "mixed": "PASS", "batch": "FAIL"}
    assert detail["mixed"] == "instance types c5.large, m5.large"
    assert detail["web"] == "one instance type"


def test_elb_health_check_judges_only_groups_behind_a_load_balancer() -> None:
    status, detail = outcome("autoscaling_group_elb_health_check_disabled")
    # batch registers with no load balancer: not evaluated
    assert status == {"web": "PASS", "mixed": "FAIL"}
    assert detail["mixed"] == "behind classic-web, health checks EC2"
    assert detail["web"] == "behind targetgroup/web-targets/0123456789abcdef, health checks ELB"


def configurations() -> Inventory:
    described = [
        {
            "LaunchConfigurationName": "old",
            "LaunchConfigurationARN": "arn:old",
            "AssociatePublicIpAddress": True,
        },
        {
            "LaunchConfigurationName": "loose",
            "LaunchConfigurationARN": "arn:loose",
            "AssociatePublicIpAddress": False,
            "MetadataOptions": {"HttpTokens": "optional"},
        },
        {
            "LaunchConfigurationName": "tight",
            "LaunchConfigurationARN": "arn:tight",
            "MetadataOptions": {"HttpTokens": "required", "HttpEndpoint": "enabled"},
        },
    ]
    rows = [{"account_id": A, "region": EAST, **configuration_row(c)} for c in described]
    table = TABLES["autoscaling.launch_configurations"].frame(rows)
    return Inventory({"autoscaling.launch_configurations": table})


def configuration_outcome(check: str) -> tuple[dict[str, str], dict[str, str]]:
    found = toolkit.run_checks(configurations(), checks=check)
    ids = found["resource_id"].astype(str)
    return (
        dict(zip(ids, found["status"].astype(str), strict=True)),
        dict(zip(ids, found["detail"], strict=True)),
    )


def test_launch_configuration_imdsv1_fails_unless_tokens_are_required() -> None:
    status, detail = configuration_outcome("autoscaling_launch_config_imdsv1")
    assert status == {"old": "FAIL", "loose": "FAIL", "tight": "PASS"}
    assert detail["old"] == "HttpTokens not set, IMDSv1 answered"
    assert detail["loose"] == "HttpTokens optional, IMDSv1 answered"
    assert detail["tight"] == "HttpTokens required"


def test_launch_configuration_public_ip_fails_only_when_it_asks_for_one() -> None:
    status, detail = configuration_outcome("autoscaling_launch_config_public_ip")
    # tight says nothing: the subnet decides, which the control does not count against it
    assert status == {"old": "FAIL", "loose": "PASS", "tight": "PASS"}
    assert (
        detail["old"] == "AssociatePublicIpAddress true: every instance gets a public IPv4 address"
    )
    assert detail["loose"] == "AssociatePublicIpAddress false"
    assert detail["tight"] == "AssociatePublicIpAddress not set"
