"""``ec2.volumes``: one DescribeVolumes answers every column."""

from __future__ import annotations

from typing import Any

from ..base import TableContext, bool_or_none, table
from ._shared import PAGE, TAGS_DOC, describe, resource_arn, tags_json


@table(
    "ec2.volumes",
    where="regional",
    key=("volume_id",),
    calls=("ec2:DescribeVolumes",),
    columns=(
        ("volume_id", "string", "The volume's id (vol-...)."),
        ("arn", "string", "arn:aws:ec2:REGION:ACCOUNT:volume/ID."),
        ("size_gib", "Int64", "The size in GiB."),
        ("volume_type", "string", "gp2, gp3, io1, io2, st1, sc1 or standard."),
        ("encrypted", "boolean", "Whether the volume is encrypted."),
        ("kms_key_id", "string", "The KMS key that encrypts the volume; null if unencrypted."),
        ("state", "string", "creating, available, in-use, deleting, deleted or error."),
        ("attached_instance_id", "string", "The instance it is attached to (the first, if many)."),
        ("availability_zone", "string", "The volume's availability zone."),
        ("create_time", "datetime64[ns, UTC]", "When the volume was created."),
        ("tags", "string", TAGS_DOC),
    ),
)
async def volumes(ctx: TableContext) -> list[dict[str, Any]]:
    """Every EBS volume, with its size, encryption and the instance it is attached to."""
    found = await describe(ctx, "describe_volumes", "Volumes", **PAGE)
    return [
        {
            "volume_id": volume["VolumeId"],
            "arn": resource_arn(ctx, "volume", volume["VolumeId"]),
            "size_gib": volume.get("Size"),
            "volume_type": volume.get("VolumeType"),
            "encrypted": bool_or_none(volume.get("Encrypted")),
            "kms_key_id": volume.get("KmsKeyId"),
            "state": volume.get("State"),
            "attached_instance_id": next(
                (a.get("InstanceId") for a in volume.get("Attachments") or []), None
            ),
            "availability_zone": volume.get("AvailabilityZone"),
            "create_time": volume.get("CreateTime"),
            "tags": tags_json(volume),
        }
        for volume in found
    ]
