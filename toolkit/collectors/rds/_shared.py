"""What the RDS tables share: the client and the paging of RDS Describe* calls."""

from __future__ import annotations

import json
from typing import Any

from ..base import TableContext

SERVICE = "rds"
#: RDS Describe* calls take 20 to 100 records a page.
PAGE = {"PaginationConfig": {"PageSize": 100}}


#: Engines whose clusters, instances and snapshots the RDS API also answers but which are other
#: services (the neptune and docdb tables hold them): the RDS tables leave them out.
OTHER_SERVICES_ENGINES = frozenset({"neptune", "docdb"})


def of_rds(items: list[Any]) -> list[Any]:
    """The items of an RDS Describe* answer that are RDS's own, not Neptune's or DocumentDB's."""
    return [item for item in items if item.get("Engine") not in OTHER_SERVICES_ENGINES]


def sorted_json(values: Any) -> str:
    """A JSON list of the values, sorted: how the tables hold a list."""
    return json.dumps(sorted(values or []))


async def describe(ctx: TableContext, operation: str, key: str, **params: Any) -> list[Any]:
    """Every item under ``key`` of a paged RDS Describe* call in (account, region)."""
    client = await ctx.client(SERVICE)
    return await ctx.aws.items(client, operation, key, **params, **PAGE)
