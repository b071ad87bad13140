"""``organizations.delegated_administrators``: one row per (delegated administrator, service).

ListDelegatedAdministrators once, then ListDelegatedServicesForAccount per delegated
administrator: calls grow with the number of delegated administrators, not of accounts. Read
from the management account like the organization's other tables; the checks use it to tell
a member account whose security service is run for it by a delegated administrator (Security
Hub, GuardDuty) from one where the service is off.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ...aws.errors import error_code
from ..base import TableContext, table
from ._shared import client

#: A delegated administrator deregistered between the two calls has no services left.
GONE = ("AccountNotRegisteredException", "AccountNotFoundException")


@table(
    "organizations.delegated_administrators",
    where="organization",
    key=("delegate_account_id", "service_principal"),
    calls=(
        "organizations:ListDelegatedAdministrators",
        "organizations:ListDelegatedServicesForAccount",
    ),
    columns=(
        ("delegate_account_id", "string", "The member account the service is delegated to."),
        ("delegate_name", "string", "The delegated administrator account's name."),
        (
            "service_principal",
            "string",
            "The service it administers for the organization, e.g. securityhub.amazonaws.com.",
        ),
        (
            "delegation_enabled_date",
            "datetime64[ns, UTC]",
            "When the account became the service's delegated administrator.",
        ),
    ),
)
async def delegated_administrators(ctx: TableContext) -> list[dict[str, Any]]:
    """Every (delegated administrator, service principal) pair of the organization."""
    orgs = await client(ctx)
    admins = await ctx.aws.items(orgs, "list_delegated_administrators", "DelegatedAdministrators")

    async def services(admin: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            delegated = await ctx.aws.items(
                orgs,
                "list_delegated_services_for_account",
                "DelegatedServices",
                AccountId=admin["Id"],
            )
        except Exception as exc:
            if error_code(exc) in GONE:
                return []
            raise
        return [
            {
                "delegate_account_id": admin["Id"],
                "delegate_name": admin.get("Name"),
                "service_principal": service["ServicePrincipal"],
                "delegation_enabled_date": service.get("DelegationEnabledDate"),
                "region": "global",
            }
            for service in delegated
        ]

    nested = await asyncio.gather(*(services(admin) for admin in admins))
    return [row for rows in nested for row in rows]
