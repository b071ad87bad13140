"""What the S3 tables share: the account's public access block and how it becomes columns."""

from __future__ import annotations

from typing import Any

from ..base import Column, TableContext

PAB_FIELDS = {
    "BlockPublicAcls": "block_public_acls",
    "IgnorePublicAcls": "ignore_public_acls",
    "BlockPublicPolicy": "block_public_policy",
    "RestrictPublicBuckets": "restrict_public_buckets",
}
NO_PAB = ("NoSuchPublicAccessBlockConfiguration",)


def pab_columns(prefix: str, level: str, source: str = "list") -> tuple[Column, ...]:
    """The five columns of a public access block (set or not, and its four flags)."""
    return (
        Column(
            f"{prefix}configured",
            "boolean",
            f"Whether a public access block is set at {level} level.",
            source,
        ),
        *(
            Column(
                f"{prefix}{name}",
                "boolean",
                f"{field} in the {level}-level public access block.",
                source,
            )
            for field, name in PAB_FIELDS.items()
        ),
    )


def pab_values(prefix: str, config: dict[str, Any] | None) -> dict[str, Any]:
    values = {f"{prefix}configured": config is not None}
    for field, name in PAB_FIELDS.items():
        values[f"{prefix}{name}"] = bool((config or {}).get(field, False))
    return values


async def account_public_access_block(ctx: TableContext) -> dict[str, Any] | None:
    """The account's block, asked once per account and run (several tables need it)."""

    async def fetch() -> dict[str, Any] | None:
        client = await ctx.client("s3control", "global")
        answer = await ctx.aws.call_or(
            client, "get_public_access_block", None, NO_PAB, AccountId=ctx.account_id
        )
        return None if answer is None else answer["PublicAccessBlockConfiguration"]

    return await ctx.aws.memo(("s3.account_pab", ctx.account_id), fetch)
