"""What the ELBv2 tables share: the client and the run's one DescribeLoadBalancers per
(account, region)."""

from __future__ import annotations

from typing import Any

from ..base import TableContext

SERVICE = "elbv2"
#: DescribeLoadBalancers answers at most 400 load balancers a page.
PAGE = {"PaginationConfig": {"PageSize": 400}}


async def describe_load_balancers(ctx: TableContext) -> list[dict[str, Any]]:
    """Every load balancer of (account, region), as DescribeLoadBalancers answers it; read once
    per run however many tables ask."""

    async def fetch() -> list[dict[str, Any]]:
        client = await ctx.client(SERVICE)
        return await ctx.aws.items(client, "describe_load_balancers", "LoadBalancers", **PAGE)

    return await ctx.aws.memo(("elbv2.load_balancers", ctx.account_id, ctx.region), fetch)
