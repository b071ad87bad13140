"""``neptune.clusters``: one DescribeDBClusters (engine neptune) answers every column."""

from __future__ import annotations

import json
from typing import Any

from ..base import TableContext, bool_or_none, table
from ._shared import describe


@table(
    "neptune.clusters",
    where="regional",
    key=("arn",),
    calls=("rds:DescribeDBClusters",),
    columns=(
        ("db_cluster_identifier", "string", "The Neptune DB cluster's name."),
        ("arn", "string", "arn:aws:rds:REGION:ACCOUNT:cluster:NAME."),
        ("engine_version", "string", "The Neptune engine's version."),
        ("status", "string", "available, creating, stopped, ..."),
        ("storage_encrypted", "boolean", "Whether the cluster's storage is encrypted at rest."),
        ("deletion_protection", "boolean", "Whether the cluster is protected from deletion."),
        (
            "backup_retention_days",
            "Int64",
            "Days automated backups are kept (Neptune keeps at least 1).",
        ),
        ("iam_auth_enabled", "boolean", "Whether IAM database authentication is on."),
        ("copy_tags_to_snapshot", "boolean", "Whether snapshots get the cluster's tags."),
        (
            "cloudwatch_logs_exports",
            "string",
            "JSON list of the log types published to CloudWatch Logs (audit, slowquery), sorted.",
        ),
    ),
)
async def clusters(ctx: TableContext) -> list[dict[str, Any]]:
    """Every Neptune DB cluster, with its encryption, protection, backups and logging."""
    found = await describe(ctx, "describe_db_clusters", "DBClusters")
    return [
        {
            "db_cluster_identifier": cluster["DBClusterIdentifier"],
            "arn": cluster.get("DBClusterArn"),
            "engine_version": cluster.get("EngineVersion"),
            "status": cluster.get("Status"),
            "storage_encrypted": bool_or_none(cluster.get("StorageEncrypted")),
            "deletion_protection": bool_or_none(cluster.get("DeletionProtection")),
            "backup_retention_days": cluster.get("BackupRetentionPeriod"),
            "iam_auth_enabled": bool_or_none(cluster.get("IAMDatabaseAuthenticationEnabled")),
            "copy_tags_to_snapshot": bool_or_none(cluster.get("CopyTagsToSnapshot")),
            "cloudwatch_logs_exports": json.dumps(
                sorted(cluster.get("EnabledCloudwatchLogsExports") or [])
            ),
        }
        for cluster in found
    ]
