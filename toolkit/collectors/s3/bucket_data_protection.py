"""``s3.bucket_data_protection``: how each bucket keeps its data: lifecycle rules, replication,
Object Lock and event notifications.

A table of its own rather than columns of ``s3.buckets``, so the security settings cost the same
calls as before: it shares ``s3.buckets``' ListBuckets (and, where ListBuckets gives no region,
its GetBucketLocation), and adds four calls a bucket, each made only when one of its columns is
asked for.
"""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare
from ._shared import after_location, bucket_client, list_buckets, location

#: Where GetBucketNotificationConfiguration lists each kind of destination, and its ARN field.
NOTIFICATION_TARGETS = {
    "TopicConfigurations": "TopicArn",
    "QueueConfigurations": "QueueArn",
    "LambdaFunctionConfigurations": "LambdaFunctionArn",
}


async def lifecycle(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    """The bucket's lifecycle rules: how many there are, and how many are enabled."""
    answer = await ctx.aws.call_or(
        await bucket_client(ctx, item),
        "get_bucket_lifecycle_configuration",
        None,
        ("NoSuchLifecycleConfiguration",),
        Bucket=item["name"],
    )
    rules = (answer or {}).get("Rules") or []
    return {
        "lifecycle_rules": len(rules),
        "lifecycle_rules_enabled": sum(rule.get("Status") == "Enabled" for rule in rules),
    }


async def replication(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    """The enabled replication rules and the buckets they copy into."""
    answer = await ctx.aws.call_or(
        await bucket_client(ctx, item),
        "get_bucket_replication",
        None,
        ("ReplicationConfigurationNotFoundError",),
        Bucket=item["name"],
    )
    rules = ((answer or {}).get("ReplicationConfiguration") or {}).get("Rules") or []
    enabled = [rule for rule in rules if rule.get("Status") == "Enabled"]
    destinations = {rule.get("Destination", {}).get("Bucket") for rule in enabled}
    return {
        "replication_rules_enabled": len(enabled),
        "replication_destinations": json.dumps(sorted(d for d in destinations if d)),
    }


async def object_lock(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    """Whether Object Lock is on, and the default retention new objects get."""
    answer = await ctx.aws.call_or(
        await bucket_client(ctx, item),
        "get_object_lock_configuration",
        None,
        ("ObjectLockConfigurationNotFoundError",),
        Bucket=item["name"],
    )
    config = (answer or {}).get("ObjectLockConfiguration") or {}
    retention = (config.get("Rule") or {}).get("DefaultRetention") or {}
    return {
        "object_lock_enabled": config.get("ObjectLockEnabled") == "Enabled",
        "object_lock_default_mode": retention.get("Mode"),
    }


async def notifications(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    """Where S3 sends the bucket's event notifications (topics, queues, functions,
    EventBridge)."""
    answer = await ctx.aws.call(
        await bucket_client(ctx, item), "get_bucket_notification_configuration", Bucket=item["name"]
    )
    destinations = {
        entry.get(arn)
        for key, arn in NOTIFICATION_TARGETS.items()
        for entry in answer.get(key) or []
    }
    if "EventBridgeConfiguration" in answer:
        destinations.add("eventbridge")
    found = sorted(d for d in destinations if d)
    return {"event_notifications": bool(found), "notification_destinations": json.dumps(found)}


bucket_data_protection = declare(
    "s3.bucket_data_protection",
    module=__name__,  # its list step lives in _shared
    where="global",
    key=("name",),
    doc="Every bucket of the account in the scope's regions, with its lifecycle rules, "
    "replication, Object Lock and event notifications.",
    list=ListStep(("s3:ListAllMyBuckets",), list_buckets),
    hydrates=(
        Hydrate("location", ("s3:GetBucketLocation",), location),
        after_location("lifecycle", ("s3:GetLifecycleConfiguration",), lifecycle),
        after_location("replication", ("s3:GetReplicationConfiguration",), replication),
        after_location("object_lock", ("s3:GetBucketObjectLockConfiguration",), object_lock),
        after_location("notifications", ("s3:GetBucketNotification",), notifications),
    ),
    columns=(
        Column("region", "string", "The bucket's region.", "location"),
        Column("name", "string", "The bucket's name."),
        Column("arn", "string", "arn:aws:s3:::NAME."),
        Column("creation_date", "datetime64[ns, UTC]", "When the bucket was created."),
        Column("lifecycle_rules", "Int64", "How many lifecycle rules the bucket has.", "lifecycle"),
        Column(
            "lifecycle_rules_enabled",
            "Int64",
            "How many of its lifecycle rules are enabled (Status Enabled).",
            "lifecycle",
        ),
        Column(
            "replication_rules_enabled",
            "Int64",
            "How many replication rules are enabled (0 when replication is not configured).",
            "replication",
        ),
        Column(
            "replication_destinations",
            "string",
            "JSON sorted list of the bucket ARNs the enabled rules replicate into.",
            "replication",
        ),
        Column(
            "object_lock_enabled", "boolean", "Whether S3 Object Lock is enabled.", "object_lock"
        ),
        Column(
            "object_lock_default_mode",
            "string",
            "GOVERNANCE or COMPLIANCE: the default retention of new objects; null if none.",
            "object_lock",
        ),
        Column(
            "event_notifications",
            "boolean",
            "Whether any event notification is configured (SNS, SQS, Lambda or EventBridge).",
            "notifications",
        ),
        Column(
            "notification_destinations",
            "string",
            "JSON sorted list of the topic, queue and function ARNs notified, and "
            "'eventbridge' when events go to EventBridge.",
            "notifications",
        ),
    ),
)
