"""What the CloudTrail tables share: the trails whose home is the (account, region) read."""

from __future__ import annotations

from typing import Any

from ..base import TableContext

SERVICE = "cloudtrail"
#: A trail deleted between DescribeTrails and its detail call is gone: no row.
GONE = ("TrailNotFoundException",)


async def home_trails(ctx: TableContext) -> list[dict[str, Any]]:
    """The trails whose home is this (account, region), read once a run for both tables."""

    async def fetch() -> list[dict[str, Any]]:
        client = await ctx.client(SERVICE)
        answer = await ctx.aws.call(client, "describe_trails", includeShadowTrails=False)
        return [trail for trail in answer.get("trailList") or [] if is_home(ctx, trail)]

    return await ctx.aws.memo(("cloudtrail.trails", ctx.account_id, ctx.region), fetch)


def is_home(ctx: TableContext, trail: dict[str, Any]) -> bool:
    arn = trail.get("TrailARN") or ""
    parts = arn.split(":")
    owner = parts[4] if len(parts) > 5 else ctx.account_id
    return trail.get("HomeRegion", ctx.region) == ctx.region and owner == ctx.account_id
