"""What the Organizations tables share: the OU tree, walked once, and the SCP list."""

from __future__ import annotations

import asyncio
from typing import Any

from ..base import TableContext

SERVICE = "organizations"
TREE_CALLS = (
    "organizations:ListRoots",
    "organizations:ListOrganizationalUnitsForParent",
    "organizations:ListAccountsForParent",
)


async def client(ctx: TableContext) -> Any:
    return await ctx.client(SERVICE, "global")


async def roots(ctx: TableContext) -> list[dict[str, Any]]:
    """ListRoots, once per run (the tree walk starts from it)."""

    async def fetch() -> list[dict[str, Any]]:
        return await ctx.aws.items(await client(ctx), "list_roots", "Roots")

    return await ctx.aws.memo(("organizations.roots", ctx.account_id), fetch)


async def tree(ctx: TableContext) -> dict[str, Any]:
    """OUs (with path and depth) and accounts (with parent), walked breadth-first from the
    roots once per run: calls grow with the number of OUs, not of accounts."""

    async def walk() -> dict[str, Any]:
        orgs = await client(ctx)
        found_roots = await roots(ctx)
        ous: list[dict[str, Any]] = []
        accounts: list[dict[str, Any]] = []

        async def children(parent_id: str, path: str, depth: int) -> list[tuple[str, str, int]]:
            found_ous, found_accounts = await asyncio.gather(
                ctx.aws.items(
                    orgs,
                    "list_organizational_units_for_parent",
                    "OrganizationalUnits",
                    ParentId=parent_id,
                ),
                ctx.aws.items(orgs, "list_accounts_for_parent", "Accounts", ParentId=parent_id),
            )
            for account in found_accounts:
                accounts.append({**account, "_parent": parent_id, "_path": path})
            nested = []
            for ou in found_ous:
                ou_path = f"{path}/{ou['Name']}"
                ous.append({**ou, "_parent": parent_id, "_path": ou_path, "_depth": depth + 1})
                nested.append((ou["Id"], ou_path, depth + 1))
            return nested

        level = [(root["Id"], root["Name"], 0) for root in found_roots]
        while level:
            results = await asyncio.gather(*(children(*entry) for entry in level))
            level = [entry for nested in results for entry in nested]
        return {"ous": ous, "accounts": accounts}

    return await ctx.aws.memo(("organizations.tree", ctx.account_id), walk)


async def scp_summaries(ctx: TableContext) -> list[dict[str, Any]]:
    """ListPolicies (service control policies), once per run."""

    async def fetch() -> list[dict[str, Any]]:
        return await ctx.aws.items(
            await client(ctx), "list_policies", "Policies", Filter="SERVICE_CONTROL_POLICY"
        )

    return await ctx.aws.memo(("organizations.policies", ctx.account_id), fetch)
