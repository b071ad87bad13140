"""``sso.account_assignments``: who may use which permission set on which account.

Listed per target, only where a set is provisioned: ListAccountsForProvisionedPermissionSet per
permission set (paged), then ListAccountAssignments per (account, set) pair it names. Creating
an assignment provisions its set in the target account, so every assignment is found, at one
call a pair that has any instead of one per account of the organization and set (1,000
accounts and 50 sets: 50,000 calls). Not per principal: ListAccountAssignmentsForPrincipal
only finds principals that still exist, and an assignment whose user or group was deleted
(its set stays provisioned) is exactly what must show up (``principal_exists`` False). The
``principal`` hydrate names each assignment's principal from the identity store's users and
groups.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare
from . import identity_store
from ._shared import (
    DISCOVERY_CALLS,
    PERMISSION_SET_CALLS,
    SERVICE,
    instance_of,
    per_instance,
    permission_set_arns,
)
from ._shared import permission_sets as described


async def provisioned_accounts(
    ctx: TableContext, client: Any, instance_arn: str, pset: str
) -> list[str]:
    """The accounts where the permission set is provisioned (every page)."""
    return await ctx.aws.items(
        client,
        "list_accounts_for_provisioned_permission_set",
        "AccountIds",
        InstanceArn=instance_arn,
        PermissionSetArn=pset,
    )


async def list_assignments(ctx: TableContext) -> list[dict[str, Any]]:
    async def rows_of(instance: dict[str, Any]) -> list[dict[str, Any]]:
        client = await ctx.client(SERVICE, instance["_region"])
        arn = instance["InstanceArn"]
        pset_arns = await permission_set_arns(ctx, instance)
        # the descriptions (for the sets' names) and where each set is provisioned, at once
        psets, *accounts = await asyncio.gather(
            described(ctx, instance),
            *(provisioned_accounts(ctx, client, arn, p) for p in pset_arns),
        )
        names = {pset["PermissionSetArn"]: pset.get("Name") for pset in psets}

        async def assigned(account_id: str, pset_arn: str) -> list[dict[str, Any]]:
            found = await ctx.aws.items(
                client,
                "list_account_assignments",
                "AccountAssignments",
                InstanceArn=arn,
                AccountId=account_id,
                PermissionSetArn=pset_arn,
            )
            return [
                {
                    "region": instance["_region"],
                    "target_account_id": assignment.get("AccountId") or account_id,
                    "permission_set_arn": assignment.get("PermissionSetArn") or pset_arn,
                    "permission_set_name": names.get(pset_arn),
                    "principal_type": assignment["PrincipalType"],
                    "principal_id": assignment["PrincipalId"],
                    "instance_arn": arn,
                }
                for assignment in found
            ]

        pairs = [
            (account_id, pset_arn)
            for pset_arn, provisioned in zip(pset_arns, accounts, strict=True)
            for account_id in dict.fromkeys(provisioned)
        ]
        nested = await asyncio.gather(*(assigned(a, p) for a, p in pairs))
        return [row for rows in nested for row in rows]

    return await per_instance(ctx, rows_of)


async def principal(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    """The principal's name, and whether it is still in the identity store."""
    store_id = (await instance_of(ctx, item["instance_arn"]))["IdentityStoreId"]
    users, groups = await asyncio.gather(
        identity_store.users(ctx, item["region"], store_id),
        identity_store.groups(ctx, item["region"], store_id),
    )
    names = {"USER": identity_store.user_names(users), "GROUP": identity_store.group_names(groups)}
    found = names.get(item["principal_type"], {})
    return {
        "principal_name": found.get(item["principal_id"]),
        "principal_exists": item["principal_id"] in found,
    }


account_assignments = declare(
    "sso.account_assignments",
    where="organization",
    key=("target_account_id", "permission_set_arn", "principal_type", "principal_id"),
    doc="Who may use which permission set on which account: one row per account assignment.",
    list=ListStep(
        (
            *DISCOVERY_CALLS,
            *PERMISSION_SET_CALLS,
            "sso:ListAccountsForProvisionedPermissionSet",
            "sso:ListAccountAssignments",
        ),
        list_assignments,
    ),
    hydrates=(
        Hydrate("principal", ("identitystore:ListUsers", "identitystore:ListGroups"), principal),
    ),
    columns=(
        Column("target_account_id", "string", "The account the permission set is assigned on."),
        Column("permission_set_arn", "string", "The permission set assigned."),
        Column("permission_set_name", "string", "The permission set's name."),
        Column("principal_type", "string", "USER or GROUP."),
        Column("principal_id", "string", "The user's or group's id in the identity store."),
        Column(
            "principal_name",
            "string",
            "The user's UserName or the group's DisplayName; null if the principal is gone.",
            "principal",
        ),
        Column(
            "principal_exists",
            "boolean",
            "Whether the principal is still in the identity store (False: orphaned assignment).",
            "principal",
        ),
        Column("instance_arn", "string", "The Identity Center instance the assignment belongs to."),
    ),
)
