"""What the S3 tables share: the account's public access block and how it becomes columns."""

from __future__ import annotations

from typing import Any

from ..base import Column, Hydrate, TableContext

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


async def list_buckets(ctx: TableContext) -> list[dict[str, Any]]:
    """The account's buckets, from one ListBuckets per account and run (the bucket tables
    share it)."""

    async def fetch() -> list[dict[str, Any]]:
        client = await ctx.client("s3", "global")
        return await ctx.aws.items(client, "list_buckets", "Buckets")

    listed = await ctx.aws.memo(("s3.list_buckets", ctx.account_id), fetch)
    return [
        {
            "name": bucket["Name"],
            "arn": f"arn:aws:s3:::{bucket['Name']}",
            "creation_date": bucket.get("CreationDate"),
            # what ListBuckets says of the region (AWS's BucketRegion); the hydrate decides
            "region": bucket.get("BucketRegion"),
        }
        for bucket in listed
    ]


async def location(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    """The bucket's region (asked only where ListBuckets did not say, once per bucket and run);
    None drops a bucket outside the scope's regions."""
    region = item.get("region")
    if not region:

        async def fetch() -> str:
            client = await ctx.client("s3", "global")
            answer = await ctx.aws.call(client, "get_bucket_location", Bucket=item["name"])
            return answer.get("LocationConstraint") or "us-east-1"

        region = await ctx.aws.memo(("s3.location", ctx.account_id, item["name"]), fetch)
    if ctx.aws.scope.regions and region not in ctx.aws.scope.regions:
        return None
    return {"region": region}


async def bucket_client(ctx: TableContext, item: dict[str, Any]) -> Any:
    """The client of the bucket's own region (S3 answers a bucket's settings there)."""
    return await ctx.client("s3", item["region"])


def after_location(name: str, actions: tuple[str, ...], fetch: Any) -> Hydrate:
    """A per-bucket hydrate that runs once the bucket's region is known."""
    return Hydrate(name, actions, fetch, depends_on=("location",))
