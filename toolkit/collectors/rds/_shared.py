"""What the RDS tables share: the client and the paging of RDS Describe* calls."""

from __future__ import annotations

from typing import Any

from ..base import TableContext

SERVICE = "rds"
#: RDS Describe* calls take 20 to 100 records a page.
PAGE = {"PaginationConfig": {"PageSize": 100}}


async def describe(ctx: TableContext, operation: str, key: str, **params: Any) -> list[Any]:
    """Every item under ``key`` of a paged RDS Describe* call in (account, region)."""
    client = await ctx.client(SERVICE)
    return await ctx.aws.items(client, operation, key, **params, **PAGE)
