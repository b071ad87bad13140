"""What the IAM tables share: the client, the authorization details, and JSON list columns."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..base import TableContext

SERVICE = "iam"
DETAIL_FILTER = ["User", "Role", "Group", "LocalManagedPolicy"]
DETAILS_ACTION = "iam:GetAccountAuthorizationDetails"
NO_ENTITY = ("NoSuchEntity",)

TIMESTAMP = "datetime64[ns, UTC]"
TAGS_DOC = "The tags as a JSON object (key to value)."
ATTACHED_DOC = "JSON list of the ARNs of the managed policies attached directly."
INLINE_DOC = "JSON list of the names of the inline policies."


async def client(ctx: TableContext) -> Any:
    return await ctx.client(SERVICE, "global")


async def details(ctx: TableContext) -> dict[str, list[dict[str, Any]]]:
    """GetAccountAuthorizationDetails for users, groups, roles and customer managed policies,
    once per account: five tables are made from it, with no per-principal list calls."""

    async def fetch() -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {
            "UserDetailList": [],
            "GroupDetailList": [],
            "RoleDetailList": [],
            "Policies": [],
        }
        async for page in ctx.aws.pages(
            await client(ctx), "get_account_authorization_details", Filter=DETAIL_FILTER
        ):
            for key, items in found.items():
                items.extend(page.get(key) or [])
        return found

    return await ctx.aws.memo(("iam.details", ctx.account_id), fetch)


async def user_mfa_devices(ctx: TableContext, user_name: str) -> list[dict[str, Any]]:
    """ListMFADevices for one user (virtual and hardware devices alike), once per run."""

    async def fetch() -> list[dict[str, Any]]:
        return await ctx.aws.items(
            await client(ctx), "list_mfa_devices", "MFADevices", UserName=user_name
        )

    return await ctx.aws.memo(("iam.user_mfa", ctx.account_id, user_name), fetch)


def json_list(values: Iterable[Any]) -> str:
    """Distinct values as a sorted JSON list: how list columns are stored."""
    return json.dumps(sorted(set(values)))


def tags(resource: dict[str, Any]) -> str:
    return json.dumps(
        {tag["Key"]: tag.get("Value", "") for tag in resource.get("Tags") or []}, sort_keys=True
    )


def attached(resource: dict[str, Any]) -> str:
    return json_list(p["PolicyArn"] for p in resource.get("AttachedManagedPolicies") or [])


def inline(resource: dict[str, Any], key: str) -> str:
    return json_list(p["PolicyName"] for p in resource.get(key) or [])
