"""``rds.db_snapshots``: every manual and automated DB and DB cluster snapshot of the account,
and who may restore it.

The list step reads both kinds with no snapshot type, which AWS answers with the account's
manual and automated snapshots (not AWS Backup's, nor other accounts' shared or public ones;
nor Neptune's or DocumentDB's, which the RDS API answers too: the neptune and docdb tables').
Who may restore one comes from a per-snapshot hydrate (the attribute call of its kind), called
only when ``public`` or ``shared_with_accounts`` is asked for, and only for manual snapshots:
AWS shares no other type (an automated snapshot is shared by copying it), so theirs are False
and ``[]`` without a call.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, bool_or_none, declare
from ._shared import SERVICE, describe, of_rds

#: A snapshot deleted between the listing and its attribute call is gone: no row.
SNAPSHOT_GONE = ("DBSnapshotNotFound", "DBSnapshotNotFoundFault", "DBClusterSnapshotNotFoundFault")
#: The only snapshot type AWS lets an account share (ModifyDBSnapshotAttribute refuses others).
SHAREABLE = "manual"
#: Per kind: the attribute call, its parameter, and where its answer holds the attributes.
ATTRIBUTES = {
    "instance": (
        "describe_db_snapshot_attributes",
        "DBSnapshotIdentifier",
        "DBSnapshotAttributesResult",
        "DBSnapshotAttributes",
    ),
    "cluster": (
        "describe_db_cluster_snapshot_attributes",
        "DBClusterSnapshotIdentifier",
        "DBClusterSnapshotAttributesResult",
        "DBClusterSnapshotAttributes",
    ),
}


async def list_snapshots(ctx: TableContext) -> list[dict[str, Any]]:
    instance_snapshots, cluster_snapshots = await asyncio.gather(
        describe(ctx, "describe_db_snapshots", "DBSnapshots"),
        describe(ctx, "describe_db_cluster_snapshots", "DBClusterSnapshots"),
    )
    instances = [
        {
            "snapshot_identifier": snapshot["DBSnapshotIdentifier"],
            "arn": snapshot.get("DBSnapshotArn"),
            "kind": "instance",
            "db_instance_identifier": snapshot.get("DBInstanceIdentifier"),
            "db_cluster_identifier": None,
            "snapshot_type": snapshot.get("SnapshotType"),
            "encrypted": bool_or_none(snapshot.get("Encrypted")),
            "create_time": snapshot.get("SnapshotCreateTime"),
        }
        for snapshot in of_rds(instance_snapshots)
    ]
    clusters = [
        {
            "snapshot_identifier": snapshot["DBClusterSnapshotIdentifier"],
            "arn": snapshot.get("DBClusterSnapshotArn"),
            "kind": "cluster",
            "db_instance_identifier": None,
            "db_cluster_identifier": snapshot.get("DBClusterIdentifier"),
            "snapshot_type": snapshot.get("SnapshotType"),
            "encrypted": bool_or_none(snapshot.get("StorageEncrypted")),
            "create_time": snapshot.get("SnapshotCreateTime"),
        }
        for snapshot in of_rds(cluster_snapshots)
    ]
    return instances + clusters


async def restore(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    """Who may restore the snapshot, from its ``restore`` attribute; None if it is gone. Only
    a manual snapshot can be shared: any other is private without a call."""
    if item.get("snapshot_type") != SHAREABLE:
        return {"public": False, "shared_with_accounts": "[]"}
    operation, parameter, result, attributes = ATTRIBUTES[item["kind"]]
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client, operation, None, SNAPSHOT_GONE, **{parameter: item["snapshot_identifier"]}
    )
    if answer is None:
        return None
    values = restore_values((answer.get(result) or {}).get(attributes) or [])
    return {
        "public": "all" in values,
        "shared_with_accounts": json.dumps(sorted({v for v in values if v != "all"})),
    }


def restore_values(attributes: list[dict[str, Any]]) -> list[str]:
    for attribute in attributes:
        if attribute.get("AttributeName") == "restore":
            return list(attribute.get("AttributeValues") or [])
    return []


db_snapshots = declare(
    "rds.db_snapshots",
    where="regional",
    key=("arn",),
    doc="Every manual and automated DB and DB cluster snapshot, with whether it is public or "
    "shared.",
    list=ListStep(("rds:DescribeDBSnapshots", "rds:DescribeDBClusterSnapshots"), list_snapshots),
    hydrates=(
        Hydrate(
            "restore",
            ("rds:DescribeDBSnapshotAttributes", "rds:DescribeDBClusterSnapshotAttributes"),
            restore,
        ),
    ),
    columns=(
        Column("snapshot_identifier", "string", "The snapshot's name."),
        Column(
            "arn",
            "string",
            "arn:aws:rds:REGION:ACCOUNT:snapshot:NAME or ...:cluster-snapshot:NAME.",
        ),
        Column(
            "kind",
            "string",
            "instance (a DB snapshot) or cluster (a DB cluster snapshot, e.g. Aurora).",
        ),
        Column(
            "db_instance_identifier",
            "string",
            "The DB instance an instance snapshot was taken of; null for a cluster snapshot.",
        ),
        Column(
            "db_cluster_identifier",
            "string",
            "The DB cluster a cluster snapshot was taken of; null for an instance snapshot.",
        ),
        Column(
            "snapshot_type",
            "string",
            "manual, or automated (RDS's own backups, named rds:...); only manual snapshots can "
            "be shared.",
        ),
        Column("encrypted", "boolean", "Whether the snapshot is encrypted."),
        Column("create_time", "datetime64[ns, UTC]", "When the snapshot was taken."),
        Column(
            "public",
            "boolean",
            "Whether any AWS account may restore it: its restore attribute includes all (False "
            "for a snapshot type that cannot be shared).",
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
