"""``neptune.cluster_snapshots``: every manual and automated Neptune DB cluster snapshot, and who
may restore it.

The list step asks DescribeDBClusterSnapshots with no snapshot type (manual and automated).
Who may restore a manual snapshot comes from a per-snapshot hydrate, its ``restore`` attribute
(``all`` makes it public, account ids share it), called only when ``public`` or
``shared_with_accounts`` is asked for; an automated snapshot cannot be shared: False and ``[]``
without a call.
"""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, bool_or_none, declare
from ._shared import SERVICE, describe

#: A snapshot deleted between the listing and its attribute call is gone: no row.
SNAPSHOT_GONE = ("DBClusterSnapshotNotFoundFault", "DBClusterSnapshotNotFound")
#: The only snapshot type an account can share.
SHAREABLE = "manual"


async def list_snapshots(ctx: TableContext) -> list[dict[str, Any]]:
    found = await describe(ctx, "describe_db_cluster_snapshots", "DBClusterSnapshots")
    return [
        {
            "snapshot_identifier": snapshot["DBClusterSnapshotIdentifier"],
            "arn": snapshot.get("DBClusterSnapshotArn"),
            "db_cluster_identifier": snapshot.get("DBClusterIdentifier"),
            "snapshot_type": snapshot.get("SnapshotType"),
            "encrypted": bool_or_none(snapshot.get("StorageEncrypted")),
            "create_time": snapshot.get("SnapshotCreateTime"),
        }
        for snapshot in found
    ]


async def restore(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    """Who may restore the snapshot, from its ``restore`` attribute; None if it is gone."""
    if item.get("snapshot_type") != SHAREABLE:
        return {"public": False, "shared_with_accounts": "[]"}
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client,
        "describe_db_cluster_snapshot_attributes",
        None,
        SNAPSHOT_GONE,
        DBClusterSnapshotIdentifier=item["snapshot_identifier"],
    )
    if answer is None:
        return None
    result = answer.get("DBClusterSnapshotAttributesResult") or {}
    values: list[str] = []
    for attribute in result.get("DBClusterSnapshotAttributes") or []:
        if attribute.get("AttributeName") == "restore":
            values = list(attribute.get("AttributeValues") or [])
    return {
        "public": "all" in values,
        "shared_with_accounts": json.dumps(sorted({v for v in values if v != "all"})),
    }


cluster_snapshots = declare(
    "neptune.cluster_snapshots",
    where="regional",
    key=("arn",),
    doc="Every manual and automated Neptune DB cluster snapshot, with whether it is public or "
    "shared.",
    list=ListStep(("rds:DescribeDBClusterSnapshots",), list_snapshots),
    hydrates=(Hydrate("restore", ("rds:DescribeDBClusterSnapshotAttributes",), restore),),
    columns=(
        Column("snapshot_identifier", "string", "The snapshot's name."),
        Column("arn", "string", "arn:aws:rds:REGION:ACCOUNT:cluster-snapshot:NAME."),
        Column("db_cluster_identifier", "string", "The Neptune DB cluster it was taken of."),
        Column(
            "snapshot_type",
            "string",
            "manual, or automated (Neptune's own backups, named rds:...); only manual snapshots "
            "can be shared.",
        ),
        Column("encrypted", "boolean", "Whether the snapshot is encrypted."),
        Column("create_time", "datetime64[ns, UTC]", "When the snapshot was taken."),
        Column(
            "public",
            "boolean",
            "Whether any AWS account may restore it: its restore attribute includes all (False "
            "for an automated snapshot).",
            "restore",
        ),
        Column(
            "shared_with_accounts",
            "string",
            "JSON list of the other account ids its restore attribute names, sorted.",
            "restore",
        ),
    ),
)
