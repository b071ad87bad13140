"""What the Classic ELB tables share: the client, the run's one DescribeLoadBalancers per
(account, region) and the ARN AWS documents for a Classic Load Balancer."""

from __future__ import annotations

from typing import Any

from ..base import TableContext

SERVICE = "elb"
#: DescribeLoadBalancers answers at most 400 load balancers a page.
PAGE = {"PaginationConfig": {"PageSize": 400}}
#: A load balancer deleted between the list and a per-load-balancer call is gone.
GONE = ("LoadBalancerNotFound",)


async def describe_load_balancers(ctx: TableContext) -> list[dict[str, Any]]:
    """Every Classic Load Balancer of (account, region), as DescribeLoadBalancers answers it;
    read once per run however many tables ask."""

    async def fetch() -> list[dict[str, Any]]:
        client = await ctx.client(SERVICE)
        return await ctx.aws.items(
            client, "describe_load_balancers", "LoadBalancerDescriptions", **PAGE
        )

    return await ctx.aws.memo(("elb.load_balancers", ctx.account_id, ctx.region), fetch)


def load_balancer_arn(region: str, account_id: str, name: str) -> str:
    """The ARN of a Classic Load Balancer (the API answers only its name)."""
    return f"arn:aws:elasticloadbalancing:{region}:{account_id}:loadbalancer/{name}"
