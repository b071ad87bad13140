"""``sso.users``: every user of the Identity Center identity store (ListUsers alone)."""

from __future__ import annotations

import json
from typing import Any

from ..base import TableContext, table
from . import identity_store
from ._shared import DISCOVERY_CALLS, per_instance


def primary_email(user: dict[str, Any]) -> str | None:
    emails = user.get("Emails") or []
    primary = [e for e in emails if e.get("Primary")] or emails
    return primary[0].get("Value") if primary else None


@table(
    "sso.users",
    where="organization",
    key=("user_id",),
    calls=(*DISCOVERY_CALLS, "identitystore:ListUsers"),
    columns=(
        ("user_id", "string", "The user's id in the identity store."),
        ("user_name", "string", "The name the user signs in with."),
        ("display_name", "string", "The user's display name."),
        ("email", "string", "The user's primary email address (else the first one)."),
        ("given_name", "string", "The user's given name."),
        ("family_name", "string", "The user's family name."),
        ("user_type", "string", "The user's type, as the directory sets it (free text)."),
        (
            "external_ids",
            "string",
            "JSON list of the user's ids in an external IdP ({Issuer, Id}); [] if none.",
        ),
        ("identity_store_id", "string", "The identity store the user is in."),
    ),
)
async def users(ctx: TableContext) -> list[dict[str, Any]]:
    """Every user of the Identity Center identity store, with name and primary email."""

    async def rows_of(instance: dict[str, Any]) -> list[dict[str, Any]]:
        store_id = instance["IdentityStoreId"]
        return [
            {
                "region": instance["_region"],
                "user_id": user["UserId"],
                "user_name": user.get("UserName"),
                "display_name": user.get("DisplayName"),
                "email": primary_email(user),
                "given_name": (user.get("Name") or {}).get("GivenName"),
                "family_name": (user.get("Name") or {}).get("FamilyName"),
                "user_type": user.get("UserType"),
                "external_ids": json.dumps(user.get("ExternalIds") or []),
                "identity_store_id": store_id,
            }
            for user in await identity_store.users(ctx, instance["_region"], store_id)
        ]

    return await per_instance(ctx, rows_of)
