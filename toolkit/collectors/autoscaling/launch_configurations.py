"""``autoscaling.launch_configurations``: every launch configuration (the older way for an
Auto Scaling group to say how it launches instances), from one paged
DescribeLaunchConfigurations: image, instance type, public IP, metadata options, user data."""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, ListStep, TableContext, declare
from .groups import PAGE, SERVICE


def configuration_row(config: dict[str, Any]) -> dict[str, Any]:
    """One launch configuration's columns from its DescribeLaunchConfigurations entry."""
    metadata = config.get("MetadataOptions") or {}
    volumes = [m["Ebs"] for m in config.get("BlockDeviceMappings") or [] if m.get("Ebs")]
    return {
        "launch_configuration_name": config["LaunchConfigurationName"],
        "arn": config.get("LaunchConfigurationARN"),
        "image_id": config.get("ImageId"),
        "instance_type": config.get("InstanceType"),
        "associate_public_ip_address": config.get("AssociatePublicIpAddress"),
        "metadata_http_tokens": metadata.get("HttpTokens"),
        "metadata_http_endpoint": metadata.get("HttpEndpoint"),
        "metadata_hop_limit": metadata.get("HttpPutResponseHopLimit"),
        "has_user_data": bool(config.get("UserData")),
        "security_groups": json.dumps(sorted(set(config.get("SecurityGroups") or []))),
        "unencrypted_ebs_volume_count": sum(1 for v in volumes if v.get("Encrypted") is not True),
        "created_time": config.get("CreatedTime"),
    }


async def list_configurations(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(
        client, "describe_launch_configurations", "LaunchConfigurations", **PAGE
    )
    return [configuration_row(config) for config in found]


launch_configurations = declare(
    "autoscaling.launch_configurations",
    where="regional",
    key=("arn",),
    doc="Every launch configuration: what instances of the Auto Scaling groups that use it get.",
    list=ListStep(("autoscaling:DescribeLaunchConfigurations",), list_configurations),
    columns=(
        Column("launch_configuration_name", "string", "Its name."),
        Column(
            "arn",
            "string",
            "arn:aws:autoscaling:REGION:ACCOUNT:launchConfiguration:UUID:launchConfigurationName/"
            "NAME.",
        ),
        Column("image_id", "string", "The AMI instances launch from."),
        Column("instance_type", "string", "The instance type."),
        Column(
            "associate_public_ip_address",
            "boolean",
            "Whether instances get a public IPv4 address; null when it says nothing (the "
            "subnet's setting applies).",
        ),
        Column(
            "metadata_http_tokens",
            "string",
            "MetadataOptions.HttpTokens: required (IMDSv2 only) or optional; null when unset "
            "(IMDSv1 answered unless the AMI says otherwise).",
        ),
        Column(
            "metadata_http_endpoint",
            "string",
            "MetadataOptions.HttpEndpoint: enabled or disabled; null when unset (enabled).",
        ),
        Column("metadata_hop_limit", "Int64", "MetadataOptions.HttpPutResponseHopLimit."),
        Column("has_user_data", "boolean", "Whether it carries user data."),
        Column("security_groups", "string", "JSON sorted list of its security groups."),
        Column(
            "unencrypted_ebs_volume_count",
            "Int64",
            "How many EBS volumes of its block device mappings do not set Encrypted true.",
        ),
        Column("created_time", "datetime64[ns, UTC]", "When it was created."),
    ),
)
