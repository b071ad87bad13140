"""``s3.account_public_access_block``: one row per account, set or not."""

from __future__ import annotations

from typing import Any

from ..base import TableContext, table
from ._shared import account_public_access_block as account_block
from ._shared import pab_columns, pab_values


@table(
    "s3.account_public_access_block",
    where="global",
    key=("account_id",),
    calls=("s3:GetAccountPublicAccessBlock",),
    columns=pab_columns("", "account"),
)
async def account_public_access_block(ctx: TableContext) -> list[dict[str, Any]]:
    """The account-level S3 public access block: one row per account, set or not."""
    return [{"region": "global", **pab_values("", await account_block(ctx))}]
