"""What the Identity Center tables share: the instance(s), permission sets, the admin test.

The instance is found once per run: one sso-admin ListInstances per region of the run,
concurrently; a region that fails is ignored when another answers with an instance, and the
first failure is the table's error when none does.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from ...policies import allows_full_admin
from ..base import TableContext

SERVICE = "sso-admin"
DISCOVERY_CALLS = ("sso:ListInstances",)
PERMISSION_SET_CALLS = ("sso:ListPermissionSets", "sso:DescribePermissionSet")
ADMIN_POLICY_SUFFIX = ":iam::aws:policy/AdministratorAccess"


def regions(ctx: TableContext) -> list[str]:
    """The run's regions, as the engine resolved them (the scope's, or every enabled one)."""
    return list(ctx.aws.regions or ctx.aws.scope.regions or [ctx.aws.home_region])


async def instances(ctx: TableContext) -> list[dict[str, Any]]:
    """Every Identity Center instance the caller sees, each with ``_region`` where it lives."""

    async def discover() -> list[dict[str, Any]]:
        async def in_region(region: str) -> list[dict[str, Any]]:
            client = await ctx.client(SERVICE, region)
            found = await ctx.aws.items(client, "list_instances", "Instances")
            return [{**instance, "_region": region} for instance in found]

        answers = await asyncio.gather(
            *(in_region(r) for r in regions(ctx)), return_exceptions=True
        )
        found: dict[str, dict[str, Any]] = {}
        failures: list[BaseException] = []
        for answer in answers:
            if isinstance(answer, BaseException):
                if not isinstance(answer, Exception):
                    raise answer
                failures.append(answer)
                continue
            for instance in answer:
                found.setdefault(instance["InstanceArn"], instance)
        if failures and not found:
            raise failures[0]
        return list(found.values())

    return await ctx.aws.memo(("sso.instances", ctx.account_id), discover)


async def instance_of(ctx: TableContext, instance_arn: str) -> dict[str, Any]:
    """The discovered instance with this ARN (a row's ``instance_arn``)."""
    return next(i for i in await instances(ctx) if i["InstanceArn"] == instance_arn)


async def per_instance(
    ctx: TableContext, rows_of: Callable[[dict[str, Any]], Awaitable[list[dict[str, Any]]]]
) -> list[dict[str, Any]]:
    """Rows of ``rows_of(instance)`` for every instance, each row in its instance's region."""
    nested = await asyncio.gather(*(rows_of(i) for i in await instances(ctx)))
    return [row for rows in nested for row in rows]


async def permission_set_arns(ctx: TableContext, instance: dict[str, Any]) -> list[str]:
    """ListPermissionSets, once per instance and run (what needs only the ARNs need not wait
    for the descriptions)."""

    async def fetch() -> list[str]:
        client = await ctx.client(SERVICE, instance["_region"])
        return await ctx.aws.items(
            client, "list_permission_sets", "PermissionSets", InstanceArn=instance["InstanceArn"]
        )

    return await ctx.aws.memo(("sso.permission_set_arns", instance["InstanceArn"]), fetch)


async def permission_sets(ctx: TableContext, instance: dict[str, Any]) -> list[dict[str, Any]]:
    """ListPermissionSets, then DescribePermissionSet for each, once per instance and run."""

    async def fetch() -> list[dict[str, Any]]:
        client = await ctx.client(SERVICE, instance["_region"])
        arn = instance["InstanceArn"]
        listed = await permission_set_arns(ctx, instance)

        async def describe(pset_arn: str) -> dict[str, Any]:
            answer = await ctx.aws.call(
                client, "describe_permission_set", InstanceArn=arn, PermissionSetArn=pset_arn
            )
            return answer["PermissionSet"]

        return list(await asyncio.gather(*(describe(p) for p in listed)))

    return await ctx.aws.memo(("sso.permission_sets", instance["InstanceArn"]), fetch)


def grants_admin(managed_policies: list[str], inline_policy: str | None) -> bool:
    """AdministratorAccess attached, or an inline statement that allows "*" on "*" (with or
    without a Condition: ``toolkit.policies.allows_full_admin(..., conditional=True)``)."""
    if any(arn.endswith(ADMIN_POLICY_SUFFIX) for arn in managed_policies):
        return True
    return allows_full_admin(inline_policy, conditional=True)
