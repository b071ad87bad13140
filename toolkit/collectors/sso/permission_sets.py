"""``sso.permission_sets``: every permission set, its session length and the policies it grants.

The list step is ListPermissionSets and DescribePermissionSet (shared with the assignments);
each kind of policy is a per-set hydrate, and ``admin_access`` judges the managed and inline
policies once they are read (no call of its own). ``managed_documents`` reads the AWS managed
policies' documents in the caller's account (IAM GetPolicy and GetPolicyVersion, once per policy
and run, shared with ``iam.aws_managed_policies``): Identity Center's provisioned roles in the
target accounts are not needed to know what a permission set grants.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

from ...policies import load
from ..base import Column, Hydrate, ListStep, TableContext, declare
from ..iam._shared import AWS_POLICY_CALLS, aws_managed_document
from ._shared import (
    DISCOVERY_CALLS,
    PERMISSION_SET_CALLS,
    SERVICE,
    grants_admin,
    per_instance,
)
from ._shared import (
    permission_sets as described,
)

DURATION = re.compile(
    r"^P(?:(?P<days>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)


def duration_hours(value: str | None) -> float | None:
    """An ISO 8601 duration (PT12H, PT1H30M, P1D) in hours; None if absent or unreadable."""
    match = DURATION.match(value or "")
    if not value or not match or not any(match.groupdict().values()):
        return None
    parts = {name: float(number or 0) for name, number in match.groupdict().items()}
    return parts["days"] * 24 + parts["hours"] + parts["minutes"] / 60 + parts["seconds"] / 3600


async def list_sets(ctx: TableContext) -> list[dict[str, Any]]:
    async def rows_of(instance: dict[str, Any]) -> list[dict[str, Any]]:
        return [
            {
                "region": instance["_region"],
                "permission_set_arn": pset["PermissionSetArn"],
                "name": pset.get("Name"),
                "description": pset.get("Description"),
                "instance_arn": instance["InstanceArn"],
                "created_date": pset.get("CreatedDate"),
                "session_duration": pset.get("SessionDuration"),
                "session_duration_hours": duration_hours(pset.get("SessionDuration")),
                "relay_state": pset.get("RelayState"),
            }
            for pset in await described(ctx, instance)
        ]

    return await per_instance(ctx, rows_of)


async def _items(ctx: TableContext, item: dict[str, Any], operation: str, key: str) -> list:
    client = await ctx.client(SERVICE, item["region"])
    return await ctx.aws.items(
        client,
        operation,
        key,
        InstanceArn=item["instance_arn"],
        PermissionSetArn=item["permission_set_arn"],
    )


async def managed(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    found = await _items(
        ctx, item, "list_managed_policies_in_permission_set", "AttachedManagedPolicies"
    )
    return {"managed_policies": json.dumps(sorted(policy["Arn"] for policy in found))}


async def customer_managed(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    found = await _items(
        ctx,
        item,
        "list_customer_managed_policy_references_in_permission_set",
        "CustomerManagedPolicyReferences",
    )
    names = sorted(f"{ref.get('Path') or '/'}{ref['Name']}" for ref in found)
    return {"customer_managed_policies": json.dumps(names)}


async def inline(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    answer = await ctx.aws.call(
        await ctx.client(SERVICE, item["region"]),
        "get_inline_policy_for_permission_set",
        InstanceArn=item["instance_arn"],
        PermissionSetArn=item["permission_set_arn"],
    )
    return {"inline_policy": answer.get("InlinePolicy") or None}


async def admin_access(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    """Judged from the two hydrates it waits for; no call of its own."""
    managed_arns = json.loads(item["managed_policies"])
    return {"has_admin_access": grants_admin(managed_arns, item["inline_policy"])}


async def managed_documents(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    """The attached AWS managed policies' default documents, from the caller's account."""
    arns = json.loads(item["managed_policies"])
    documents = await asyncio.gather(*(aws_managed_document(ctx, arn) for arn in arns))
    found = {arn: load(doc) for arn, doc in zip(arns, documents, strict=True)}
    return {"managed_policy_documents": json.dumps(found, sort_keys=True)}


permission_sets = declare(
    "sso.permission_sets",
    where="organization",
    key=("permission_set_arn",),
    doc="Every permission set with its session length and the policies it grants.",
    list=ListStep((*DISCOVERY_CALLS, *PERMISSION_SET_CALLS), list_sets),
    hydrates=(
        Hydrate("managed_policies", ("sso:ListManagedPoliciesInPermissionSet",), managed),
        Hydrate(
            "customer_managed_policies",
            ("sso:ListCustomerManagedPolicyReferencesInPermissionSet",),
            customer_managed,
        ),
        Hydrate("inline_policy", ("sso:GetInlinePolicyForPermissionSet",), inline),
        Hydrate("admin_access", (), admin_access, depends_on=("managed_policies", "inline_policy")),
        Hydrate(
            "managed_documents",
            AWS_POLICY_CALLS,
            managed_documents,
            depends_on=("managed_policies",),
        ),
    ),
    columns=(
        Column("permission_set_arn", "string", "The permission set's ARN."),
        Column("name", "string", "The permission set's name."),
        Column("description", "string", "The permission set's description."),
        Column("instance_arn", "string", "The Identity Center instance it belongs to."),
        Column("created_date", "datetime64[ns, UTC]", "When the permission set was created."),
        Column("session_duration", "string", "Session length, ISO 8601 as AWS gives it (PT12H)."),
        Column(
            "session_duration_hours",
            "Float64",
            "Session length in hours (fractional: PT1H30M is 1.5); null if unset.",
        ),
        Column("relay_state", "string", "Where users land in the console after signing in."),
        Column(
            "managed_policies",
            "string",
            "JSON list of the attached AWS managed policy ARNs.",
            "managed_policies",
        ),
        Column(
            "customer_managed_policies",
            "string",
            "JSON list of the customer managed policy references, each as path and name "
            "(/team/PolicyName).",
            "customer_managed_policies",
        ),
        Column(
            "inline_policy",
            "string",
            "The inline policy document, JSON; null if none.",
            "inline_policy",
        ),
        Column(
            "has_admin_access",
            "boolean",
            "AdministratorAccess attached, or an inline statement allowing * on *.",
            "admin_access",
        ),
        Column(
            "managed_policy_documents",
            "string",
            "JSON object of the attached AWS managed policies' default documents, by ARN.",
            "managed_documents",
        ),
    ),
)
