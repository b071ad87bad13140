"""AWS Organizations: roots, OUs, accounts with their OU path, policies and their targets.

Read once per run from the caller's (management or delegated administrator) account. The tree
is walked once (ListRoots, then ListOrganizationalUnitsForParent and ListAccountsForParent per
parent) and shared by every table here: calls grow with the number of OUs, not of accounts.
``account_id`` on every row is the account the organization was read from.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from .base import TableContext, table

SERVICE = "organizations"


async def _tree(ctx: TableContext) -> dict[str, Any]:
    """Roots, OUs (with path and depth) and accounts (with parent), walked breadth-first."""

    async def walk() -> dict[str, Any]:
        client = await ctx.client(SERVICE, "global")
        roots = await ctx.aws.items(client, "list_roots", "Roots")
        ous: list[dict[str, Any]] = []
        accounts: list[dict[str, Any]] = []
        level = [(root["Id"], root["Name"], 0) for root in roots]
        while level:

            async def children(parent_id: str, path: str, depth: int) -> list[tuple]:
                found_ous, found_accounts = await asyncio.gather(
                    ctx.aws.items(
                        client,
                        "list_organizational_units_for_parent",
                        "OrganizationalUnits",
                        ParentId=parent_id,
                    ),
                    ctx.aws.items(
                        client, "list_accounts_for_parent", "Accounts", ParentId=parent_id
                    ),
                )
                for account in found_accounts:
                    accounts.append({**account, "_parent": parent_id, "_path": path})
                nested = []
                for ou in found_ous:
                    ou_path = f"{path}/{ou['Name']}"
                    ous.append({**ou, "_parent": parent_id, "_path": ou_path, "_depth": depth + 1})
                    nested.append((ou["Id"], ou_path, depth + 1))
                return nested

            results = await asyncio.gather(*(children(*entry) for entry in level))
            level = [entry for nested in results for entry in nested]
        return {"roots": roots, "ous": ous, "accounts": accounts}

    return await ctx.aws.memo(("organizations.tree", ctx.account_id), walk)


@table(
    "organizations.accounts",
    where="organization",
    key=("id",),
    calls=(
        "organizations:ListRoots",
        "organizations:ListOrganizationalUnitsForParent",
        "organizations:ListAccountsForParent",
        "organizations:DescribeOrganization",
    ),
    columns=(
        ("id", "string", "The member account's id."),
        ("arn", "string", "The account's ARN in the organization."),
        ("name", "string", "The account's name."),
        ("email", "string", "The account's root email address."),
        ("status", "string", "ACTIVE, SUSPENDED or PENDING_CLOSURE."),
        ("joined_method", "string", "INVITED or CREATED."),
        ("joined_timestamp", "datetime64[ns, UTC]", "When the account joined."),
        ("parent_id", "string", "The root or OU the account sits in."),
        ("ou_path", "string", "Names from the root down to the parent, e.g. Root/Workloads/Prod."),
        ("is_management", "boolean", "Whether this is the organization's management account."),
    ),
)
async def accounts(ctx: TableContext) -> list[dict[str, Any]]:
    """Every account of the organization, with where it sits in the OU tree."""
    tree, management = await asyncio.gather(_tree(ctx), _management_account(ctx))
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
            "is_management": account["Id"] == management,
            "region": "global",
        }
        for account in tree["accounts"]
    ]


async def _management_account(ctx: TableContext) -> str | None:
    async def describe() -> str | None:
        client = await ctx.client(SERVICE, "global")
        answer = await ctx.aws.call(client, "describe_organization")
        return answer["Organization"].get("MasterAccountId")

    return await ctx.aws.memo(("organizations.describe", ctx.account_id), describe)


@table(
    "organizations.organizational_units",
    where="organization",
    key=("id",),
    calls=(
        "organizations:ListRoots",
        "organizations:ListOrganizationalUnitsForParent",
        "organizations:ListAccountsForParent",
    ),
    columns=(
        ("id", "string", "The OU's id (ou-...)."),
        ("arn", "string", "The OU's ARN."),
        ("name", "string", "The OU's name."),
        ("parent_id", "string", "The root or OU this OU sits in."),
        ("path", "string", "Names from the root down to this OU, e.g. Root/Workloads."),
        ("depth", "Int64", "1 for an OU directly under the root."),
    ),
)
async def organizational_units(ctx: TableContext) -> list[dict[str, Any]]:
    """Every organizational unit, nested ones included, with its path from the root."""
    tree = await _tree(ctx)
    return [
        {
            "id": ou["Id"],
            "arn": ou.get("Arn"),
            "name": ou.get("Name"),
            "parent_id": ou["_parent"],
            "path": ou["_path"],
            "depth": ou["_depth"],
            "region": "global",
        }
        for ou in tree["ous"]
    ]


@table(
    "organizations.roots",
    where="organization",
    key=("id",),
    calls=("organizations:ListRoots",),
    columns=(
        ("id", "string", "The root's id (r-...)."),
        ("arn", "string", "The root's ARN."),
        ("name", "string", "The root's name."),
        ("policy_types", "string", "JSON list of the policy types enabled on the root."),
    ),
)
async def roots(ctx: TableContext) -> list[dict[str, Any]]:
    """The organization's root(s) and the policy types enabled on each."""
    tree = await _tree(ctx)
    return [
        {
            "id": root["Id"],
            "arn": root.get("Arn"),
            "name": root.get("Name"),
            "policy_types": json.dumps(
                sorted(
                    p["Type"] for p in root.get("PolicyTypes", []) if p.get("Status") == "ENABLED"
                )
            ),
            "region": "global",
        }
        for root in tree["roots"]
    ]


async def _policies(ctx: TableContext) -> list[dict[str, Any]]:
    """Service control policies with their documents (ListPolicies, then DescribePolicy each)."""

    async def fetch() -> list[dict[str, Any]]:
        client = await ctx.client(SERVICE, "global")
        summaries = await ctx.aws.items(
            client, "list_policies", "Policies", Filter="SERVICE_CONTROL_POLICY"
        )

        async def describe(summary: dict[str, Any]) -> dict[str, Any]:
            answer = await ctx.aws.call(client, "describe_policy", PolicyId=summary["Id"])
            return answer["Policy"]

        return list(await asyncio.gather(*(describe(s) for s in summaries)))

    return await ctx.aws.memo(("organizations.policies", ctx.account_id), fetch)


@table(
    "organizations.policies",
    where="organization",
    key=("id",),
    calls=("organizations:ListPolicies", "organizations:DescribePolicy"),
    columns=(
        ("id", "string", "The policy's id (p-...)."),
        ("arn", "string", "The policy's ARN."),
        ("name", "string", "The policy's name."),
        ("description", "string", "The policy's description."),
        ("type", "string", "SERVICE_CONTROL_POLICY."),
        ("aws_managed", "boolean", "Whether AWS manages the policy (e.g. FullAWSAccess)."),
        ("content", "string", "The policy document, JSON."),
    ),
)
async def policies(ctx: TableContext) -> list[dict[str, Any]]:
    """Service control policies and their documents."""
    rows = []
    for policy in await _policies(ctx):
        summary = policy["PolicySummary"]
        rows.append(
            {
                "id": summary["Id"],
                "arn": summary.get("Arn"),
                "name": summary.get("Name"),
                "description": summary.get("Description"),
                "type": summary.get("Type"),
                "aws_managed": summary.get("AwsManaged"),
                "content": policy.get("Content"),
                "region": "global",
            }
        )
    return rows


@table(
    "organizations.policy_targets",
    where="organization",
    key=("policy_id", "target_id"),
    calls=(
        "organizations:ListPolicies",
        "organizations:DescribePolicy",
        "organizations:ListTargetsForPolicy",
    ),
    columns=(
        ("policy_id", "string", "The policy attached."),
        ("policy_name", "string", "The policy's name."),
        ("target_id", "string", "The root, OU or account it is attached to."),
        ("target_type", "string", "ROOT, ORGANIZATIONAL_UNIT or ACCOUNT."),
        ("target_name", "string", "The target's name."),
    ),
)
async def policy_targets(ctx: TableContext) -> list[dict[str, Any]]:
    """Where each service control policy is attached: one row per (policy, target)."""
    client = await ctx.client(SERVICE, "global")

    async def targets(policy: dict[str, Any]) -> list[dict[str, Any]]:
        summary = policy["PolicySummary"]
        found = await ctx.aws.items(
            client, "list_targets_for_policy", "Targets", PolicyId=summary["Id"]
        )
        return [
            {
                "policy_id": summary["Id"],
                "policy_name": summary.get("Name"),
                "target_id": target["TargetId"],
                "target_type": target.get("Type"),
                "target_name": target.get("Name"),
                "region": "global",
            }
            for target in found
        ]

    nested = await asyncio.gather(*(targets(p) for p in await _policies(ctx)))
    return [row for rows in nested for row in rows]
