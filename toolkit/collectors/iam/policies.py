"""``iam.policies``: every customer managed policy, with its default version's document."""

from __future__ import annotations

from typing import Any

from ...policies import allows_full_admin, to_json
from ..base import TableContext, table
from ._shared import DETAILS_ACTION, TIMESTAMP, client, details


async def policy_ids(ctx: TableContext) -> dict[str, str]:
    """Policy ARN to id, from ListPolicies (Scope Local): only for answers that leave ids out
    (AWS sends them; the sandbox's moto does not)."""

    async def fetch() -> dict[str, str]:
        listed = await ctx.aws.items(await client(ctx), "list_policies", "Policies", Scope="Local")
        return {p["Arn"]: p["PolicyId"] for p in listed if p.get("PolicyId")}

    return await ctx.aws.memo(("iam.policy_ids", ctx.account_id), fetch)


@table(
    "iam.policies",
    where="global",
    key=("arn",),
    calls=(DETAILS_ACTION, "iam:ListPolicies"),
    columns=(
        ("policy_name", "string", "The policy's name."),
        ("policy_id", "string", "The policy's unique id (ANPA...)."),
        ("arn", "string", "The policy's ARN."),
        ("path", "string", "The policy's path, / by default."),
        ("default_version_id", "string", "The version in force (v1, v2, ...)."),
        ("attachment_count", "Int64", "How many users, groups and roles it is attached to."),
        ("create_date", TIMESTAMP, "When the policy was created."),
        ("update_date", TIMESTAMP, "When its default version was last changed."),
        ("document", "string", "The default version's document, JSON."),
        (
            "allows_full_admin",
            "boolean",
            "Whether a statement allows Action '*' on Resource '*' with no Condition.",
        ),
    ),
)
async def policies(ctx: TableContext) -> list[dict[str, Any]]:
    """Every customer managed policy of the account, with its default version's document."""
    found = (await details(ctx))["Policies"]
    ids: dict[str, str] = {}
    if any(not policy.get("PolicyId") for policy in found):
        ids = await policy_ids(ctx)
    rows = []
    for policy in found:
        default = policy.get("DefaultVersionId")
        versions = policy.get("PolicyVersionList") or []
        current = next(
            (v for v in versions if v.get("IsDefaultVersion") or v.get("VersionId") == default),
            None,
        )
        document = None if current is None else current.get("Document")
        rows.append(
            {
                "policy_name": policy.get("PolicyName") or policy["Arn"].rsplit("/", 1)[-1],
                "policy_id": policy.get("PolicyId") or ids.get(policy["Arn"]),
                "arn": policy["Arn"],
                "path": policy.get("Path"),
                "default_version_id": default,
                "attachment_count": policy.get("AttachmentCount"),
                "create_date": policy.get("CreateDate"),
                "update_date": policy.get("UpdateDate"),
                "document": to_json(document),
                "allows_full_admin": allows_full_admin(document),
                "region": "global",
            }
        )
    return rows
