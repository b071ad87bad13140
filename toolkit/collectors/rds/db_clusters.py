"""``rds.db_clusters``: one DescribeDBClusters answers every column. The RDS API answers Neptune
and DocumentDB clusters too: those are the neptune and docdb tables' rows, not these."""

from __future__ import annotations

from typing import Any

from ..base import TableContext, bool_or_none, table
from ._shared import describe, of_rds, sorted_json


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
        ("port", "Int64", "The port the cluster's endpoints listen on."),
        ("master_username", "string", "The administrator's user name."),
        (
            "backup_retention_days",
            "Int64",
            "Days automated backups (point-in-time restore) are kept.",
        ),
        (
            "auto_minor_version_upgrade",
            "boolean",
            "Whether minor engine upgrades apply in the maintenance window (Multi-AZ DB clusters).",
        ),
        ("copy_tags_to_snapshot", "boolean", "Whether snapshots get the cluster's tags."),
        (
            "cloudwatch_logs_exports",
            "string",
            "JSON list of the log types published to CloudWatch Logs, sorted.",
        ),
    ),
)
async def db_clusters(ctx: TableContext) -> list[dict[str, Any]]:
    """Every DB cluster, with its encryption, protection and member instances."""
    found = await describe(ctx, "describe_db_clusters", "DBClusters")
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
            "members": sorted_json(
                m["DBInstanceIdentifier"] for m in cluster.get("DBClusterMembers") or []
            ),
            "port": cluster.get("Port"),
            "master_username": cluster.get("MasterUsername"),
            "backup_retention_days": cluster.get("BackupRetentionPeriod"),
            "auto_minor_version_upgrade": bool_or_none(cluster.get("AutoMinorVersionUpgrade")),
            "copy_tags_to_snapshot": bool_or_none(cluster.get("CopyTagsToSnapshot")),
            "cloudwatch_logs_exports": sorted_json(cluster.get("EnabledCloudwatchLogsExports")),
        }
        for cluster in of_rds(found)
    ]
