"""``ec2.launch_templates``: every EC2 launch template, with what its default version launches.

The list step (DescribeLaunchTemplates) names each template and its version numbers; a
per-template hydrate (DescribeLaunchTemplateVersions for ``$Default``) reads the default
version's data: the metadata options (IMDSv2), whether a network interface gets a public IP,
whether it carries user data, the encryption of its EBS volumes. The default version is the one
an Auto Scaling group or a launch without a version uses, and the one AWS's controls judge.
"""

from __future__ import annotations

from typing import Any

from ...aws.errors import error_code
from ..base import Column, Hydrate, ListStep, TableContext, declare
from ._shared import SERVICE, TAGS_DOC, json_list, resource_arn, tags_json

#: DescribeLaunchTemplates takes at most 200 a page.
TEMPLATE_PAGE = {"PaginationConfig": {"PageSize": 200}}
#: A template deleted between the list and its version is gone: no row.
GONE = ("InvalidLaunchTemplateId.NotFound", "InvalidLaunchTemplateName.NotFoundException")


async def list_templates(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(
        client, "describe_launch_templates", "LaunchTemplates", **TEMPLATE_PAGE
    )
    return [
        {
            "launch_template_id": t["LaunchTemplateId"],
            "arn": resource_arn(ctx, "launch-template", t["LaunchTemplateId"]),
            "launch_template_name": t.get("LaunchTemplateName"),
            "default_version_number": t.get("DefaultVersionNumber"),
            "latest_version_number": t.get("LatestVersionNumber"),
            "create_time": t.get("CreateTime"),
            "created_by": t.get("CreatedBy"),
            "tags": tags_json(t),
        }
        for t in found
    ]


def default_version_columns(data: dict[str, Any]) -> dict[str, Any]:
    """The columns a version's LaunchTemplateData answers."""
    metadata = data.get("MetadataOptions") or {}
    interfaces = data.get("NetworkInterfaces") or []
    volumes = [m["Ebs"] for m in data.get("BlockDeviceMappings") or [] if m.get("Ebs")]
    return {
        "image_id": data.get("ImageId"),
        "instance_type": data.get("InstanceType"),
        "metadata_http_tokens": metadata.get("HttpTokens"),
        "metadata_http_endpoint": metadata.get("HttpEndpoint"),
        "metadata_hop_limit": metadata.get("HttpPutResponseHopLimit"),
        "associate_public_ip_address": any(
            i.get("AssociatePublicIpAddress") is True for i in interfaces
        ),
        "network_interface_count": len(interfaces),
        "has_user_data": bool(data.get("UserData")),
        "ebs_volume_count": len(volumes),
        "unencrypted_ebs_volume_count": sum(1 for v in volumes if v.get("Encrypted") is not True),
        "security_group_ids": json_list(
            [
                *(data.get("SecurityGroupIds") or []),
                *(group for i in interfaces for group in i.get("Groups") or []),
            ]
        ),
    }


async def default_version(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    try:
        answer = await ctx.aws.call(
            client,
            "describe_launch_template_versions",
            LaunchTemplateId=item["launch_template_id"],
            Versions=["$Default"],
        )
    except Exception as exc:
        if error_code(exc) in GONE:
            return None
        raise
    versions = answer.get("LaunchTemplateVersions") or [{}]
    return default_version_columns(versions[0].get("LaunchTemplateData") or {})


def _version(name: str, dtype: str, doc: str) -> Column:
    return Column(name, dtype, doc, "default_version")


launch_templates = declare(
    "ec2.launch_templates",
    where="regional",
    key=("arn",),
    doc="Every EC2 launch template, with the metadata options, public IPs, user data and EBS "
    "encryption of its default version.",
    list=ListStep(("ec2:DescribeLaunchTemplates",), list_templates),
    hydrates=(
        Hydrate("default_version", ("ec2:DescribeLaunchTemplateVersions",), default_version),
    ),
    columns=(
        Column("launch_template_id", "string", "The template's id (lt-...)."),
        Column("arn", "string", "arn:aws:ec2:REGION:ACCOUNT:launch-template/LAUNCH_TEMPLATE_ID."),
        Column("launch_template_name", "string", "Its name."),
        Column("default_version_number", "Int64", "The version launches use unless told."),
        Column("latest_version_number", "Int64", "The newest version."),
        Column("create_time", "datetime64[ns, UTC]", "When it was created."),
        Column("created_by", "string", "The principal that created it."),
        Column("tags", "string", TAGS_DOC),
        _version("image_id", "string", "The AMI of the default version; null when unset."),
        _version("instance_type", "string", "The default version's instance type; null unset."),
        _version(
            "metadata_http_tokens",
            "string",
            "The default version's MetadataOptions.HttpTokens: required (IMDSv2 only), optional "
            "(IMDSv1 allowed); null when unset (the AMI's or account's default applies).",
        ),
        _version(
            "metadata_http_endpoint",
            "string",
            "MetadataOptions.HttpEndpoint: enabled or disabled; null when unset (enabled).",
        ),
        _version(
            "metadata_hop_limit", "Int64", "MetadataOptions.HttpPutResponseHopLimit; null unset."
        ),
        _version(
            "associate_public_ip_address",
            "boolean",
            "Whether a network interface of the default version has AssociatePublicIpAddress "
            "true (the instance gets a public IPv4 address whatever its subnet says).",
        ),
        _version("network_interface_count", "Int64", "How many network interfaces it specifies."),
        _version("has_user_data", "boolean", "Whether the default version carries user data."),
        _version("ebs_volume_count", "Int64", "How many EBS volumes its block devices map."),
        _version(
            "unencrypted_ebs_volume_count",
            "Int64",
            "How many of those do not set Encrypted true (they follow the account's EBS "
            "encryption by default).",
        ),
        _version(
            "security_group_ids",
            "string",
            "JSON sorted list of the security groups it names (its own and its interfaces').",
        ),
    ),
)
