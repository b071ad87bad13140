"""``organizations.organizational_units``: every OU, nested ones included, from the tree walk."""

from __future__ import annotations

from typing import Any

from ..base import TableContext, table
from ._shared import TREE_CALLS, tree


@table(
    "organizations.organizational_units",
    where="organization",
    key=("id",),
    calls=TREE_CALLS,
    columns=(
        ("id", "string", "The OU's id (ou-...)."),
        ("arn", "string", "The OU's ARN."),
        ("name", "string", "The OU's name."),
        ("parent_id", "string", "The root or OU this OU sits in."),
        ("path", "string", "Names from the root down to this OU, e.g. Root/Workloads."),
        ("depth", "Int64", "1 for an OU directly under the root."),
    ),
)
async def organizational_units(ctx: TableContext) -> list[dict[str, Any]]:
    """Every organizational unit, nested ones included, with its path from the root."""
    return [
        {
            "id": ou["Id"],
            "arn": ou.get("Arn"),
            "name": ou.get("Name"),
            "parent_id": ou["_parent"],
            "path": ou["_path"],
            "depth": ou["_depth"],
            "region": "global",
        }
        for ou in (await tree(ctx))["ous"]
    ]
