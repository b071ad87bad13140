"""``ec2.snapshots``: the EBS snapshots the account owns, with whom each is shared.

The list step (DescribeSnapshots, ``OwnerIds=self``: only the account's own snapshots, not the
public ones of others) answers everything but the sharing, a per-snapshot hydrate
(DescribeSnapshotAttribute ``createVolumePermission``): group ``all`` means anyone may create
a volume from it (publicly restorable), a user id names an account it is shared with.
"""

from __future__ import annotations

from typing import Any

from ...aws.errors import error_code
from ..base import Column, Hydrate, ListStep, TableContext, declare
from ._shared import PAGE, SERVICE, TAGS_DOC, json_list, name_tag, partition, tags_json

#: A snapshot deleted between the list and its attribute is gone: no row.
GONE = ("InvalidSnapshot.NotFound",)


async def list_snapshots(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(
        client, "describe_snapshots", "Snapshots", OwnerIds=["self"], **PAGE
    )
    return [
        {
            "snapshot_id": s["SnapshotId"],
            "arn": f"arn:{partition(ctx.region)}:ec2:{ctx.region}::snapshot/{s['SnapshotId']}",
            "name": name_tag(s),
            "volume_id": s.get("VolumeId"),
            "volume_size": s.get("VolumeSize"),
            "state": s.get("State"),
            "start_time": s.get("StartTime"),
            "description": s.get("Description") or None,
            "encrypted": bool(s.get("Encrypted")),
            "kms_key_id": s.get("KmsKeyId"),
            "owner_id": s.get("OwnerId"),
            "storage_tier": s.get("StorageTier"),
            "tags": tags_json(s),
        }
        for s in found
    ]


async def permissions(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    try:
        answer = await ctx.aws.call(
            client,
            "describe_snapshot_attribute",
            SnapshotId=item["snapshot_id"],
            Attribute="createVolumePermission",
        )
    except Exception as exc:
        if error_code(exc) in GONE:
            return None
        raise
    granted = answer.get("CreateVolumePermissions") or []
    return {
        "public": any(p.get("Group") == "all" for p in granted),
        "shared_with_accounts": json_list(p["UserId"] for p in granted if p.get("UserId")),
    }


snapshots = declare(
    "ec2.snapshots",
    where="regional",
    key=("arn",),
    doc="Every EBS snapshot the account owns, with its encryption and whom it is shared with.",
    list=ListStep(("ec2:DescribeSnapshots",), list_snapshots),
    hydrates=(Hydrate("permissions", ("ec2:DescribeSnapshotAttribute",), permissions),),
    columns=(
        Column("snapshot_id", "string", "The snapshot's id (snap-...)."),
        Column(
            "arn",
            "string",
            "arn:aws:ec2:REGION::snapshot/SNAPSHOT_ID (AWS's snapshot ARNs name no account).",
        ),
        Column("name", "string", "The Name tag; null without one."),
        Column("volume_id", "string", "The volume it was taken from."),
        Column("volume_size", "Int64", "The volume's size, GiB."),
        Column("state", "string", "pending, completed, error, recoverable or recovering."),
        Column("start_time", "datetime64[ns, UTC]", "When the snapshot was started."),
        Column("description", "string", "Its description; null without one."),
        Column("encrypted", "boolean", "Whether the snapshot is encrypted."),
        Column(
            "kms_key_id",
            "string",
            "ARN of the KMS key that encrypts it; null when not encrypted.",
        ),
        Column("owner_id", "string", "The account that owns it (the account read)."),
        Column("storage_tier", "string", "standard or archive."),
        Column("tags", "string", TAGS_DOC),
        Column(
            "public",
            "boolean",
            "Whether anyone may create a volume from it (createVolumePermission group all): "
            "publicly restorable.",
            "permissions",
        ),
        Column(
            "shared_with_accounts",
            "string",
            "JSON sorted list of the account ids it is shared with (createVolumePermission "
            "user ids); [] when none.",
            "permissions",
        ),
    ),
)
