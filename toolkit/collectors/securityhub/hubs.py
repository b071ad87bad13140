"""``securityhub.hubs``: one row per account and region, Security Hub enabled there or not.

DescribeHub is the list step; GetEnabledStandards is a hydrate, asked only where the hub is
enabled (elsewhere it could only answer "not subscribed").
"""

from __future__ import annotations

from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, bool_or_none, declare

SERVICE = "securityhub"
#: DescribeHub's answer where Security Hub is not enabled ("not subscribed").
NOT_ENABLED = ("InvalidAccessException",)
#: Subscriptions that are not (or no longer) on: left out of ``standards``.
NOT_ON = ("FAILED", "DELETING")


async def hub(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    described = await ctx.aws.call_or(client, "describe_hub", None, NOT_ENABLED)
    if described is None:
        return [{"enabled": False}]
    return [
        {
            "enabled": True,
            "hub_arn": described.get("HubArn"),
            "subscribed_at": described.get("SubscribedAt"),
            "auto_enable_controls": bool_or_none(described.get("AutoEnableControls")),
        }
    ]


async def standards(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    if not item["enabled"]:
        return {"standards": None}
    client = await ctx.client(SERVICE)
    subscriptions = await ctx.aws.items(client, "get_enabled_standards", "StandardsSubscriptions")
    arns = sorted(
        s["StandardsArn"] for s in subscriptions if s.get("StandardsStatus") not in NOT_ON
    )
    return {"standards": ",".join(arns)}


hubs = declare(
    "securityhub.hubs",
    where="regional",
    key=("account_id", "region"),
    doc="Whether Security Hub is enabled, and the standards subscribed: one row per region.",
    list=ListStep(("securityhub:DescribeHub",), hub),
    hydrates=(Hydrate("standards", ("securityhub:GetEnabledStandards",), standards),),
    columns=(
        Column("enabled", "boolean", "Whether Security Hub is enabled in this account and region."),
        Column("hub_arn", "string", "The hub's ARN (...:hub/default); null when not enabled."),
        Column("subscribed_at", "datetime64[ns, UTC]", "When Security Hub was enabled."),
        Column(
            "auto_enable_controls",
            "boolean",
            "Whether new controls of the subscribed standards are enabled automatically.",
        ),
        Column(
            "standards",
            "string",
            "Comma-separated ARNs of the standards subscribed (ready, pending or incomplete); "
            "null when Security Hub is not enabled.",
            "standards",
        ),
    ),
)
