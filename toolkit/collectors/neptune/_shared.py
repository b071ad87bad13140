"""What the Neptune tables share: the client and the engine filter of its Describe* calls."""

from __future__ import annotations

from typing import Any

from ..base import TableContext

SERVICE = "neptune"
#: Neptune's Describe* calls answer every RDS engine's resources unless filtered to Neptune's.
ONLY_NEPTUNE = {"Filters": [{"Name": "engine", "Values": ["neptune"]}]}
PAGE = {"PaginationConfig": {"PageSize": 100}}


async def describe(ctx: TableContext, operation: str, key: str) -> list[Any]:
    """Every Neptune item under ``key`` of a paged Describe* call in (account, region)."""
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(client, operation, key, **ONLY_NEPTUNE, **PAGE)
    return [item for item in found if item.get("Engine", "neptune") == "neptune"]
