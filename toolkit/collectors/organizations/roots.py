"""``organizations.roots``: the organization's root(s), from the tree walk's ListRoots."""

from __future__ import annotations

import json
from typing import Any

from ..base import TableContext, table
from ._shared import roots as listed_roots


@table(
    "organizations.roots",
    where="organization",
    key=("id",),
    calls=("organizations:ListRoots",),
    columns=(
        ("id", "string", "The root's id (r-...)."),
        ("arn", "string", "The root's ARN."),
        ("name", "string", "The root's name."),
        ("policy_types", "string", "JSON list of the policy types enabled on the root."),
    ),
)
async def roots(ctx: TableContext) -> list[dict[str, Any]]:
    """The organization's root(s) and the policy types enabled on each."""
    return [
        {
            "id": root["Id"],
            "arn": root.get("Arn"),
            "name": root.get("Name"),
            "policy_types": json.dumps(
                sorted(
                    p["Type"] for p in root.get("PolicyTypes", []) if p.get("Status") == "ENABLED"
                )
            ),
            "region": "global",
        }
        for root in await listed_roots(ctx)
    ]
