"""``autoscaling.groups``: every Auto Scaling group, from one paged DescribeAutoScalingGroups.

How a group launches instances is one of: a launch template (``LaunchTemplate``), a launch
template inside a mixed instances policy (``MixedInstancesPolicy``), or a launch configuration
(``LaunchConfigurationName``, the older way). ``launch_source`` says which.
"""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, ListStep, TableContext, declare

SERVICE = "autoscaling"
#: DescribeAutoScalingGroups takes at most 100 a page.
PAGE = {"PaginationConfig": {"PageSize": 100}}


def _sorted(values: Any) -> str:
    return json.dumps(sorted(set(values)))


def group_row(group: dict[str, Any]) -> dict[str, Any]:
    """One group's columns from its DescribeAutoScalingGroups entry."""
    template = group.get("LaunchTemplate") or {}
    mixed = group.get("MixedInstancesPolicy") or {}
    mixed_template = mixed.get("LaunchTemplate") or {}
    if not template:
        template = mixed_template.get("LaunchTemplateSpecification") or {}
    overrides = mixed_template.get("Overrides") or []
    source = (
        "launch_template"
        if group.get("LaunchTemplate")
        else "mixed_instances_policy"
        if mixed
        else "launch_configuration"
        if group.get("LaunchConfigurationName")
        else None
    )
    subnets = [s for s in (group.get("VPCZoneIdentifier") or "").split(",") if s]
    return {
        "auto_scaling_group_name": group["AutoScalingGroupName"],
        "arn": group.get("AutoScalingGroupARN"),
        "launch_source": source,
        "launch_template_id": template.get("LaunchTemplateId"),
        "launch_template_name": template.get("LaunchTemplateName"),
        "launch_template_version": template.get("Version"),
        "launch_configuration_name": group.get("LaunchConfigurationName"),
        "instance_types": _sorted(o["InstanceType"] for o in overrides if o.get("InstanceType")),
        "availability_zones": _sorted(group.get("AvailabilityZones") or []),
        "availability_zone_count": len(set(group.get("AvailabilityZones") or [])),
        "subnet_ids": _sorted(subnets),
        "load_balancer_names": _sorted(group.get("LoadBalancerNames") or []),
        "target_group_arns": _sorted(group.get("TargetGroupARNs") or []),
        "health_check_type": group.get("HealthCheckType"),
        "health_check_grace_period": group.get("HealthCheckGracePeriod"),
        "min_size": group.get("MinSize"),
        "max_size": group.get("MaxSize"),
        "desired_capacity": group.get("DesiredCapacity"),
        "instance_count": len(group.get("Instances") or []),
        "created_time": group.get("CreatedTime"),
        "service_linked_role_arn": group.get("ServiceLinkedRoleARN"),
        "tags": json.dumps(
            {t["Key"]: t.get("Value", "") for t in group.get("Tags") or []}, sort_keys=True
        ),
    }


async def list_groups(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(client, "describe_auto_scaling_groups", "AutoScalingGroups", **PAGE)
    return [group_row(group) for group in found]


groups = declare(
    "autoscaling.groups",
    where="regional",
    key=("arn",),
    doc="Every EC2 Auto Scaling group: how it launches instances, in which Availability Zones, "
    "behind which load balancers, with which health checks.",
    list=ListStep(("autoscaling:DescribeAutoScalingGroups",), list_groups),
    columns=(
        Column("auto_scaling_group_name", "string", "The group's name."),
        Column(
            "arn",
            "string",
            "arn:aws:autoscaling:REGION:ACCOUNT:autoScalingGroup:UUID:autoScalingGroupName/NAME.",
        ),
        Column(
            "launch_source",
            "string",
            "How it launches instances: launch_template, mixed_instances_policy (a launch "
            "template with overrides) or launch_configuration.",
        ),
        Column(
            "launch_template_id",
            "string",
            "The launch template (its own, or its mixed instances policy's); null with a "
            "launch configuration.",
        ),
        Column("launch_template_name", "string", "That launch template's name."),
        Column(
            "launch_template_version",
            "string",
            "The version it launches: a number, $Default or $Latest.",
        ),
        Column(
            "launch_configuration_name",
            "string",
            "The launch configuration it launches from; null with a launch template.",
        ),
        Column(
            "instance_types",
            "string",
            "JSON sorted list of the instance types its mixed instances policy overrides name; "
            "[] without such a policy (the template's one type).",
        ),
        Column("availability_zones", "string", "JSON sorted list of its Availability Zones."),
        Column("availability_zone_count", "Int64", "How many Availability Zones it spans."),
        Column(
            "subnet_ids",
            "string",
            "JSON sorted list of its subnets (VPCZoneIdentifier); [] when none is named.",
        ),
        Column(
            "load_balancer_names",
            "string",
            "JSON sorted list of the Classic Load Balancers it registers with; [] when none.",
        ),
        Column(
            "target_group_arns",
            "string",
            "JSON sorted list of the target groups it registers with; [] when none.",
        ),
        Column(
            "health_check_type",
            "string",
            "EC2, ELB, VPC_LATTICE or EBS: what decides an instance is unhealthy (EC2 status "
            "checks are always used).",
        ),
        Column("health_check_grace_period", "Int64", "Seconds before health checks start."),
        Column("min_size", "Int64", "The group's minimum size."),
        Column("max_size", "Int64", "The group's maximum size."),
        Column("desired_capacity", "Int64", "The group's desired capacity."),
        Column("instance_count", "Int64", "How many instances it has now."),
        Column("created_time", "datetime64[ns, UTC]", "When it was created."),
        Column(
            "service_linked_role_arn",
            "string",
            "The role it calls other services with.",
        ),
        Column("tags", "string", "The tags as a JSON object (key to value)."),
    ),
)
