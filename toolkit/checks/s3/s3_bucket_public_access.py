from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import BUCKET, buckets

if TYPE_CHECKING:
    from ...inventory import Inventory


def _blocks_policy(b: pd.DataFrame) -> pd.Series:
    return b["pab_restrict_public_buckets"] | b["account_pab_restrict_public_buckets"]


def _ignores_acls(b: pd.DataFrame) -> pd.Series:
    return (
        b["pab_ignore_public_acls"]
        | b["account_pab_ignore_public_acls"]
        | (b["object_ownership"] == "BucketOwnerEnforced").fillna(False)
    )


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
)
def s3_bucket_public_access(inv: Inventory) -> pd.DataFrame:
    b = inv["s3.buckets"]
    by_acl = b["acl_public"] & ~_ignores_acls(b)
    by_policy = b["policy_public"] & ~_blocks_policy(b)
    detail = (
        by_acl.map({True: "public through its ACL; ", False: ""})
        + by_policy.map({True: "public through its policy", False: ""})
    ).str.strip("; ")
    return buckets(inv, by_acl | by_policy, detail.where(detail != "", "not public"))
