"""``example.caller_identity``: who the toolkit is in each account (STS GetCallerIdentity).

Importing this module registers the table; the ``toolkit.tables`` entry point names it.
"""

from __future__ import annotations

from typing import Any

from toolkit.collectors.base import TableContext, table


@table(
    "example.caller_identity",
    where="global",
    key=("arn",),
    calls=("sts:GetCallerIdentity",),
    columns=(
        ("arn", "string", "The ARN the account is read as."),
        ("user_id", "string", "The caller's unique id."),
    ),
)
async def caller_identity(ctx: TableContext) -> list[dict[str, Any]]:
    """The identity the toolkit uses in each account: one row per account."""
    sts = await ctx.client("sts")
    answer = await sts.get_caller_identity()
    return [
        {
            "account_id": ctx.account_id,
            "region": ctx.region,
            "arn": answer["Arn"],
            "user_id": answer["UserId"],
        }
    ]
