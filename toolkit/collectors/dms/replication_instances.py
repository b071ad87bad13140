"""``dms.replication_instances``: every DMS replication instance, with whether it is reachable
from the internet, upgrades its minor versions itself and stands in two Availability Zones.

DescribeReplicationInstances answers each instance whole: one call a page, no hydrate.
"""

from __future__ import annotations

from typing import Any

from ..base import Column, ListStep, TableContext, declare

SERVICE = "dms"


async def list_instances(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(client, "describe_replication_instances", "ReplicationInstances")
    return [
        {
            "identifier": i["ReplicationInstanceIdentifier"],
            "arn": i["ReplicationInstanceArn"],
            "instance_class": i.get("ReplicationInstanceClass"),
            "status": i.get("ReplicationInstanceStatus"),
            "allocated_storage": i.get("AllocatedStorage"),
            "publicly_accessible": i.get("PubliclyAccessible"),
            "auto_minor_version_upgrade": i.get("AutoMinorVersionUpgrade"),
            "multi_az": i.get("MultiAZ"),
        }
        for i in found
    ]


replication_instances = declare(
    "dms.replication_instances",
    where="regional",
    key=("arn",),
    doc="Every DMS replication instance, with its public access, minor version upgrades and "
    "Multi-AZ.",
    list=ListStep(("dms:DescribeReplicationInstances",), list_instances),
    columns=(
        Column("identifier", "string", "The replication instance's identifier."),
        Column("arn", "string", "arn:aws:dms:REGION:ACCOUNT:rep:ID."),
        Column("instance_class", "string", "The compute class, e.g. dms.t3.medium."),
        Column("status", "string", "available, creating, modifying, deleting, ..."),
        Column("allocated_storage", "Int64", "Storage in GiB."),
        Column(
            "publicly_accessible",
            "boolean",
            "True when the instance has a public IP address reachable from the internet.",
        ),
        Column(
            "auto_minor_version_upgrade",
            "boolean",
            "True when minor engine versions are applied in the maintenance window.",
        ),
        Column("multi_az", "boolean", "True when a standby runs in a second Availability Zone."),
    ),
)
