"""``sso.group_memberships``: one row per direct group membership; ``user`` names the member."""

from __future__ import annotations

import asyncio
from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare
from . import identity_store
from ._shared import DISCOVERY_CALLS, per_instance


async def list_memberships(ctx: TableContext) -> list[dict[str, Any]]:
    async def rows_of(instance: dict[str, Any]) -> list[dict[str, Any]]:
        region, store_id = instance["_region"], instance["IdentityStoreId"]
        found = await identity_store.groups(ctx, region, store_id)
        nested = await asyncio.gather(
            *(identity_store.members(ctx, region, store_id, g["GroupId"]) for g in found)
        )
        names = identity_store.group_names(found)
        return [
            {
                "region": region,
                "group_id": membership["GroupId"],
                "group_name": names.get(membership["GroupId"]),
                "membership_id": membership.get("MembershipId"),
                "user_id": (membership.get("MemberId") or {}).get("UserId"),
                "identity_store_id": store_id,
            }
            for memberships in nested
            for membership in memberships
        ]

    return await per_instance(ctx, rows_of)


async def user(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    people = await identity_store.users(ctx, item["region"], item["identity_store_id"])
    return {"user_name": identity_store.user_names(people).get(item["user_id"])}


group_memberships = declare(
    "sso.group_memberships",
    where="organization",
    key=("membership_id",),
    doc="Which user is in which group: one row per direct group membership.",
    list=ListStep(
        (*DISCOVERY_CALLS, "identitystore:ListGroups", "identitystore:ListGroupMemberships"),
        list_memberships,
    ),
    hydrates=(Hydrate("user", ("identitystore:ListUsers",), user),),
    columns=(
        Column("group_id", "string", "The group."),
        Column("group_name", "string", "The group's display name."),
        Column("membership_id", "string", "The membership's id."),
        Column("user_id", "string", "The member user's id."),
        Column("user_name", "string", "The member's UserName; null if the user is gone.", "user"),
        Column("identity_store_id", "string", "The identity store the membership is in."),
    ),
)
