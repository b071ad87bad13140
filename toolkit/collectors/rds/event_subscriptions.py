"""``rds.event_subscriptions``: one DescribeEventSubscriptions answers every column."""

from __future__ import annotations

from typing import Any

from ..base import TableContext, bool_or_none, table
from ._shared import describe, sorted_json


@table(
    "rds.event_subscriptions",
    where="regional",
    key=("arn",),
    calls=("rds:DescribeEventSubscriptions",),
    columns=(
        ("subscription_name", "string", "The event subscription's name."),
        ("arn", "string", "arn:aws:rds:REGION:ACCOUNT:es:NAME."),
        ("sns_topic_arn", "string", "The SNS topic the events are sent to."),
        ("status", "string", "active, no-permission, topic-not-exist, ..."),
        (
            "source_type",
            "string",
            "The kind of source whose events it sends: db-instance, db-cluster, "
            "db-parameter-group, db-security-group, ...; null for every kind.",
        ),
        (
            "source_ids",
            "string",
            "JSON list of the sources it is limited to, sorted; [] for every source of its type.",
        ),
        (
            "event_categories",
            "string",
            "JSON list of the event categories it sends, sorted; [] for every category.",
        ),
        ("enabled", "boolean", "Whether the subscription sends notifications."),
    ),
)
async def event_subscriptions(ctx: TableContext) -> list[dict[str, Any]]:
    """Every RDS event notification subscription, with what it sends and whether it is on."""
    found = await describe(ctx, "describe_event_subscriptions", "EventSubscriptionsList")
    return [
        {
            "subscription_name": subscription["CustSubscriptionId"],
            "arn": subscription.get("EventSubscriptionArn"),
            "sns_topic_arn": subscription.get("SnsTopicArn"),
            "status": subscription.get("Status"),
            "source_type": subscription.get("SourceType"),
            "source_ids": sorted_json(subscription.get("SourceIdsList")),
            "event_categories": sorted_json(subscription.get("EventCategoriesList")),
            "enabled": bool_or_none(subscription.get("Enabled")),
        }
        for subscription in found
    ]
