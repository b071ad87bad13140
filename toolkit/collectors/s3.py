"""Amazon S3: buckets with their security settings, and the account's public access block.

Per account: one ListBuckets (its BucketRegion answers the region; GetBucketLocation only where
it is missing) and one S3 Control GetPublicAccessBlock. Per bucket in the scope's regions, the
detail calls run concurrently as soon as the bucket is listed: versioning, encryption, public
access block, policy, policy status (only when a policy exists), ACL, ownership controls and
logging: 7 or 8 calls a bucket. "Not configured" answers become typed defaults here, not errors.
"""

from __future__ import annotations

import asyncio
from typing import Any

from .base import TableContext, table

PUBLIC_GROUPS = {
    "http://acs.amazonaws.com/groups/global/AllUsers": "all_users",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "authenticated_users",
}
PAB_FIELDS = {
    "BlockPublicAcls": "block_public_acls",
    "IgnorePublicAcls": "ignore_public_acls",
    "BlockPublicPolicy": "block_public_policy",
    "RestrictPublicBuckets": "restrict_public_buckets",
}
NO_PAB = ("NoSuchPublicAccessBlockConfiguration",)


def _pab_columns(prefix: str, level: str) -> tuple[tuple[str, str, str], ...]:
    return (
        (
            f"{prefix}configured",
            "boolean",
            f"Whether a public access block is set at {level} level.",
        ),
        *(
            (f"{prefix}{name}", "boolean", f"{field} in the {level}-level public access block.")
            for field, name in PAB_FIELDS.items()
        ),
    )


def _pab_values(prefix: str, config: dict[str, Any] | None) -> dict[str, Any]:
    values = {f"{prefix}configured": config is not None}
    for field, name in PAB_FIELDS.items():
        values[f"{prefix}{name}"] = bool((config or {}).get(field, False))
    return values


async def _account_public_access_block(ctx: TableContext) -> dict[str, Any] | None:
    async def fetch() -> dict[str, Any] | None:
        client = await ctx.client("s3control", "global")
        answer = await ctx.aws.call_or(
            client, "get_public_access_block", None, NO_PAB, AccountId=ctx.account_id
        )
        return None if answer is None else answer["PublicAccessBlockConfiguration"]

    return await ctx.aws.memo(("s3.account_pab", ctx.account_id), fetch)


@table(
    "s3.account_public_access_block",
    where="global",
    key=("account_id",),
    calls=("s3:GetAccountPublicAccessBlock",),
    columns=_pab_columns("", "account"),
)
async def account_public_access_block(ctx: TableContext) -> list[dict[str, Any]]:
    """The account-level S3 public access block: one row per account, set or not."""
    return [{"region": "global", **_pab_values("", await _account_public_access_block(ctx))}]


@table(
    "s3.buckets",
    where="global",
    key=("name",),
    calls=(
        "s3:ListAllMyBuckets",
        "s3:GetBucketLocation",
        "s3:GetBucketVersioning",
        "s3:GetEncryptionConfiguration",
        "s3:GetBucketPublicAccessBlock",
        "s3:GetAccountPublicAccessBlock",
        "s3:GetBucketPolicy",
        "s3:GetBucketPolicyStatus",
        "s3:GetBucketAcl",
        "s3:GetBucketOwnershipControls",
        "s3:GetBucketLogging",
    ),
    columns=(
        ("name", "string", "The bucket's name."),
        ("arn", "string", "arn:aws:s3:::NAME."),
        ("creation_date", "datetime64[ns, UTC]", "When the bucket was created."),
        ("versioning", "string", "Enabled, Suspended or Disabled (never enabled)."),
        ("mfa_delete", "boolean", "Whether MFA delete is enabled."),
        (
            "encryption",
            "string",
            "Default encryption algorithm (AES256, aws:kms, ...); null if none.",
        ),
        ("kms_key_id", "string", "The KMS key of default encryption, if any."),
        ("bucket_key_enabled", "boolean", "Whether S3 Bucket Keys are enabled."),
        *_pab_columns("pab_", "bucket"),
        *_pab_columns("account_pab_", "account"),
        ("policy", "string", "The bucket policy document (JSON); null if none."),
        ("policy_public", "boolean", "Whether S3 judges the bucket policy public."),
        (
            "acl_all_users",
            "string",
            "Permissions the ACL grants to everyone (AllUsers), comma-separated.",
        ),
        (
            "acl_authenticated_users",
            "string",
            "Permissions the ACL grants to any AWS account (AuthenticatedUsers), comma-separated.",
        ),
        (
            "acl_public",
            "boolean",
            "Whether the ACL grants anything to AllUsers or AuthenticatedUsers.",
        ),
        ("owner_id", "string", "Canonical id of the bucket owner."),
        (
            "object_ownership",
            "string",
            "BucketOwnerEnforced, BucketOwnerPreferred, ObjectWriter; null if unset.",
        ),
        ("logging_enabled", "boolean", "Whether server access logging is on."),
        ("logging_target_bucket", "string", "Where access logs go."),
        ("logging_target_prefix", "string", "The access log prefix."),
    ),
)
async def buckets(ctx: TableContext) -> list[dict[str, Any]]:
    """Every bucket of the account in the scope's regions, with its security settings."""
    client = await ctx.client("s3", "global")
    listed = await ctx.aws.items(client, "list_buckets", "Buckets")
    account_pab = asyncio.ensure_future(_account_public_access_block(ctx))

    async def region_of(bucket: dict[str, Any]) -> str:
        if bucket.get("BucketRegion"):
            return bucket["BucketRegion"]
        answer = await ctx.aws.call(client, "get_bucket_location", Bucket=bucket["Name"])
        return answer.get("LocationConstraint") or "us-east-1"

    async def describe(bucket: dict[str, Any]) -> dict[str, Any] | None:
        region = await region_of(bucket)
        if ctx.aws.scope.regions and region not in ctx.aws.scope.regions:
            return None
        return {"region": region, **await _bucket_details(ctx, bucket, region)}

    try:
        rows = await asyncio.gather(*(describe(bucket) for bucket in listed))
    except BaseException:
        account_pab.cancel()  # the table failed: its answer (or error) is not wanted
        await asyncio.gather(account_pab, return_exceptions=True)
        raise
    account_values = _pab_values("account_pab_", await account_pab)
    return [{**row, **account_values} for row in rows if row is not None]


async def _bucket_details(ctx: TableContext, bucket: dict[str, Any], region: str) -> dict[str, Any]:
    name = bucket["Name"]
    client = await ctx.client("s3", region)
    aws = ctx.aws

    versioning, encryption, pab, policy, acl, ownership, logging = await asyncio.gather(
        aws.call(client, "get_bucket_versioning", Bucket=name),
        aws.call_or(
            client,
            "get_bucket_encryption",
            None,
            ("ServerSideEncryptionConfigurationNotFoundError",),
            Bucket=name,
        ),
        aws.call_or(client, "get_public_access_block", None, NO_PAB, Bucket=name),
        aws.call_or(client, "get_bucket_policy", None, ("NoSuchBucketPolicy",), Bucket=name),
        aws.call(client, "get_bucket_acl", Bucket=name),
        aws.call_or(
            client,
            "get_bucket_ownership_controls",
            None,
            ("OwnershipControlsNotFoundError",),
            Bucket=name,
        ),
        aws.call(client, "get_bucket_logging", Bucket=name),
    )
    policy_public = False
    if policy is not None:
        status = await aws.call_or(
            client, "get_bucket_policy_status", None, ("NoSuchBucketPolicy",), Bucket=name
        )
        policy_public = bool(status and status["PolicyStatus"].get("IsPublic"))

    rule = ((encryption or {}).get("ServerSideEncryptionConfiguration", {}).get("Rules") or [{}])[0]
    default = rule.get("ApplyServerSideEncryptionByDefault", {})
    grants = _public_grants(acl.get("Grants", []))
    log = logging.get("LoggingEnabled") or {}
    rules = ((ownership or {}).get("OwnershipControls", {}).get("Rules")) or [{}]
    return {
        "name": name,
        "arn": f"arn:aws:s3:::{name}",
        "creation_date": bucket.get("CreationDate"),
        "versioning": versioning.get("Status") or "Disabled",
        "mfa_delete": versioning.get("MFADelete") == "Enabled",
        "encryption": default.get("SSEAlgorithm"),
        "kms_key_id": default.get("KMSMasterKeyID"),
        "bucket_key_enabled": bool(rule.get("BucketKeyEnabled", False)),
        **_pab_values("pab_", None if pab is None else pab["PublicAccessBlockConfiguration"]),
        "policy": None if policy is None else policy["Policy"],
        "policy_public": policy_public,
        "acl_all_users": grants["all_users"],
        "acl_authenticated_users": grants["authenticated_users"],
        "acl_public": bool(grants["all_users"] or grants["authenticated_users"]),
        "owner_id": acl.get("Owner", {}).get("ID"),
        "object_ownership": rules[0].get("ObjectOwnership"),
        "logging_enabled": bool(log),
        "logging_target_bucket": log.get("TargetBucket"),
        "logging_target_prefix": log.get("TargetPrefix"),
    }


def _public_grants(grants: list[dict[str, Any]]) -> dict[str, str | None]:
    found: dict[str, set[str]] = {name: set() for name in PUBLIC_GROUPS.values()}
    for grant in grants:
        group = PUBLIC_GROUPS.get(grant.get("Grantee", {}).get("URI", ""))
        if group:
            found[group].add(grant["Permission"])
    return {name: ",".join(sorted(perms)) or None for name, perms in found.items()}
