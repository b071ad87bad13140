"""``efs.file_systems``: every EFS file system, with its encryption at rest and backup policy.

The list step (DescribeFileSystems) answers everything but the backup policy, which is a
per-file-system hydrate (DescribeBackupPolicy).
"""

from __future__ import annotations

from typing import Any

from ...aws.errors import error_code
from ..base import Column, Hydrate, ListStep, TableContext, declare

SERVICE = "efs"
PAGE = {"PaginationConfig": {"PageSize": 100}}
#: No backup policy was ever set: automatic backups are off.
NO_POLICY = ("PolicyNotFound",)
#: A file system deleted between the list and its backup policy is gone: no row.
GONE = ("FileSystemNotFound",)
#: Backup policy states in which AWS Backup protects the file system (or is about to).
BACKUP_ON = ("ENABLED", "ENABLING")


async def list_file_systems(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    listed = await ctx.aws.items(client, "describe_file_systems", "FileSystems", **PAGE)
    return [
        {
            "file_system_id": fs["FileSystemId"],
            "arn": fs.get("FileSystemArn"),
            "name": fs.get("Name") or None,
            "encrypted": bool(fs.get("Encrypted")),
            "kms_key_id": fs.get("KmsKeyId"),
            "performance_mode": fs.get("PerformanceMode"),
            "throughput_mode": fs.get("ThroughputMode"),
            "creation_time": fs.get("CreationTime"),
            "number_of_mount_targets": fs.get("NumberOfMountTargets"),
            "life_cycle_state": fs.get("LifeCycleState"),
        }
        for fs in listed
    ]


async def backup(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    try:
        answer = await ctx.aws.call(
            client, "describe_backup_policy", FileSystemId=item["file_system_id"]
        )
    except Exception as exc:
        if error_code(exc) in NO_POLICY:
            return {"backup_enabled": False}
        if error_code(exc) in GONE:
            return None
        raise
    status = (answer.get("BackupPolicy") or {}).get("Status")
    return {"backup_enabled": status in BACKUP_ON}


file_systems = declare(
    "efs.file_systems",
    where="regional",
    key=("arn",),
    doc="Every EFS file system, with its encryption at rest and automatic backups.",
    list=ListStep(("elasticfilesystem:DescribeFileSystems",), list_file_systems),
    hydrates=(Hydrate("backup", ("elasticfilesystem:DescribeBackupPolicy",), backup),),
    columns=(
        Column("file_system_id", "string", "The file system's id (fs-...)."),
        Column(
            "arn",
            "string",
            "arn:aws:elasticfilesystem:REGION:ACCOUNT:file-system/FILE_SYSTEM_ID.",
        ),
        Column("name", "string", "The value of its Name tag; null without one."),
        Column(
            "encrypted",
            "boolean",
            "Whether its data is encrypted at rest (chosen at creation, never changed after).",
        ),
        Column(
            "kms_key_id",
            "string",
            "ARN of the KMS key that encrypts it (aws/elasticfilesystem unless another was "
            "chosen); null when not encrypted.",
        ),
        Column("performance_mode", "string", "generalPurpose or maxIO."),
        Column("throughput_mode", "string", "bursting, provisioned or elastic."),
        Column("creation_time", "datetime64[ns, UTC]", "When it was created."),
        Column("number_of_mount_targets", "Int64", "How many mount targets it has."),
        Column(
            "life_cycle_state",
            "string",
            "creating, available, updating, deleting, deleted or error.",
        ),
        Column(
            "backup_enabled",
            "boolean",
            "Whether automatic backups (its backup policy) are on; false when no policy was "
            "ever set.",
            "backup",
        ),
    ),
)
