"""``iam.aws_managed_policies``: the AWS managed policies attached to something in the account,
each with its default version's document, so that effective access can read every policy that
applies to a principal from the inventory alone.

ListPolicies (Scope AWS, OnlyAttached) once per account; GetPolicyVersion once per (ARN,
version) and run: AWS managed documents are the same in every account, so the second account
to ask reuses the first one's answer (``_shared.aws_managed_document``).
"""

from __future__ import annotations

import asyncio
from typing import Any

from ...policies import to_json
from ..base import TableContext, table
from ._shared import TIMESTAMP, aws_managed_document, client


@table(
    "iam.aws_managed_policies",
    where="global",
    key=("arn",),
    calls=("iam:ListPolicies", "iam:GetPolicyVersion"),
    columns=(
        ("policy_name", "string", "The policy's name (AdministratorAccess, ...)."),
        ("arn", "string", "The policy's ARN (arn:aws:iam::aws:policy/...)."),
        ("path", "string", "The policy's path (/, /job-function/, /service-role/, ...)."),
        ("default_version_id", "string", "The version in force (v1, v2, ...)."),
        (
            "attachment_count",
            "Int64",
            "How many users, groups and roles of this account it is attached to.",
        ),
        ("update_date", TIMESTAMP, "When AWS last changed its default version."),
        ("document", "string", "The default version's document, JSON."),
    ),
)
async def aws_managed_policies(ctx: TableContext) -> list[dict[str, Any]]:
    """The AWS managed policies attached in the account, with their documents."""
    listed = await ctx.aws.items(
        await client(ctx), "list_policies", "Policies", Scope="AWS", OnlyAttached=True
    )
    documents = await asyncio.gather(
        *(aws_managed_document(ctx, p["Arn"], p["DefaultVersionId"]) for p in listed)
    )
    return [
        {
            "policy_name": policy.get("PolicyName") or policy["Arn"].rsplit("/", 1)[-1],
            "arn": policy["Arn"],
            "path": policy.get("Path"),
            "default_version_id": policy["DefaultVersionId"],
            "attachment_count": policy.get("AttachmentCount"),
            "update_date": policy.get("UpdateDate"),
            "document": to_json(document),
            "region": "global",
        }
        for policy, document in zip(listed, documents, strict=True)
    ]
