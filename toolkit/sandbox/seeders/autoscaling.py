"""Amazon EC2 Auto Scaling: groups launched from a launch template of the account (by name,
seeded by ``ec2_compute``) or from a launch configuration made for the group (the older way),
in one or more Availability Zones of the region, registering with target groups of the
account's load balancers (seeded by ``elbv2``) or none. Groups are made empty (size 0): what the
estate judges is how they are configured, not instances.

A per-account step after ``ec2_compute`` (the templates must exist).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

AUTO_SCALING_GROUP = {
    "name": str,
    "region": str,
    #: A launch template of the account, by name (its default version).
    "launch_template": str,
    #: With a launch template: the instance types of a mixed instances policy over it.
    "instance_types": [str],
    #: Else a launch configuration of the account (seeded just before), by name.
    "launch_configuration": str,
    #: Zone letters of the region: [a, b] is REGIONa and REGIONb.
    "zones": [str],
    "health_check_type": str,
    #: Target groups of the account's load balancers, by name, the group registers with.
    "target_groups": [str],
    "planted": PLANTED,
}
LAUNCH_CONFIGURATION = {
    "name": str,
    "region": str,
    "instance_type": str,
    #: MetadataOptions.HttpTokens required; without, no metadata options are set at all.
    "imds_v2": bool,
    #: AssociatePublicIpAddress true (else false).
    "public_ip": bool,
    "user_data": str,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {
    "autoscaling_launch_configurations": [LAUNCH_CONFIGURATION],
    "autoscaling_groups": [AUTO_SCALING_GROUP],
}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"autoscaling_launch_configurations": "name", "autoscaling_groups": "name"}
#: An image id for launch configurations where no instance was launched (never launched here).
FALLBACK_IMAGE = "ami-0123456789abcdef0"


@dataclass
class AutoScalingTruth:
    #: one per launch configuration: name, ARN, IMDSv2 required, public IP
    autoscaling_launch_configurations: list[dict[str, Any]] = field(default_factory=list)
    #: one per group: name, ARN, launch template id or launch configuration name, zones
    autoscaling_groups: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's launch configurations, then its Auto Scaling groups."""
    for config in spec.get("autoscaling_launch_configurations", []):
        _launch_configuration(seeder, session, account_id, config)
    for group in spec.get("autoscaling_groups", []):
        region = group.get("region", seeder.regions[0])
        autoscaling = seeder.client(session, "autoscaling", region)
        zones = [f"{region}{zone}" for zone in group.get("zones", ["a"])]
        launch: dict[str, Any]
        template_id = None
        if group.get("launch_template"):
            template_id = _template_id(seeder, account_id, region, group["launch_template"])
            launch = {"LaunchTemplate": {"LaunchTemplateId": template_id, "Version": "$Default"}}
            if group.get("instance_types"):
                launch = {"MixedInstancesPolicy": _mixed(template_id, group["instance_types"])}
        else:
            launch = {"LaunchConfigurationName": group["launch_configuration"]}
        target_groups = _target_group_arns(seeder, session, region, group.get("target_groups"))
        if target_groups:
            launch["TargetGroupARNs"] = target_groups
        autoscaling.create_auto_scaling_group(
            AutoScalingGroupName=group["name"],
            MinSize=0,
            MaxSize=2,
            DesiredCapacity=0,
            AvailabilityZones=zones,
            HealthCheckType=group.get("health_check_type", "EC2"),
            **launch,
        )
        arn = autoscaling.describe_auto_scaling_groups(AutoScalingGroupNames=[group["name"]])[
            "AutoScalingGroups"
        ][0]["AutoScalingGroupARN"]
        seeder.truth.autoscaling_groups.append(
            {
                "account_id": account_id,
                "region": region,
                "name": group["name"],
                "arn": arn,
                "launch_template_id": template_id,
                "launch_configuration_name": group.get("launch_configuration"),
                "availability_zones": sorted(zones),
                "health_check_type": group.get("health_check_type", "EC2"),
                "target_group_arns": sorted(target_groups),
                "instance_types": sorted(group.get("instance_types", [])),
            }
        )
        seeder.plant(group.get("planted"), account_id, region, group["name"], "autoscaling_group")


def _mixed(template_id: str, instance_types: list[str]) -> dict[str, Any]:
    """A mixed instances policy: the launch template's default version, overridden with each
    of the instance types."""
    return {
        "LaunchTemplate": {
            "LaunchTemplateSpecification": {"LaunchTemplateId": template_id, "Version": "$Default"},
            "Overrides": [{"InstanceType": t} for t in instance_types],
        }
    }


def _template_id(seeder: Seeder, account_id: str, region: str, name: str) -> str:
    for template in seeder.truth.launch_templates:
        if (template["account_id"], template["region"], template["name"]) == (
            account_id,
            region,
            name,
        ):
            return str(template["launch_template_id"])
    raise ValueError(f"no launch template {name!r} seeded in {account_id} {region}")


def _target_group_arns(
    seeder: Seeder, session: Any, region: str, names: list[str] | None
) -> list[str]:
    if not names:
        return []
    elbv2 = seeder.client(session, "elbv2", region)
    found = elbv2.describe_target_groups(Names=list(names))["TargetGroups"]
    return [group["TargetGroupArn"] for group in found]


def _launch_configuration(
    seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]
) -> None:
    region = spec.get("region", seeder.regions[0])
    autoscaling = seeder.client(session, "autoscaling", region)
    options: dict[str, Any] = {}
    if spec.get("imds_v2"):
        options["MetadataOptions"] = {
            "HttpTokens": "required",
            "HttpEndpoint": "enabled",
            "HttpPutResponseHopLimit": 1,
        }
    if spec.get("user_data"):
        options["UserData"] = spec["user_data"]
    autoscaling.create_launch_configuration(
        LaunchConfigurationName=spec["name"],
        ImageId=seeder.memo("ec2.images").get(region, FALLBACK_IMAGE),
        InstanceType=spec.get("instance_type", "t3.micro"),
        AssociatePublicIpAddress=bool(spec.get("public_ip")),
        **options,
    )
    arn = autoscaling.describe_launch_configurations(LaunchConfigurationNames=[spec["name"]])[
        "LaunchConfigurations"
    ][0]["LaunchConfigurationARN"]
    seeder.truth.autoscaling_launch_configurations.append(
        {
            "account_id": account_id,
            "region": region,
            "name": spec["name"],
            "arn": arn,
            "imds_v2": bool(spec.get("imds_v2")),
            "public_ip": bool(spec.get("public_ip")),
            "user_data": bool(spec.get("user_data")),
        }
    )
    seeder.plant(spec.get("planted"), account_id, region, spec["name"], "launch_configuration")
