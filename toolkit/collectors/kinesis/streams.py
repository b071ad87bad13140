"""``kinesis.streams``: every Kinesis data stream, with its server-side encryption and how long
it keeps records.

ListStreams' summaries answer the identity, status, capacity mode and creation time; one
hydrate, DescribeStreamSummary, answers the retention period, encryption and shard count.
"""

from __future__ import annotations

from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare

SERVICE = "kinesis"
#: A stream deleted between the list and its summary is gone: no row.
GONE = ("ResourceNotFoundException",)


async def list_streams(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(client, "list_streams", "StreamSummaries")
    return [
        {
            "stream_name": s["StreamName"],
            "arn": s["StreamARN"],
            "stream_status": s.get("StreamStatus"),
            "stream_mode": (s.get("StreamModeDetails") or {}).get("StreamMode"),
            "creation_timestamp": s.get("StreamCreationTimestamp"),
        }
        for s in found
    ]


async def summary(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client, "describe_stream_summary", None, GONE, StreamARN=item["arn"]
    )
    if answer is None:
        return None
    found = answer.get("StreamDescriptionSummary") or {}
    return {
        "retention_period_hours": found.get("RetentionPeriodHours"),
        "encryption_type": found.get("EncryptionType") or "NONE",
        "key_id": found.get("KeyId"),
        "open_shard_count": found.get("OpenShardCount"),
    }


streams = declare(
    "kinesis.streams",
    where="regional",
    key=("arn",),
    doc="Every Kinesis data stream, with its encryption at rest and retention period.",
    list=ListStep(("kinesis:ListStreams",), list_streams),
    hydrates=(Hydrate("summary", ("kinesis:DescribeStreamSummary",), summary),),
    columns=(
        Column("stream_name", "string", "The stream's name."),
        Column("arn", "string", "arn:aws:kinesis:REGION:ACCOUNT:stream/NAME."),
        Column("stream_status", "string", "CREATING, DELETING, ACTIVE or UPDATING."),
        Column("stream_mode", "string", "PROVISIONED or ON_DEMAND capacity."),
        Column("creation_timestamp", "datetime64[ns, UTC]", "When it was created."),
        Column(
            "retention_period_hours",
            "Int64",
            "How many hours records stay readable (24 by default, up to 8760).",
            "summary",
        ),
        Column(
            "encryption_type",
            "string",
            "KMS when records are encrypted at rest with a KMS key, NONE otherwise.",
            "summary",
        ),
        Column(
            "key_id",
            "string",
            "The KMS key (ARN, id or alias; alias/aws/kinesis for the AWS managed key) that "
            "encrypts it; null without encryption.",
            "summary",
        ),
        Column("open_shard_count", "Int64", "How many shards are open.", "summary"),
    ),
)
