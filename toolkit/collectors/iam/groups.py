"""``iam.groups``: every IAM group, from the shared authorization details alone."""

from __future__ import annotations

from typing import Any

from ..base import TableContext, table
from ._shared import ATTACHED_DOC, DETAILS_ACTION, INLINE_DOC, attached, details, inline


@table(
    "iam.groups",
    where="global",
    key=("arn",),
    calls=(DETAILS_ACTION,),
    columns=(
        ("group_name", "string", "The group's name."),
        ("group_id", "string", "The group's unique id (AGPA...)."),
        ("arn", "string", "The group's ARN."),
        ("attached_policy_arns", "string", ATTACHED_DOC),
        ("inline_policy_names", "string", INLINE_DOC),
        ("member_count", "Int64", "How many users belong to the group."),
    ),
)
async def groups(ctx: TableContext) -> list[dict[str, Any]]:
    """Every IAM group, with its policies and how many users it has."""
    found = await details(ctx)
    members: dict[str, int] = {}
    for user in found["UserDetailList"]:
        for name in set(user.get("GroupList") or []):
            members[name] = members.get(name, 0) + 1
    return [
        {
            "group_name": group["GroupName"],
            "group_id": group.get("GroupId"),
            "arn": group["Arn"],
            "attached_policy_arns": attached(group),
            "inline_policy_names": inline(group, "GroupPolicyList"),
            "member_count": members.get(group["GroupName"], 0),
            "region": "global",
        }
        for group in found["GroupDetailList"]
    ]
