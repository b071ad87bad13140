"""``ec2.instances``: one DescribeInstances answers every column."""

from __future__ import annotations

from typing import Any

from ..base import TableContext, table
from ._shared import PAGE, TAGS_DOC, describe, json_list, name_tag, resource_arn, tags_json


@table(
    "ec2.instances",
    where="regional",
    key=("instance_id",),
    calls=("ec2:DescribeInstances",),
    columns=(
        ("instance_id", "string", "The instance's id (i-...)."),
        ("arn", "string", "arn:aws:ec2:REGION:ACCOUNT:instance/ID."),
        ("name", "string", "The Name tag."),
        ("state", "string", "pending, running, stopping, stopped, shutting-down, terminated."),
        ("instance_type", "string", "The instance type, e.g. t3.micro."),
        ("image_id", "string", "The AMI the instance was launched from."),
        ("vpc_id", "string", "The VPC the instance runs in."),
        ("subnet_id", "string", "The subnet the instance runs in."),
        ("private_ip", "string", "The primary private IPv4 address."),
        ("public_ip", "string", "The public IPv4 address; null if none."),
        ("iam_instance_profile_arn", "string", "The attached instance profile; null if none."),
        ("imds_http_tokens", "string", "required (IMDSv2 only) or optional (IMDSv1 allowed)."),
        ("imds_http_endpoint", "string", "enabled or disabled: whether the IMDS answers at all."),
        ("imds_v2_required", "boolean", "Whether the metadata service requires IMDSv2 tokens."),
        (
            "security_group_ids",
            "string",
            "JSON list of the security groups of the instance and its network interfaces.",
        ),
        ("launch_time", "datetime64[ns, UTC]", "When the instance was last launched."),
        ("tags", "string", TAGS_DOC),
    ),
)
async def instances(ctx: TableContext) -> list[dict[str, Any]]:
    """Every EC2 instance, with its network placement, instance profile and metadata settings."""
    reservations = await describe(ctx, "describe_instances", "Reservations", **PAGE)
    return [
        _row(ctx, instance, reservation.get("OwnerId"))
        for reservation in reservations
        for instance in reservation.get("Instances") or []
    ]


def _row(ctx: TableContext, instance: dict[str, Any], owner: str | None) -> dict[str, Any]:
    metadata = instance.get("MetadataOptions") or {}
    groups = [g["GroupId"] for g in instance.get("SecurityGroups") or []]
    for interface in instance.get("NetworkInterfaces") or []:
        groups += [g["GroupId"] for g in interface.get("Groups") or []]
    tokens = metadata.get("HttpTokens")
    return {
        "instance_id": instance["InstanceId"],
        "arn": resource_arn(ctx, "instance", instance["InstanceId"], owner),
        "name": name_tag(instance),
        "state": (instance.get("State") or {}).get("Name"),
        "instance_type": instance.get("InstanceType"),
        "image_id": instance.get("ImageId"),
        "vpc_id": instance.get("VpcId"),
        "subnet_id": instance.get("SubnetId"),
        "private_ip": instance.get("PrivateIpAddress"),
        "public_ip": instance.get("PublicIpAddress"),
        "iam_instance_profile_arn": (instance.get("IamInstanceProfile") or {}).get("Arn"),
        "imds_http_tokens": tokens,
        "imds_http_endpoint": metadata.get("HttpEndpoint"),
        "imds_v2_required": None if tokens is None else tokens == "required",
        "security_group_ids": json_list(groups),
        "launch_time": instance.get("LaunchTime"),
        "tags": tags_json(instance),
    }
