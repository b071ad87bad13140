"""``logs.log_groups``: every CloudWatch Logs log group, with its retention and KMS key."""

from __future__ import annotations

from typing import Any

from ..base import Column, ListStep, TableContext, declare
from ._shared import PAGE, SERVICE, epoch_millis


async def list_log_groups(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    listed = await ctx.aws.items(client, "describe_log_groups", "logGroups", **PAGE)
    return [
        {
            "log_group_name": group["logGroupName"],
            "arn": group_arn(group),
            "retention_in_days": group.get("retentionInDays"),
            "kms_key_id": group.get("kmsKeyId"),
            "creation_time": epoch_millis(group.get("creationTime")),
        }
        for group in listed
    ]


def group_arn(group: dict[str, Any]) -> str:
    """The group's ARN without the trailing ``:*`` that ``arn`` carries (``logGroupArn``)."""
    return group.get("logGroupArn") or str(group.get("arn", "")).removesuffix(":*")


log_groups = declare(
    "logs.log_groups",
    where="regional",
    key=("arn",),
    doc="Every CloudWatch Logs log group, with its retention and KMS key.",
    list=ListStep(("logs:DescribeLogGroups",), list_log_groups),
    columns=(
        Column("log_group_name", "string", "The log group's name."),
        Column(
            "arn",
            "string",
            "arn:aws:logs:REGION:ACCOUNT:log-group:NAME (without the trailing :* that "
            "CloudTrail's CloudWatchLogsLogGroupArn carries).",
        ),
        Column(
            "retention_in_days",
            "Int64",
            "How many days its events are kept; null when they never expire.",
        ),
        Column(
            "kms_key_id",
            "string",
            "ARN of the KMS key that encrypts its events; null for CloudWatch Logs' own encryption.",
        ),
        Column("creation_time", "datetime64[ns, UTC]", "When it was created."),
    ),
)
