"""``rds.db_instances``: one DescribeDBInstances answers every column (Neptune and DocumentDB
instances, which it answers too, are left out)."""

from __future__ import annotations

from typing import Any

from ..base import TableContext, bool_or_none, table
from ._shared import describe, of_rds, sorted_json


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
        (
            "monitoring_interval",
            "Int64",
            "Seconds between Enhanced Monitoring samples; 0 means Enhanced Monitoring is off.",
        ),
        (
            "cloudwatch_logs_exports",
            "string",
            "JSON list of the log types published to CloudWatch Logs, sorted (an Aurora "
            "member's are its cluster's).",
        ),
        ("copy_tags_to_snapshot", "boolean", "Whether snapshots get the instance's tags."),
        ("master_username", "string", "The administrator's user name."),
    ),
)
async def db_instances(ctx: TableContext) -> list[dict[str, Any]]:
    """Every DB instance, with its exposure, encryption, backups and protection settings."""
    found = await describe(ctx, "describe_db_instances", "DBInstances")
    rows = []
    for instance in of_rds(found):
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
                "monitoring_interval": instance.get("MonitoringInterval"),
                "cloudwatch_logs_exports": sorted_json(
                    instance.get("EnabledCloudwatchLogsExports")
                ),
                "copy_tags_to_snapshot": bool_or_none(instance.get("CopyTagsToSnapshot")),
                "master_username": instance.get("MasterUsername"),
            }
        )
    return rows
