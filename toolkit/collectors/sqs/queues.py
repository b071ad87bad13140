"""``sqs.queues``: every SQS queue, with its encryption at rest (SSE-SQS or a KMS key) and its
access policy.

The list step (ListQueues) answers URLs; the name is the URL's last part and the ARN is built
from it (what GetQueueAttributes answers as QueueArn). One hydrate, GetQueueAttributes ``All``,
answers the rest.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ...policies import to_json
from ..base import Column, Hydrate, ListStep, TableContext, declare
from ..ec2._shared import partition

SERVICE = "sqs"
PAGE = {"PaginationConfig": {"PageSize": 1000}}
#: A queue deleted between the list and its attributes is gone: no row.
GONE = ("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist")


async def list_queues(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    urls = await ctx.aws.items(client, "list_queues", "QueueUrls", **PAGE)
    prefix = f"arn:{partition(ctx.region)}:sqs:{ctx.region}:{ctx.account_id}:"
    rows = []
    for url in urls:
        name = url.rstrip("/").rsplit("/", 1)[-1]
        rows.append({"queue_name": name, "queue_url": url, "arn": prefix + name})
    return rows


async def attributes(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client,
        "get_queue_attributes",
        None,
        GONE,
        QueueUrl=item["queue_url"],
        AttributeNames=["All"],
    )
    if answer is None:
        return None
    found = answer.get("Attributes") or {}
    return {
        "fifo_queue": found.get("FifoQueue", "false").lower() == "true",
        "created_timestamp": _epoch(found.get("CreatedTimestamp")),
        "sqs_managed_sse_enabled": found.get("SqsManagedSseEnabled", "false").lower() == "true",
        "kms_master_key_id": found.get("KmsMasterKeyId") or None,
        "policy": to_json(found.get("Policy")) if found.get("Policy") else None,
    }


def _epoch(value: Any) -> datetime | None:
    """SQS answers timestamps as seconds since the epoch, in a string."""
    return None if not value else datetime.fromtimestamp(float(value), UTC)


queues = declare(
    "sqs.queues",
    where="regional",
    key=("arn",),
    doc="Every SQS queue, with its encryption at rest and access policy.",
    list=ListStep(("sqs:ListQueues",), list_queues),
    hydrates=(Hydrate("attributes", ("sqs:GetQueueAttributes",), attributes),),
    columns=(
        Column("queue_name", "string", "The queue's name (ends in .fifo for a FIFO queue)."),
        Column("queue_url", "string", "The queue's URL, which the SQS API names it by."),
        Column("arn", "string", "arn:aws:sqs:REGION:ACCOUNT:QUEUE_NAME."),
        Column("fifo_queue", "boolean", "Whether it is a FIFO queue.", "attributes"),
        Column("created_timestamp", "datetime64[ns, UTC]", "When it was created.", "attributes"),
        Column(
            "sqs_managed_sse_enabled",
            "boolean",
            "Whether SSE-SQS (encryption at rest with keys SQS owns) is on.",
            "attributes",
        ),
        Column(
            "kms_master_key_id",
            "string",
            "The KMS key (id, ARN or alias, as set; alias/aws/sqs for the AWS managed key) that "
            "encrypts it with SSE-KMS; null without one.",
            "attributes",
        ),
        Column(
            "policy",
            "string",
            "The queue's access policy (JSON); null without one.",
            "attributes",
        ),
    ),
)
