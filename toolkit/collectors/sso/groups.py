"""``sso.groups``: every group of the identity store; ``members`` counts each one's members."""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare
from . import identity_store
from ._shared import DISCOVERY_CALLS, per_instance


async def list_groups(ctx: TableContext) -> list[dict[str, Any]]:
    async def rows_of(instance: dict[str, Any]) -> list[dict[str, Any]]:
        store_id = instance["IdentityStoreId"]
        return [
            {
                "region": instance["_region"],
                "group_id": group["GroupId"],
                "display_name": group.get("DisplayName"),
                "description": group.get("Description"),
                "external_ids": json.dumps(group.get("ExternalIds") or []),
                "identity_store_id": store_id,
            }
            for group in await identity_store.groups(ctx, instance["_region"], store_id)
        ]

    return await per_instance(ctx, rows_of)


async def members(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    found = await identity_store.members(
        ctx, item["region"], item["identity_store_id"], item["group_id"]
    )
    return {"member_count": len(found)}


groups = declare(
    "sso.groups",
    where="organization",
    key=("group_id",),
    doc="Every group of the Identity Center identity store, with how many members it has.",
    list=ListStep((*DISCOVERY_CALLS, "identitystore:ListGroups"), list_groups),
    hydrates=(Hydrate("members", ("identitystore:ListGroupMemberships",), members),),
    columns=(
        Column("group_id", "string", "The group's id in the identity store."),
        Column("display_name", "string", "The group's name."),
        Column("description", "string", "The group's description."),
        Column(
            "member_count", "Int64", "How many users are direct members of the group.", "members"
        ),
        Column(
            "external_ids",
            "string",
            "JSON list of the group's ids in an external IdP ({Issuer, Id}); [] if none.",
        ),
        Column("identity_store_id", "string", "The identity store the group is in."),
    ),
)
