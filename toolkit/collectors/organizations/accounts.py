"""``organizations.accounts``: every account, with where it sits in the OU tree.

The list step is the shared tree walk; the ``management`` hydrate asks DescribeOrganization
(once per run) which account is the management account.
"""

from __future__ import annotations

from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare
from ._shared import TREE_CALLS, client, tree


async def list_accounts(ctx: TableContext) -> list[dict[str, Any]]:
    return [
        {
            "id": account["Id"],
            "arn": account.get("Arn"),
            "name": account.get("Name"),
            "email": account.get("Email"),
            "status": account.get("Status") or account.get("State"),
            "joined_method": account.get("JoinedMethod"),
            "joined_timestamp": account.get("JoinedTimestamp"),
            "parent_id": account["_parent"],
            "ou_path": account["_path"],
            "region": "global",
        }
        for account in (await tree(ctx))["accounts"]
    ]


async def management_account(ctx: TableContext) -> str | None:
    async def describe() -> str | None:
        answer = await ctx.aws.call(await client(ctx), "describe_organization")
        return answer["Organization"].get("MasterAccountId")

    return await ctx.aws.memo(("organizations.describe", ctx.account_id), describe)


async def management(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    return {"is_management": item["id"] == await management_account(ctx)}


accounts = declare(
    "organizations.accounts",
    where="organization",
    key=("id",),
    doc="Every account of the organization, with where it sits in the OU tree.",
    list=ListStep(TREE_CALLS, list_accounts),
    hydrates=(Hydrate("management", ("organizations:DescribeOrganization",), management),),
    columns=(
        Column("id", "string", "The member account's id."),
        Column("arn", "string", "The account's ARN in the organization."),
        Column("name", "string", "The account's name."),
        Column("email", "string", "The account's root email address."),
        Column("status", "string", "ACTIVE, SUSPENDED or PENDING_CLOSURE."),
        Column("joined_method", "string", "INVITED or CREATED."),
        Column("joined_timestamp", "datetime64[ns, UTC]", "When the account joined."),
        Column("parent_id", "string", "The root or OU the account sits in."),
        Column(
            "ou_path",
            "string",
            "Names from the root down to the parent, e.g. Root/Workloads/Prod.",
        ),
        Column(
            "is_management",
            "boolean",
            "Whether this is the organization's management account.",
            "management",
        ),
    ),
)
