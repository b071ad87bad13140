"""``organizations.policy_targets``: one row per (service control policy, target).

ListPolicies (shared with ``policies``), then ListTargetsForPolicy per policy; the policy's
name comes with the list, so no DescribePolicy is needed here.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ..base import TableContext, table
from ._shared import client, scp_summaries


@table(
    "organizations.policy_targets",
    where="organization",
    key=("policy_id", "target_id"),
    calls=("organizations:ListPolicies", "organizations:ListTargetsForPolicy"),
    columns=(
        ("policy_id", "string", "The policy attached."),
        ("policy_name", "string", "The policy's name."),
        ("target_id", "string", "The root, OU or account it is attached to."),
        ("target_type", "string", "ROOT, ORGANIZATIONAL_UNIT or ACCOUNT."),
        ("target_name", "string", "The target's name."),
    ),
)
async def policy_targets(ctx: TableContext) -> list[dict[str, Any]]:
    """Where each service control policy is attached: one row per (policy, target)."""
    orgs = await client(ctx)

    async def targets(summary: dict[str, Any]) -> list[dict[str, Any]]:
        found = await ctx.aws.items(
            orgs, "list_targets_for_policy", "Targets", PolicyId=summary["Id"]
        )
        return [
            {
                "policy_id": summary["Id"],
                "policy_name": summary.get("Name"),
                "target_id": target["TargetId"],
                "target_type": target.get("Type"),
                "target_name": target.get("Name"),
                "region": "global",
            }
            for target in found
        ]

    nested = await asyncio.gather(*(targets(s) for s in await scp_summaries(ctx)))
    return [row for rows in nested for row in rows]
