"""S3 checks: CIS AWS Foundations v3.0.0 section 2.1, and S3 best practices beyond it."""

from __future__ import annotations

import json

import pandas as pd

from ..inventory import Inventory
from .base import check, evaluate

BUCKET = "AWS::S3::Bucket"


def _blocks_policy(b: pd.DataFrame) -> pd.Series:
    return b["pab_restrict_public_buckets"] | b["account_pab_restrict_public_buckets"]


def _ignores_acls(b: pd.DataFrame) -> pd.Series:
    return (
        b["pab_ignore_public_acls"]
        | b["account_pab_ignore_public_acls"]
        | (b["object_ownership"] == "BucketOwnerEnforced").fillna(False)
    )


def _buckets(inv: Inventory, failed, detail) -> pd.DataFrame:
    b = inv["s3.buckets"]
    return evaluate(b, failed, b["name"], detail, b["arn"])


@check(
    title="S3 bucket is publicly accessible",
    severity="critical",
    service="s3",
    resource_type=BUCKET,
    tables=["s3.buckets"],
    description="The bucket's ACL or policy grants access to everyone, and no public access block "
    "(bucket or account level) neutralizes it.",
    risk="Anyone on the internet can read (or write) the bucket's objects: data exposure and abuse.",
    remediation="Turn on all four public access block settings on the bucket (and the account), "
    "then remove public grants from the ACL and policy.",
    remediation_cli="aws s3api put-public-access-block --bucket {resource_id} "
    "--public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,"
    "BlockPublicPolicy=true,RestrictPublicBuckets=true",
    frameworks={"AWS-FSBP": ["S3.2", "S3.3"]},
)
def s3_bucket_public_access(inv: Inventory) -> pd.DataFrame:
    b = inv["s3.buckets"]
    by_acl = b["acl_public"] & ~_ignores_acls(b)
    by_policy = b["policy_public"] & ~_blocks_policy(b)
    detail = (
        by_acl.map({True: "public through its ACL; ", False: ""})
        + by_policy.map({True: "public through its policy", False: ""})
    ).str.strip("; ")
    return _buckets(inv, by_acl | by_policy, detail.where(detail != "", "not public"))


@check(
    title="S3 bucket ACL grants access to everyone or to any AWS account",
    severity="high",
    service="s3",
    resource_type=BUCKET,
    tables=["s3.buckets"],
    description="The bucket ACL grants permissions to AllUsers or AuthenticatedUsers.",
    risk="Public ACL grants expose data as soon as a public access block is lifted.",
    remediation="Set object ownership to BucketOwnerEnforced (disables ACLs), or put a private ACL.",
    remediation_cli="aws s3api put-bucket-acl --bucket {resource_id} --acl private",
    frameworks={"AWS-FSBP": ["S3.2", "S3.3"]},
)
def s3_bucket_public_acl(inv: Inventory) -> pd.DataFrame:
    b = inv["s3.buckets"]
    grants = (
        "AllUsers: " + b["acl_all_users"].fillna("-")
        + "; AuthenticatedUsers: " + b["acl_authenticated_users"].fillna("-")
    )  # fmt: skip
    return _buckets(inv, b["acl_public"], grants)


@check(
    title="S3 bucket policy is public",
    severity="high",
    service="s3",
    resource_type=BUCKET,
    tables=["s3.buckets"],
    description="S3 judges the bucket policy public: it allows a wildcard principal without a "
    "condition that narrows it to known networks, accounts or organizations.",
    risk="Anyone can use the actions the policy allows on the bucket.",
    remediation="Restrict the policy's principals, or add aws:SourceVpce / aws:PrincipalOrgID "
    "conditions.",
    remediation_cli="aws s3api delete-bucket-policy --bucket {resource_id}",
    frameworks={"AWS-FSBP": ["S3.2", "S3.3"]},
)
def s3_bucket_policy_public(inv: Inventory) -> pd.DataFrame:
    b = inv["s3.buckets"]
    return _buckets(inv, b["policy_public"], "policy public: " + b["policy_public"].astype(str))


@check(
    title="S3 bucket has no public access block",
    severity="medium",
    service="s3",
    resource_type=BUCKET,
    tables=["s3.buckets"],
    description="Neither the bucket nor its account blocks public access with all four settings.",
    risk="A single ACL or policy change can make the bucket public.",
    remediation="Enable all four public access block settings on the bucket or the account.",
    remediation_cli="aws s3api put-public-access-block --bucket {resource_id} "
    "--public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,"
    "BlockPublicPolicy=true,RestrictPublicBuckets=true",
    frameworks={"CIS-3.0": ["2.1.4"], "AWS-FSBP": ["S3.8"]},
)
def s3_bucket_public_access_block_missing(inv: Inventory) -> pd.DataFrame:
    b = inv["s3.buckets"]
    flags = [
        "block_public_acls",
        "ignore_public_acls",
        "block_public_policy",
        "restrict_public_buckets",
    ]
    bucket_all = b[[f"pab_{f}" for f in flags]].all(axis=1)
    account_all = b[[f"account_pab_{f}" for f in flags]].all(axis=1)
    return _buckets(
        inv,
        ~(bucket_all | account_all),
        "bucket: " + bucket_all.astype(str) + ", account: " + account_all.astype(str),
    )


@check(
    title="Account has no S3 public access block",
    severity="medium",
    service="s3",
    resource_type="AWS::::Account",
    tables=["s3.account_public_access_block"],
    description="The account-level S3 public access block is missing or not fully enabled.",
    risk="Every new bucket in the account can be made public by mistake.",
    remediation="Enable all four account-level public access block settings.",
    remediation_cli="aws s3control put-public-access-block --account-id {account_id} "
    "--public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,"
    "BlockPublicPolicy=true,RestrictPublicBuckets=true",
    frameworks={"CIS-3.0": ["2.1.4"], "AWS-FSBP": ["S3.1"]},
)
def s3_account_public_access_block_missing(inv: Inventory) -> pd.DataFrame:
    a = inv["s3.account_public_access_block"]
    complete = a[
        [
            "block_public_acls",
            "ignore_public_acls",
            "block_public_policy",
            "restrict_public_buckets",
        ]
    ].all(axis=1)
    return evaluate(a, ~complete, a["account_id"], "configured: " + a["configured"].astype(str))


@check(
    title="S3 bucket has no default encryption",
    severity="medium",
    service="s3",
    resource_type=BUCKET,
    tables=["s3.buckets"],
    description="The bucket has no default server-side encryption configuration.",
    risk="Objects written without an encryption header are stored unencrypted.",
    remediation="Set default encryption (SSE-S3 or SSE-KMS) on the bucket.",
    remediation_cli="aws s3api put-bucket-encryption --bucket {resource_id} "
    "--server-side-encryption-configuration "
    '\'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}\'',
    frameworks={"AWS-FSBP": ["S3.4"]},
)
def s3_bucket_default_encryption_missing(inv: Inventory) -> pd.DataFrame:
    b = inv["s3.buckets"]
    return _buckets(inv, b["encryption"].isna(), "encryption: " + b["encryption"].fillna("none"))


@check(
    title="S3 bucket versioning is not enabled",
    severity="low",
    service="s3",
    resource_type=BUCKET,
    tables=["s3.buckets"],
    description="Versioning is disabled or suspended on the bucket.",
    risk="Overwritten or deleted objects cannot be recovered (ransomware, mistakes).",
    remediation="Enable versioning on the bucket.",
    remediation_cli="aws s3api put-bucket-versioning --bucket {resource_id} "
    "--versioning-configuration Status=Enabled",
    frameworks={"AWS-FSBP": ["S3.14"]},
)
def s3_bucket_versioning_disabled(inv: Inventory) -> pd.DataFrame:
    b = inv["s3.buckets"]
    return _buckets(inv, b["versioning"] != "Enabled", "versioning: " + b["versioning"])


@check(
    title="S3 bucket does not require TLS",
    severity="medium",
    service="s3",
    resource_type=BUCKET,
    tables=["s3.buckets"],
    description="The bucket policy does not deny requests made without TLS "
    "(aws:SecureTransport false).",
    risk="Data can be read or written over unencrypted HTTP.",
    remediation="Add a Deny statement for aws:SecureTransport false to the bucket policy.",
    frameworks={"CIS-3.0": ["2.1.1"], "AWS-FSBP": ["S3.5"]},
)
def s3_bucket_secure_transport_not_required(inv: Inventory) -> pd.DataFrame:
    b = inv["s3.buckets"]
    denies = b["policy"].astype(object).map(_denies_insecure_transport).astype(bool)
    return _buckets(
        inv, ~denies, denies.map({True: "TLS required", False: "no deny for plain HTTP"})
    )


def _denies_insecure_transport(policy: str | None) -> bool:
    if not isinstance(policy, str):
        return False
    try:
        statements = json.loads(policy).get("Statement", [])
    except ValueError:
        return False
    for statement in statements if isinstance(statements, list) else [statements]:
        condition = json.dumps(statement.get("Condition", {})).lower()
        if (
            statement.get("Effect") == "Deny"
            and "aws:securetransport" in condition
            and "false" in condition
        ):
            return True
    return False


@check(
    title="S3 bucket MFA delete is not enabled",
    severity="low",
    service="s3",
    resource_type=BUCKET,
    tables=["s3.buckets"],
    description="MFA delete is not enabled on the bucket's versioning configuration.",
    risk="A stolen credential can permanently delete object versions.",
    remediation="Enable MFA delete with the root user's MFA device (API only, as root).",
    frameworks={"CIS-3.0": ["2.1.2"]},
)
def s3_bucket_mfa_delete_disabled(inv: Inventory) -> pd.DataFrame:
    b = inv["s3.buckets"]
    return _buckets(
        inv, ~b["mfa_delete"].fillna(False), "MFA delete: " + b["mfa_delete"].astype(str)
    )


@check(
    title="S3 bucket server access logging is disabled",
    severity="low",
    service="s3",
    resource_type=BUCKET,
    tables=["s3.buckets"],
    description="Server access logging is not enabled on the bucket.",
    risk="Access to the bucket cannot be investigated after the fact.",
    remediation="Enable server access logging to a dedicated log bucket.",
    frameworks={"AWS-FSBP": ["S3.9"]},
)
def s3_bucket_access_logging_disabled(inv: Inventory) -> pd.DataFrame:
    b = inv["s3.buckets"]
    return _buckets(
        inv, ~b["logging_enabled"], "logs to: " + b["logging_target_bucket"].fillna("nowhere")
    )


@check(
    title="S3 bucket ACLs are enabled",
    severity="low",
    service="s3",
    resource_type=BUCKET,
    tables=["s3.buckets"],
    description="Object ownership is not BucketOwnerEnforced, so ACLs still control access.",
    risk="ACLs make access harder to reason about and can grant public or cross-account access.",
    remediation="Set object ownership to BucketOwnerEnforced.",
    remediation_cli="aws s3api put-bucket-ownership-controls --bucket {resource_id} "
    "--ownership-controls Rules=[{ObjectOwnership=BucketOwnerEnforced}]",
    frameworks={"AWS-FSBP": ["S3.12"]},
)
def s3_bucket_acls_enabled(inv: Inventory) -> pd.DataFrame:
    b = inv["s3.buckets"]
    ownership = b["object_ownership"].fillna("ObjectWriter")
    return _buckets(inv, ownership != "BucketOwnerEnforced", "object ownership: " + ownership)
