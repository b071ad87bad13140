"""``sns.subscriptions``: every subscription of the account's topics, confirmed or pending.

ListSubscriptions answers everything: a subscription waiting for confirmation (email, http and
https endpoints until their owner confirms) is listed with SubscriptionArn "PendingConfirmation"
(and "Deleted" for one being removed), so ``subscription_arn`` is null and ``confirmed`` false.
"""

from __future__ import annotations

from typing import Any

from ..base import Column, ListStep, TableContext, declare

SERVICE = "sns"


async def list_subscriptions(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    listed = await ctx.aws.items(client, "list_subscriptions", "Subscriptions")
    return [
        {
            "subscription_arn": arn if is_confirmed(arn) else None,
            "topic_arn": found.get("TopicArn"),
            "protocol": found.get("Protocol"),
            "endpoint": found.get("Endpoint"),
            "owner": found.get("Owner"),
            "confirmed": is_confirmed(arn),
        }
        for found in listed
        for arn in [found.get("SubscriptionArn") or ""]
    ]


def is_confirmed(subscription_arn: str) -> bool:
    """A real ARN, not "PendingConfirmation" or "Deleted": the subscription is confirmed."""
    return subscription_arn.startswith("arn:")


subscriptions = declare(
    "sns.subscriptions",
    where="regional",
    key=("topic_arn", "protocol", "endpoint"),
    doc="Every SNS subscription of the account's topics, confirmed or pending.",
    list=ListStep(("sns:ListSubscriptions",), list_subscriptions),
    columns=(
        Column(
            "subscription_arn",
            "string",
            "arn:aws:sns:REGION:ACCOUNT:TOPIC:ID; null while the subscription is pending.",
        ),
        Column("topic_arn", "string", "The topic subscribed to."),
        Column("protocol", "string", "email, email-json, sqs, lambda, https, http, sms, ..."),
        Column("endpoint", "string", "Where messages go: an address, URL or ARN."),
        Column("owner", "string", "The account that owns the subscription."),
        Column(
            "confirmed",
            "boolean",
            "Whether the endpoint confirmed it (same-account sqs and lambda at once; email and "
            "http(s) only once their owner confirms).",
        ),
    ),
)
