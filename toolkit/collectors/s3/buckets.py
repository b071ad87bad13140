"""``s3.buckets``: every bucket in the scope's regions, with its security settings.

The list step is one ListBuckets per account; every other column comes from a per-bucket
hydrate that runs once the bucket's region is known (``location``), and only when one of its
columns is asked for.
"""

from __future__ import annotations

from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare
from ._shared import (
    NO_PAB,
    account_public_access_block,
    after_location,
    bucket_client,
    list_buckets,
    location,
    pab_columns,
    pab_values,
)

PUBLIC_GROUPS = {
    "http://acs.amazonaws.com/groups/global/AllUsers": "all_users",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "authenticated_users",
}


async def versioning(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    answer = await ctx.aws.call(
        await bucket_client(ctx, item), "get_bucket_versioning", Bucket=item["name"]
    )
    return {
        "versioning": answer.get("Status") or "Disabled",
        "mfa_delete": answer.get("MFADelete") == "Enabled",
    }


async def encryption(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    answer = await ctx.aws.call_or(
        await bucket_client(ctx, item),
        "get_bucket_encryption",
        None,
        ("ServerSideEncryptionConfigurationNotFoundError",),
        Bucket=item["name"],
    )
    rule = ((answer or {}).get("ServerSideEncryptionConfiguration", {}).get("Rules") or [{}])[0]
    default = rule.get("ApplyServerSideEncryptionByDefault", {})
    return {
        "encryption": default.get("SSEAlgorithm"),
        "kms_key_id": default.get("KMSMasterKeyID"),
        "bucket_key_enabled": bool(rule.get("BucketKeyEnabled", False)),
    }


async def public_access_block(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    answer = await ctx.aws.call_or(
        await bucket_client(ctx, item), "get_public_access_block", None, NO_PAB, Bucket=item["name"]
    )
    return pab_values("pab_", None if answer is None else answer["PublicAccessBlockConfiguration"])


async def account_block(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    return pab_values("account_pab_", await account_public_access_block(ctx))


async def policy(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    """The policy, and S3's own judgement of it (asked only when there is a policy)."""
    client = await bucket_client(ctx, item)
    answer = await ctx.aws.call_or(
        client, "get_bucket_policy", None, ("NoSuchBucketPolicy",), Bucket=item["name"]
    )
    public = False
    if answer is not None:
        status = await ctx.aws.call_or(
            client, "get_bucket_policy_status", None, ("NoSuchBucketPolicy",), Bucket=item["name"]
        )
        public = bool(status and status["PolicyStatus"].get("IsPublic"))
    return {"policy": None if answer is None else answer["Policy"], "policy_public": public}


async def acl(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    answer = await ctx.aws.call(
        await bucket_client(ctx, item), "get_bucket_acl", Bucket=item["name"]
    )
    grants = _public_grants(answer.get("Grants", []))
    return {
        "acl_all_users": grants["all_users"],
        "acl_authenticated_users": grants["authenticated_users"],
        "acl_public": bool(grants["all_users"] or grants["authenticated_users"]),
        "owner_id": answer.get("Owner", {}).get("ID"),
    }


async def ownership(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    answer = await ctx.aws.call_or(
        await bucket_client(ctx, item),
        "get_bucket_ownership_controls",
        None,
        ("OwnershipControlsNotFoundError",),
        Bucket=item["name"],
    )
    rules = ((answer or {}).get("OwnershipControls", {}).get("Rules")) or [{}]
    return {"object_ownership": rules[0].get("ObjectOwnership")}


async def logging(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    answer = await ctx.aws.call(
        await bucket_client(ctx, item), "get_bucket_logging", Bucket=item["name"]
    )
    log = answer.get("LoggingEnabled") or {}
    return {
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


buckets = declare(
    "s3.buckets",
    module=__name__,  # its list step lives in _shared
    where="global",
    key=("name",),
    doc="Every bucket of the account in the scope's regions, with its security settings.",
    list=ListStep(("s3:ListAllMyBuckets",), list_buckets),
    hydrates=(
        Hydrate("location", ("s3:GetBucketLocation",), location),
        after_location("versioning", ("s3:GetBucketVersioning",), versioning),
        after_location("encryption", ("s3:GetEncryptionConfiguration",), encryption),
        after_location(
            "public_access_block", ("s3:GetBucketPublicAccessBlock",), public_access_block
        ),
        after_location("account_block", ("s3:GetAccountPublicAccessBlock",), account_block),
        after_location("policy", ("s3:GetBucketPolicy", "s3:GetBucketPolicyStatus"), policy),
        after_location("acl", ("s3:GetBucketAcl",), acl),
        after_location("ownership", ("s3:GetBucketOwnershipControls",), ownership),
        after_location("logging", ("s3:GetBucketLogging",), logging),
    ),
    columns=(
        Column("region", "string", "The bucket's region.", "location"),
        Column("name", "string", "The bucket's name."),
        Column("arn", "string", "arn:aws:s3:::NAME."),
        Column("creation_date", "datetime64[ns, UTC]", "When the bucket was created."),
        Column(
            "versioning", "string", "Enabled, Suspended or Disabled (never enabled).", "versioning"
        ),
        Column("mfa_delete", "boolean", "Whether MFA delete is enabled.", "versioning"),
        Column(
            "encryption",
            "string",
            "Default encryption algorithm (AES256, aws:kms, ...); null if none.",
            "encryption",
        ),
        Column("kms_key_id", "string", "The KMS key of default encryption, if any.", "encryption"),
        Column(
            "bucket_key_enabled", "boolean", "Whether S3 Bucket Keys are enabled.", "encryption"
        ),
        *pab_columns("pab_", "bucket", "public_access_block"),
        *pab_columns("account_pab_", "account", "account_block"),
        Column("policy", "string", "The bucket policy document (JSON); null if none.", "policy"),
        Column("policy_public", "boolean", "Whether S3 judges the bucket policy public.", "policy"),
        Column(
            "acl_all_users",
            "string",
            "Permissions the ACL grants to everyone (AllUsers), comma-separated.",
            "acl",
        ),
        Column(
            "acl_authenticated_users",
            "string",
            "Permissions the ACL grants to any AWS account (AuthenticatedUsers), comma-separated.",
            "acl",
        ),
        Column(
            "acl_public",
            "boolean",
            "Whether the ACL grants anything to AllUsers or AuthenticatedUsers.",
            "acl",
        ),
        Column("owner_id", "string", "Canonical id of the bucket owner.", "acl"),
        Column(
            "object_ownership",
            "string",
            "BucketOwnerEnforced, BucketOwnerPreferred, ObjectWriter; null if unset.",
            "ownership",
        ),
        Column("logging_enabled", "boolean", "Whether server access logging is on.", "logging"),
        Column("logging_target_bucket", "string", "Where access logs go.", "logging"),
        Column("logging_target_prefix", "string", "The access log prefix.", "logging"),
    ),
)
