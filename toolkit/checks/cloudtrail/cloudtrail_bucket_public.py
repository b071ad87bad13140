from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import BUCKET, trail_buckets

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="CloudTrail log bucket is publicly accessible",
    severity="critical",
    service="cloudtrail",
    resource_type=BUCKET,
    tables=["cloudtrail.trails", "s3.buckets"],
    description="A bucket that a trail delivers to is public through its ACL or policy, and no "
    "public access block (bucket or account) neutralizes it (the rule of "
    "s3_bucket_public_access). Trail buckets outside the inventory are not evaluated.",
    risk="Anyone can read the account's API history, a map of its resources and weaknesses, or "
    "tamper with it.",
    remediation="Turn on all four public access block settings on the bucket and remove the "
    "public grants from its ACL and policy.",
    remediation_cli="aws s3api put-public-access-block --bucket {resource_id} "
    "--public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,"
    "BlockPublicPolicy=true,RestrictPublicBuckets=true",
)
def cloudtrail_bucket_public(inv: Inventory) -> pd.DataFrame:
    b, trails = trail_buckets(inv)
    flags = [
        "pab_ignore_public_acls",
        "account_pab_ignore_public_acls",
        "pab_restrict_public_buckets",
        "account_pab_restrict_public_buckets",
        "acl_public",
        "policy_public",
    ]
    flag = b[flags].fillna(False)  # unknown: not public, and not blocked either
    ignores_acls = (
        flag["pab_ignore_public_acls"]
        | flag["account_pab_ignore_public_acls"]
        | (b["object_ownership"] == "BucketOwnerEnforced").fillna(False)
    )
    blocks_policy = (
        flag["pab_restrict_public_buckets"] | flag["account_pab_restrict_public_buckets"]
    )
    by_acl = flag["acl_public"] & ~ignores_acls
    by_policy = flag["policy_public"] & ~blocks_policy
    how = (
        by_acl.map({True: "public through its ACL; ", False: ""})
        + by_policy.map({True: "public through its policy", False: ""})
    ).str.strip("; ")
    detail = trails + ": " + how.where(how != "", "not public")
    return evaluate(b, by_acl | by_policy, b["name"], detail, b["arn"])
