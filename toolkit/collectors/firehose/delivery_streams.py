"""``firehose.delivery_streams``: every Firehose stream, with its source, destinations and
server-side encryption.

ListDeliveryStreams answers names: the ARN is built from the name (it is what
DescribeDeliveryStream answers). One hydrate, DescribeDeliveryStream, answers the rest.
"""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare
from ..ec2._shared import partition

SERVICE = "firehose"
LIMIT = 100
#: A stream deleted between the list and its description is gone: no row.
GONE = ("ResourceNotFoundException",)
#: What DescribeDeliveryStream names each kind of destination, and the kind it stands for.
DESTINATIONS = {
    "ExtendedS3DestinationDescription": "extended_s3",
    "S3DestinationDescription": "s3",
    "RedshiftDestinationDescription": "redshift",
    "ElasticsearchDestinationDescription": "elasticsearch",
    "AmazonopensearchserviceDestinationDescription": "opensearch",
    "AmazonOpenSearchServerlessDestinationDescription": "opensearch_serverless",
    "SplunkDestinationDescription": "splunk",
    "HttpEndpointDestinationDescription": "http_endpoint",
    "SnowflakeDestinationDescription": "snowflake",
    "IcebergDestinationDescription": "iceberg",
}


async def list_streams(ctx: TableContext) -> list[dict[str, Any]]:
    """ListDeliveryStreams has no paginator: follow ExclusiveStartDeliveryStreamName."""
    client = await ctx.client(SERVICE)
    prefix = f"arn:{partition(ctx.region)}:firehose:{ctx.region}:{ctx.account_id}:deliverystream/"
    names: list[str] = []
    while True:
        start = {"ExclusiveStartDeliveryStreamName": names[-1]} if names else {}
        page = await ctx.aws.call(client, "list_delivery_streams", Limit=LIMIT, **start)
        names.extend(page.get("DeliveryStreamNames") or [])
        if not page.get("HasMoreDeliveryStreams") or not page.get("DeliveryStreamNames"):
            break
    return [{"delivery_stream_name": name, "arn": prefix + name} for name in names]


async def describe(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client,
        "describe_delivery_stream",
        None,
        GONE,
        DeliveryStreamName=item["delivery_stream_name"],
    )
    if answer is None:
        return None
    found = answer.get("DeliveryStreamDescription") or {}
    encryption = found.get("DeliveryStreamEncryptionConfiguration") or {}
    kinds = {
        DESTINATIONS.get(key, key)
        for destination in found.get("Destinations") or []
        for key in destination
        if key.endswith("DestinationDescription")
    }
    # An S3-based destination is answered twice (S3 and extended S3): name it once.
    if "extended_s3" in kinds:
        kinds.discard("s3")
    return {
        "delivery_stream_status": found.get("DeliveryStreamStatus"),
        "delivery_stream_type": found.get("DeliveryStreamType"),
        "create_timestamp": found.get("CreateTimestamp"),
        # AWS answers Status DISABLED for a stream never encrypted; moto answers nothing.
        "encryption_status": encryption.get("Status") or "DISABLED",
        "encryption_key_type": encryption.get("KeyType"),
        "encryption_key_arn": encryption.get("KeyARN"),
        "destinations": json.dumps(sorted(kinds)),
    }


delivery_streams = declare(
    "firehose.delivery_streams",
    where="regional",
    key=("arn",),
    doc="Every Firehose stream, with its source, destinations and server-side encryption.",
    list=ListStep(("firehose:ListDeliveryStreams",), list_streams),
    hydrates=(Hydrate("describe", ("firehose:DescribeDeliveryStream",), describe),),
    columns=(
        Column("delivery_stream_name", "string", "The stream's name."),
        Column("arn", "string", "arn:aws:firehose:REGION:ACCOUNT:deliverystream/NAME."),
        Column(
            "delivery_stream_status",
            "string",
            "CREATING, ACTIVE, DELETING or a failure status.",
            "describe",
        ),
        Column(
            "delivery_stream_type",
            "string",
            "Its source: DirectPut, KinesisStreamAsSource, MSKAsSource or DatabaseAsSource.",
            "describe",
        ),
        Column("create_timestamp", "datetime64[ns, UTC]", "When it was created.", "describe"),
        Column(
            "encryption_status",
            "string",
            "Server-side encryption: ENABLED, ENABLING, DISABLED, DISABLING or a failure status.",
            "describe",
        ),
        Column(
            "encryption_key_type",
            "string",
            "AWS_OWNED_CMK or CUSTOMER_MANAGED_CMK; null when never encrypted.",
            "describe",
        ),
        Column(
            "encryption_key_arn",
            "string",
            "The customer managed KMS key's ARN; null with an AWS owned key or none.",
            "describe",
        ),
        Column(
            "destinations",
            "string",
            "JSON sorted list of its destinations' kinds (extended_s3, redshift, splunk...).",
            "describe",
        ),
    ),
)
