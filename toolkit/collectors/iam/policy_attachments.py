"""``iam.policy_attachments``: one row per (principal, policy), from the authorization details."""

from __future__ import annotations

from typing import Any

from ...policies import to_json
from ..base import TableContext, table
from ._shared import DETAILS_ACTION, details

#: Per principal type: its list in the details, its name key and its inline policies' key.
KINDS = (
    ("user", "UserDetailList", "UserName", "UserPolicyList"),
    ("group", "GroupDetailList", "GroupName", "GroupPolicyList"),
    ("role", "RoleDetailList", "RoleName", "RolePolicyList"),
)


@table(
    "iam.policy_attachments",
    where="global",
    key=("principal_arn", "policy_type", "policy_name", "policy_arn"),
    calls=(DETAILS_ACTION,),
    columns=(
        ("principal_type", "string", "user, group or role."),
        ("principal_name", "string", "The user's, group's or role's name."),
        ("principal_arn", "string", "The user's, group's or role's ARN."),
        ("policy_type", "string", "managed (attached) or inline (embedded in the principal)."),
        ("policy_name", "string", "The policy's name."),
        ("policy_arn", "string", "The managed policy's ARN; null for inline policies."),
        ("document", "string", "The inline policy's document, JSON; null for managed policies."),
    ),
)
async def policy_attachments(ctx: TableContext) -> list[dict[str, Any]]:
    """Every policy of every user, group and role: one row per (principal, policy)."""
    found = await details(ctx)
    rows = []
    for kind, list_key, name_key, inline_key in KINDS:
        for principal in found[list_key]:
            common = {
                "principal_type": kind,
                "principal_name": principal[name_key],
                "principal_arn": principal["Arn"],
                "region": "global",
            }
            for policy in principal.get("AttachedManagedPolicies") or []:
                rows.append(
                    {
                        **common,
                        "policy_type": "managed",
                        "policy_name": policy.get("PolicyName"),
                        "policy_arn": policy["PolicyArn"],
                        "document": None,
                    }
                )
            for policy in principal.get(inline_key) or []:
                rows.append(
                    {
                        **common,
                        "policy_type": "inline",
                        "policy_name": policy["PolicyName"],
                        "policy_arn": None,
                        "document": to_json(policy.get("PolicyDocument")),
                    }
                )
    return rows
