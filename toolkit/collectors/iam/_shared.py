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
BOUNDARY_DOC = "The ARN of the permissions boundary policy; null without one."
#: What reading an AWS managed policy's document takes (the version id known or not).
AWS_POLICY_CALLS = ("iam:GetPolicy", "iam:GetPolicyVersion")


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


async def aws_managed_document(ctx: TableContext, arn: str, version_id: str | None = None) -> Any:
    """The document of an AWS managed policy's version (its default one when ``version_id`` is
    not given: GetPolicy, then GetPolicyVersion), from the caller's account. AWS managed
    documents are the same in every account, so each (ARN, version) is read once per run,
    whichever account or table asks first."""
    iam = await client(ctx)

    async def default_version() -> str:
        answer = await ctx.aws.call(iam, "get_policy", PolicyArn=arn)
        return answer["Policy"]["DefaultVersionId"]

    version = version_id or await ctx.aws.memo(("iam.aws_policy_default", arn), default_version)

    async def document() -> Any:
        answer = await ctx.aws.call(iam, "get_policy_version", PolicyArn=arn, VersionId=version)
        return answer["PolicyVersion"].get("Document")

    return await ctx.aws.memo(("iam.aws_policy_document", arn, version), document)


def boundary(resource: dict[str, Any]) -> str | None:
    """The permissions boundary's ARN in an authorization details entry, if it has one."""
    return (resource.get("PermissionsBoundary") or {}).get("PermissionsBoundaryArn") or None


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
