"""``ec2.images``: the AMIs the account owns (DescribeImages ``Owners=self``: not the public
images of others). One paged call answers every column: ``Public`` says whether anyone may
launch it (launchPermission group all), so no per-image DescribeImageAttribute is needed."""

from __future__ import annotations

from typing import Any

from ..base import Column, ListStep, TableContext, declare
from ._shared import PAGE, SERVICE, TAGS_DOC, json_list, partition, tags_json


async def list_images(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(client, "describe_images", "Images", Owners=["self"], **PAGE)
    rows = []
    for image in found:
        volumes = [m["Ebs"] for m in image.get("BlockDeviceMappings") or [] if m.get("Ebs")]
        rows.append(
            {
                "image_id": image["ImageId"],
                "arn": f"arn:{partition(ctx.region)}:ec2:{ctx.region}::image/{image['ImageId']}",
                "name": image.get("Name"),
                "description": image.get("Description") or None,
                "state": image.get("State"),
                "public": bool(image.get("Public")),
                "owner_id": image.get("OwnerId"),
                "creation_date": image.get("CreationDate"),
                "architecture": image.get("Architecture"),
                "root_device_type": image.get("RootDeviceType"),
                "snapshot_ids": json_list(v["SnapshotId"] for v in volumes if v.get("SnapshotId")),
                "all_volumes_encrypted": bool(volumes)
                and all(v.get("Encrypted") is True for v in volumes),
                "tags": tags_json(image),
            }
        )
    return rows


images = declare(
    "ec2.images",
    where="regional",
    key=("arn",),
    doc="Every AMI the account owns, with whether it is public and what its volumes hold.",
    list=ListStep(("ec2:DescribeImages",), list_images),
    columns=(
        Column("image_id", "string", "The image's id (ami-...)."),
        Column("arn", "string", "arn:aws:ec2:REGION::image/IMAGE_ID (AMI ARNs name no account)."),
        Column("name", "string", "Its name."),
        Column("description", "string", "Its description; null without one."),
        Column("state", "string", "pending, available, invalid, deregistered, ... ."),
        Column(
            "public",
            "boolean",
            "Whether anyone may launch it (launchPermission group all).",
        ),
        Column("owner_id", "string", "The account that owns it (the account read)."),
        Column("creation_date", "datetime64[ns, UTC]", "When it was created."),
        Column("architecture", "string", "x86_64, arm64, i386, ..."),
        Column("root_device_type", "string", "ebs or instance-store."),
        Column(
            "snapshot_ids",
            "string",
            "JSON sorted list of the EBS snapshots its block devices are made from.",
        ),
        Column(
            "all_volumes_encrypted",
            "boolean",
            "Whether every EBS volume it maps is encrypted (false without any).",
        ),
        Column("tags", "string", TAGS_DOC),
    ),
)
