"""``sns.topics``: every SNS topic, with its KMS key, access policy and subscription counts.

ListTopics gives only ARNs; GetTopicAttributes is a per-topic hydrate.
"""

from __future__ import annotations

from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare

SERVICE = "sns"
#: A topic deleted between ListTopics and GetTopicAttributes is gone: no row.
GONE = ("NotFound", "NotFoundException")


async def list_topics(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    listed = await ctx.aws.items(client, "list_topics", "Topics")
    return [
        {"topic_arn": topic["TopicArn"], "name": topic["TopicArn"].rsplit(":", 1)[-1]}
        for topic in listed
    ]


async def attributes(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client, "get_topic_attributes", None, GONE, TopicArn=item["topic_arn"]
    )
    if answer is None:
        return None
    found = answer.get("Attributes") or {}
    return {
        "kms_master_key_id": found.get("KmsMasterKeyId") or None,
        "policy": found.get("Policy") or None,
        "subscriptions_confirmed": _count(found.get("SubscriptionsConfirmed")),
        "subscriptions_pending": _count(found.get("SubscriptionsPending")),
    }


def _count(value: Any) -> int | None:
    return None if value in (None, "") else int(value)


topics = declare(
    "sns.topics",
    where="regional",
    key=("topic_arn",),
    doc="Every SNS topic, with its KMS key, access policy and subscription counts.",
    list=ListStep(("sns:ListTopics",), list_topics),
    hydrates=(Hydrate("attributes", ("sns:GetTopicAttributes",), attributes),),
    columns=(
        Column("topic_arn", "string", "arn:aws:sns:REGION:ACCOUNT:NAME."),
        Column("name", "string", "The topic's name (the last part of its ARN)."),
        Column(
            "kms_master_key_id",
            "string",
            "The KMS key that encrypts its messages at rest (an ARN, id or alias such as "
            "alias/aws/sns); null when not encrypted.",
            "attributes",
        ),
        Column("policy", "string", "The topic's access policy (JSON).", "attributes"),
        Column(
            "subscriptions_confirmed",
            "Int64",
            "How many subscriptions are confirmed (AWS updates the count about once a minute).",
            "attributes",
        ),
        Column(
            "subscriptions_pending",
            "Int64",
            "How many subscriptions wait for their endpoint to confirm.",
            "attributes",
        ),
    ),
)
