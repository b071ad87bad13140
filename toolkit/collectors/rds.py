"""Amazon RDS: DB instances, DB clusters and manual snapshots with who may restore them.

Per account and region: one DescribeDBInstances, one DescribeDBClusters, one DescribeDBSnapshots
(SnapshotType manual) and one DescribeDBClusterSnapshots (SnapshotType manual), each paged at
100 items a page, so they grow only with the resources over the page size. Then one attribute
call per manual snapshot, run concurrently: DescribeDBSnapshotAttributes for an instance
snapshot, DescribeDBClusterSnapshotAttributes for a cluster snapshot. Its ``restore`` attribute
says who may restore (copy) the snapshot: ``all`` makes it public, account ids share it.
Automated snapshots cannot be shared, so they are not listed.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from .base import TableContext, bool_or_none, table

SERVICE = "rds"
#: RDS Describe* calls take 20 to 100 records a page.
PAGE = {"PaginationConfig": {"PageSize": 100}}
#: A snapshot deleted between the listing and its attribute call is gone: no row.
SNAPSHOT_GONE = ("DBSnapshotNotFound", "DBSnapshotNotFoundFault", "DBClusterSnapshotNotFoundFault")


async def _items(ctx: TableContext, operation: str, key: str, **params: Any) -> list[Any]:
    client = await ctx.client(SERVICE)
    return await ctx.aws.items(client, operation, key, **params, **PAGE)


@table(
    "rds.db_instances",
    where="regional",
    key=("arn",),
    calls=("rds:DescribeDBInstances",),
    columns=(
        ("db_instance_identifier", "string", "The DB instance's name."),
        ("arn", "string", "arn:aws:rds:REGION:ACCOUNT:db:NAME."),
        ("engine", "string", "The database engine: postgres, mysql, aurora-postgresql, ..."),
        ("engine_version", "string", "The engine's version."),
        ("instance_class", "string", "The compute and memory class, e.g. db.t3.micro."),
        ("status", "string", "available, creating, stopped, ..."),
        ("publicly_accessible", "boolean", "Whether the endpoint resolves to a public address."),
        ("storage_encrypted", "boolean", "Whether the storage is encrypted at rest."),
        ("kms_key_id", "string", "The KMS key that encrypts the storage; null if unencrypted."),
        ("multi_az", "boolean", "Whether a standby runs in another availability zone."),
        ("vpc_id", "string", "The VPC of the instance's subnet group; null without one."),
        ("subnet_group", "string", "The DB subnet group's name; null without one."),
        ("endpoint_address", "string", "The DNS name clients connect to."),
        ("port", "Int64", "The port the endpoint listens on."),
        ("iam_auth_enabled", "boolean", "Whether IAM database authentication is on."),
        ("deletion_protection", "boolean", "Whether the instance is protected from deletion."),
        (
            "backup_retention_days",
            "Int64",
            "Days automated backups are kept; 0 means automated backups are off.",
        ),
        (
            "auto_minor_version_upgrade",
            "boolean",
            "Whether minor engine upgrades apply in the maintenance window.",
        ),
        ("create_time", "datetime64[ns, UTC]", "When the instance was created."),
        (
            "db_cluster_identifier",
            "string",
            "The cluster the instance belongs to (Aurora, Multi-AZ clusters); null if none.",
        ),
    ),
)
async def db_instances(ctx: TableContext) -> list[dict[str, Any]]:
    """Every DB instance, with its exposure, encryption, backups and protection settings."""
    found = await _items(ctx, "describe_db_instances", "DBInstances")
    rows = []
    for instance in found:
        endpoint = instance.get("Endpoint") or {}
        subnet_group = instance.get("DBSubnetGroup") or {}
        rows.append(
            {
                "db_instance_identifier": instance["DBInstanceIdentifier"],
                "arn": instance.get("DBInstanceArn"),
                "engine": instance.get("Engine"),
                "engine_version": instance.get("EngineVersion"),
                "instance_class": instance.get("DBInstanceClass"),
                "status": instance.get("DBInstanceStatus"),
                "publicly_accessible": bool_or_none(instance.get("PubliclyAccessible")),
                "storage_encrypted": bool_or_none(instance.get("StorageEncrypted")),
                "kms_key_id": instance.get("KmsKeyId"),
                "multi_az": bool_or_none(instance.get("MultiAZ")),
                "vpc_id": subnet_group.get("VpcId") or None,
                "subnet_group": subnet_group.get("DBSubnetGroupName"),
                "endpoint_address": endpoint.get("Address"),
                "port": endpoint.get("Port") or instance.get("DbInstancePort"),
                "iam_auth_enabled": bool_or_none(instance.get("IAMDatabaseAuthenticationEnabled")),
                "deletion_protection": bool_or_none(instance.get("DeletionProtection")),
                "backup_retention_days": instance.get("BackupRetentionPeriod"),
                "auto_minor_version_upgrade": bool_or_none(instance.get("AutoMinorVersionUpgrade")),
                "create_time": instance.get("InstanceCreateTime"),
                "db_cluster_identifier": instance.get("DBClusterIdentifier"),
            }
        )
    return rows


@table(
    "rds.db_clusters",
    where="regional",
    key=("arn",),
    calls=("rds:DescribeDBClusters",),
    columns=(
        ("db_cluster_identifier", "string", "The DB cluster's name."),
        ("arn", "string", "arn:aws:rds:REGION:ACCOUNT:cluster:NAME."),
        ("engine", "string", "The database engine: aurora-postgresql, aurora-mysql, ..."),
        ("status", "string", "available, creating, stopped, ..."),
        ("storage_encrypted", "boolean", "Whether the cluster's storage is encrypted at rest."),
        ("kms_key_id", "string", "The KMS key that encrypts the storage; null if unencrypted."),
        ("deletion_protection", "boolean", "Whether the cluster is protected from deletion."),
        ("iam_auth_enabled", "boolean", "Whether IAM database authentication is on."),
        ("multi_az", "boolean", "Whether the cluster has instances in several zones."),
        (
            "members",
            "string",
            "JSON list of the cluster's DB instance identifiers, sorted.",
        ),
    ),
)
async def db_clusters(ctx: TableContext) -> list[dict[str, Any]]:
    """Every DB cluster, with its encryption, protection and member instances."""
    found = await _items(ctx, "describe_db_clusters", "DBClusters")
    return [
        {
            "db_cluster_identifier": cluster["DBClusterIdentifier"],
            "arn": cluster.get("DBClusterArn"),
            "engine": cluster.get("Engine"),
            "status": cluster.get("Status"),
            "storage_encrypted": bool_or_none(cluster.get("StorageEncrypted")),
            "kms_key_id": cluster.get("KmsKeyId"),
            "deletion_protection": bool_or_none(cluster.get("DeletionProtection")),
            "iam_auth_enabled": bool_or_none(cluster.get("IAMDatabaseAuthenticationEnabled")),
            "multi_az": bool_or_none(cluster.get("MultiAZ")),
            "members": json.dumps(
                sorted(m["DBInstanceIdentifier"] for m in cluster.get("DBClusterMembers") or [])
            ),
        }
        for cluster in found
    ]


def _restore_values(attributes: list[dict[str, Any]]) -> list[str]:
    for attribute in attributes:
        if attribute.get("AttributeName") == "restore":
            return list(attribute.get("AttributeValues") or [])
    return []


@table(
    "rds.db_snapshots",
    where="regional",
    key=("arn",),
    calls=(
        "rds:DescribeDBSnapshots",
        "rds:DescribeDBClusterSnapshots",
        "rds:DescribeDBSnapshotAttributes",
        "rds:DescribeDBClusterSnapshotAttributes",
    ),
    columns=(
        ("snapshot_identifier", "string", "The snapshot's name."),
        (
            "arn",
            "string",
            "arn:aws:rds:REGION:ACCOUNT:snapshot:NAME or ...:cluster-snapshot:NAME.",
        ),
        (
            "kind",
            "string",
            "instance (a DB snapshot) or cluster (a DB cluster snapshot, e.g. Aurora).",
        ),
        (
            "db_instance_identifier",
            "string",
            "The DB instance an instance snapshot was taken of; null for a cluster snapshot.",
        ),
        (
            "db_cluster_identifier",
            "string",
            "The DB cluster a cluster snapshot was taken of; null for an instance snapshot.",
        ),
        ("snapshot_type", "string", "manual (automated snapshots cannot be shared)."),
        ("encrypted", "boolean", "Whether the snapshot is encrypted."),
        ("create_time", "datetime64[ns, UTC]", "When the snapshot was taken."),
        (
            "public",
            "boolean",
            "Whether any AWS account may restore it: its restore attribute includes all.",
        ),
        (
            "shared_with_accounts",
            "string",
            "JSON list of the other account ids its restore attribute names, sorted.",
        ),
    ),
)
async def db_snapshots(ctx: TableContext) -> list[dict[str, Any]]:
    """Every manual DB and DB cluster snapshot, with whether it is public or shared."""
    client = await ctx.client(SERVICE)
    aws = ctx.aws
    instance_snapshots, cluster_snapshots = await asyncio.gather(
        _items(ctx, "describe_db_snapshots", "DBSnapshots", SnapshotType="manual"),
        _items(ctx, "describe_db_cluster_snapshots", "DBClusterSnapshots", SnapshotType="manual"),
    )

    async def instance_row(snapshot: dict[str, Any]) -> dict[str, Any] | None:
        name = snapshot["DBSnapshotIdentifier"]
        answer = await aws.call_or(
            client,
            "describe_db_snapshot_attributes",
            None,
            SNAPSHOT_GONE,
            DBSnapshotIdentifier=name,
        )
        if answer is None:
            return None
        result = answer.get("DBSnapshotAttributesResult") or {}
        return {
            "snapshot_identifier": name,
            "arn": snapshot.get("DBSnapshotArn"),
            "kind": "instance",
            "db_instance_identifier": snapshot.get("DBInstanceIdentifier"),
            "db_cluster_identifier": None,
            "snapshot_type": snapshot.get("SnapshotType"),
            "encrypted": bool_or_none(snapshot.get("Encrypted")),
            "create_time": snapshot.get("SnapshotCreateTime"),
            **_sharing(_restore_values(result.get("DBSnapshotAttributes") or [])),
        }

    async def cluster_row(snapshot: dict[str, Any]) -> dict[str, Any] | None:
        name = snapshot["DBClusterSnapshotIdentifier"]
        answer = await aws.call_or(
            client,
            "describe_db_cluster_snapshot_attributes",
            None,
            SNAPSHOT_GONE,
            DBClusterSnapshotIdentifier=name,
        )
        if answer is None:
            return None
        result = answer.get("DBClusterSnapshotAttributesResult") or {}
        return {
            "snapshot_identifier": name,
            "arn": snapshot.get("DBClusterSnapshotArn"),
            "kind": "cluster",
            "db_instance_identifier": None,
            "db_cluster_identifier": snapshot.get("DBClusterIdentifier"),
            "snapshot_type": snapshot.get("SnapshotType"),
            "encrypted": bool_or_none(snapshot.get("StorageEncrypted")),
            "create_time": snapshot.get("SnapshotCreateTime"),
            **_sharing(_restore_values(result.get("DBClusterSnapshotAttributes") or [])),
        }

    rows = await asyncio.gather(
        *(instance_row(s) for s in instance_snapshots),
        *(cluster_row(s) for s in cluster_snapshots),
    )
    return [row for row in rows if row is not None]


def _sharing(restore: list[str]) -> dict[str, Any]:
    return {
        "public": "all" in restore,
        "shared_with_accounts": json.dumps(sorted({v for v in restore if v != "all"})),
    }
