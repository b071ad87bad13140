"""The identity store's users, groups and group members, each read once per run."""

from __future__ import annotations

from typing import Any

from ..base import TableContext

STORE = "identitystore"


async def users(ctx: TableContext, region: str, store_id: str) -> list[dict[str, Any]]:
    async def fetch() -> list[dict[str, Any]]:
        client = await ctx.client(STORE, region)
        return await ctx.aws.items(client, "list_users", "Users", IdentityStoreId=store_id)

    return await ctx.aws.memo(("sso.users", store_id), fetch)


async def groups(ctx: TableContext, region: str, store_id: str) -> list[dict[str, Any]]:
    async def fetch() -> list[dict[str, Any]]:
        client = await ctx.client(STORE, region)
        return await ctx.aws.items(client, "list_groups", "Groups", IdentityStoreId=store_id)

    return await ctx.aws.memo(("sso.groups", store_id), fetch)


async def members(
    ctx: TableContext, region: str, store_id: str, group_id: str
) -> list[dict[str, Any]]:
    """ListGroupMemberships for one group (its direct members)."""

    async def fetch() -> list[dict[str, Any]]:
        client = await ctx.client(STORE, region)
        return await ctx.aws.items(
            client,
            "list_group_memberships",
            "GroupMemberships",
            IdentityStoreId=store_id,
            GroupId=group_id,
        )

    return await ctx.aws.memo(("sso.members", store_id, group_id), fetch)


def user_names(found: list[dict[str, Any]]) -> dict[str, str | None]:
    return {user["UserId"]: user.get("UserName") for user in found}


def group_names(found: list[dict[str, Any]]) -> dict[str, str | None]:
    return {group["GroupId"]: group.get("DisplayName") for group in found}
