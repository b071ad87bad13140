"""``iam.roles``: every IAM role, with whom its trust policy lets assume it.

The list step reads the shared authorization details, and ListRoles for MaxSessionDuration
(which the details leave out), and parses the trust policy. The ``organization`` hydrate reads
the organization's accounts (once per run) to tell trusted accounts inside it from external
ones.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

from ...aws.organization import member_accounts
from ...policies import is_allow, principals, statements, to_json
from ..base import Column, Hydrate, ListStep, TableContext, declare
from ._shared import (
    ATTACHED_DOC,
    BOUNDARY_DOC,
    DETAILS_ACTION,
    INLINE_DOC,
    TIMESTAMP,
    attached,
    boundary,
    client,
    details,
    inline,
    json_list,
)

ACCOUNT_ID = re.compile(r"^\d{12}$")


def trust(document: Any) -> dict[str, Any]:
    """Who a trust policy lets assume the role: its Allow statements' principals."""
    services: set[str] = set()
    accounts: set[str] = set()
    federated = everyone = False
    for statement in statements(document):
        if not is_allow(statement):
            continue
        if statement.get("Principal") == "*":
            everyone = True
            continue
        services.update(principals(statement, "Service"))
        federated = federated or bool(principals(statement, "Federated"))
        for value in principals(statement, "AWS"):
            if value == "*":
                everyone = True
            elif ACCOUNT_ID.match(value):
                accounts.add(value)
            else:
                parts = value.split(":")
                if len(parts) > 4 and ACCOUNT_ID.match(parts[4]):
                    accounts.add(parts[4])
    return {
        "trusted_services": json_list(services),
        "trusted_accounts": json_list(accounts),
        "trusts_federation": federated,
        "trusts_everyone": everyone,
    }


async def list_roles(ctx: TableContext) -> list[dict[str, Any]]:
    found, durations = await asyncio.gather(details(ctx), max_session_durations(ctx))
    rows = []
    for role in found["RoleDetailList"]:
        document = role.get("AssumeRolePolicyDocument")
        path = role.get("Path") or "/"
        rows.append(
            {
                "role_name": role["RoleName"],
                "role_id": role.get("RoleId"),
                "arn": role["Arn"],
                "path": path,
                "create_date": role.get("CreateDate"),
                "trust_policy": to_json(document),
                **trust(document),
                "attached_policy_arns": attached(role),
                "inline_policy_names": inline(role, "RolePolicyList"),
                "permissions_boundary_arn": boundary(role),
                "max_session_duration": durations.get(role["Arn"]),
                "last_used_date": (role.get("RoleLastUsed") or {}).get("LastUsedDate"),
                "is_service_linked": path.startswith("/aws-service-role/"),
                "region": "global",
            }
        )
    return rows


async def max_session_durations(ctx: TableContext) -> dict[str, int]:
    """Role ARN to MaxSessionDuration, from one ListRoles per account."""

    async def fetch() -> dict[str, int]:
        roles = await ctx.aws.items(await client(ctx), "list_roles", "Roles")
        return {r["Arn"]: r["MaxSessionDuration"] for r in roles if "MaxSessionDuration" in r}

    return await ctx.aws.memo(("iam.list_roles", ctx.account_id), fetch)


async def internal_accounts(ctx: TableContext) -> set[str]:
    """This account and the organization's; only this one when the organization cannot be
    read (no organization, or the caller may not list it): a hint, never the table's error."""
    try:
        ids = await member_accounts(ctx.aws)
    except Exception:
        ids = []
    return {*ids, ctx.account_id}


async def organization(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    outside = set(json.loads(item["trusted_accounts"])) - await internal_accounts(ctx)
    return {"trusts_external_account": bool(outside)}


roles = declare(
    "iam.roles",
    where="global",
    key=("arn",),
    activity=("last_used_date",),
    doc="Every IAM role, with whom it trusts, its policies and when it was last used.",
    list=ListStep((DETAILS_ACTION, "iam:ListRoles"), list_roles),
    hydrates=(Hydrate("organization", ("organizations:ListAccounts",), organization),),
    columns=(
        Column("role_name", "string", "The role's name."),
        Column("role_id", "string", "The role's unique id (AROA...)."),
        Column("arn", "string", "The role's ARN."),
        Column(
            "path", "string", "The role's path; /aws-service-role/... for service-linked roles."
        ),
        Column("create_date", TIMESTAMP, "When the role was created."),
        Column("trust_policy", "string", "The trust (assume role) policy document, JSON."),
        Column("trusted_services", "string", "JSON list of the AWS services the role trusts."),
        Column(
            "trusted_accounts",
            "string",
            "JSON list of the account ids whose principals the role trusts (not '*').",
        ),
        Column(
            "trusts_external_account",
            "boolean",
            "Whether it trusts an account outside the organization (outside this account if "
            "the organization cannot be read).",
            "organization",
        ),
        Column(
            "trusts_federation", "boolean", "Whether it trusts a SAML or web identity provider."
        ),
        Column("trusts_everyone", "boolean", "Whether it trusts the principal '*'."),
        Column("attached_policy_arns", "string", ATTACHED_DOC),
        Column("inline_policy_names", "string", INLINE_DOC),
        Column("permissions_boundary_arn", "string", BOUNDARY_DOC),
        Column(
            "max_session_duration",
            "Int64",
            "The longest session the role allows, in seconds.",
        ),
        Column("last_used_date", TIMESTAMP, "When the role was last assumed, if AWS knows."),
        Column("is_service_linked", "boolean", "Whether it is a service-linked role."),
    ),
)
