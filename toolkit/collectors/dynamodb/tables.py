"""``dynamodb.tables``: every DynamoDB table, with deletion protection, encryption at rest,
capacity mode and point-in-time recovery.

ListTables answers names only: the ARN is built from the name (it is what DescribeTable
answers), and everything else comes from two per-table hydrates, DescribeTable and
DescribeContinuousBackups, so that ``collect(columns=...)`` skips the calls it does not need.
"""

from __future__ import annotations

from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare
from ..ec2._shared import partition

SERVICE = "dynamodb"
PAGE = {"PaginationConfig": {"PageSize": 100}}
#: A table deleted between the list and its detail calls is gone: no row.
GONE = ("ResourceNotFoundException", "TableNotFoundException")


async def list_tables(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    names = await ctx.aws.items(client, "list_tables", "TableNames", **PAGE)
    prefix = f"arn:{partition(ctx.region)}:dynamodb:{ctx.region}:{ctx.account_id}:table/"
    return [{"table_name": name, "arn": prefix + name} for name in names]


async def describe(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client, "describe_table", None, GONE, TableName=item["table_name"]
    )
    if answer is None:
        return None
    table = answer["Table"]
    sse = table.get("SSEDescription") or {}
    return {
        "table_status": table.get("TableStatus"),
        "creation_date_time": table.get("CreationDateTime"),
        # Tables made before billing modes existed have no summary: they are provisioned.
        "billing_mode": (table.get("BillingModeSummary") or {}).get("BillingMode") or "PROVISIONED",
        "item_count": table.get("ItemCount"),
        "deletion_protection_enabled": bool(table.get("DeletionProtectionEnabled")),
        "sse_status": sse.get("Status"),
        "sse_type": sse.get("SSEType"),
        "kms_master_key_arn": sse.get("KMSMasterKeyArn"),
    }


async def backups(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client, "describe_continuous_backups", None, GONE, TableName=item["table_name"]
    )
    if answer is None:
        return None
    described = answer.get("ContinuousBackupsDescription") or {}
    pitr = described.get("PointInTimeRecoveryDescription") or {}
    status = pitr.get("PointInTimeRecoveryStatus")
    return {
        "point_in_time_recovery_status": status,
        "point_in_time_recovery_enabled": None if status is None else status == "ENABLED",
        "recovery_period_in_days": pitr.get("RecoveryPeriodInDays"),
    }


tables = declare(
    "dynamodb.tables",
    where="regional",
    key=("arn",),
    doc="Every DynamoDB table, with deletion protection, encryption at rest, capacity mode and "
    "point-in-time recovery.",
    list=ListStep(("dynamodb:ListTables",), list_tables),
    hydrates=(
        Hydrate("describe", ("dynamodb:DescribeTable",), describe),
        Hydrate("backups", ("dynamodb:DescribeContinuousBackups",), backups),
    ),
    columns=(
        Column("table_name", "string", "The table's name."),
        Column("arn", "string", "arn:aws:dynamodb:REGION:ACCOUNT:table/TABLE_NAME."),
        Column(
            "table_status",
            "string",
            "CREATING, UPDATING, DELETING, ACTIVE, ARCHIVING, ARCHIVED, ...",
            "describe",
        ),
        Column("creation_date_time", "datetime64[ns, UTC]", "When it was created.", "describe"),
        Column(
            "billing_mode",
            "string",
            "PROVISIONED or PAY_PER_REQUEST (on-demand); PROVISIONED for tables older than the "
            "choice.",
            "describe",
        ),
        Column(
            "item_count",
            "Int64",
            "Items in the table (AWS updates it about every six hours).",
            "describe",
        ),
        Column(
            "deletion_protection_enabled",
            "boolean",
            "Whether the table cannot be deleted until deletion protection is turned off.",
            "describe",
        ),
        Column(
            "sse_status",
            "string",
            "ENABLED, ENABLING, DISABLED, DISABLING or UPDATING when encrypted with a KMS key; "
            "null for the default encryption with an AWS owned key (every table is encrypted at "
            "rest).",
            "describe",
        ),
        Column(
            "sse_type",
            "string",
            "KMS when a KMS key (AWS managed aws/dynamodb or customer managed) encrypts it; "
            "null for an AWS owned key.",
            "describe",
        ),
        Column(
            "kms_master_key_arn",
            "string",
            "ARN of the KMS key that encrypts it; null for an AWS owned key.",
            "describe",
        ),
        Column(
            "point_in_time_recovery_status",
            "string",
            "ENABLED or DISABLED (DescribeContinuousBackups).",
            "backups",
        ),
        Column(
            "point_in_time_recovery_enabled",
            "boolean",
            "Whether point-in-time recovery (continuous backups) is on.",
            "backups",
        ),
        Column(
            "recovery_period_in_days",
            "Int64",
            "How many days back the table can be restored (1 to 35); null while recovery is off.",
            "backups",
        ),
    ),
)
