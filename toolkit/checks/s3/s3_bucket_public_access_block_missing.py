from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import BUCKET, PAB_FLAGS, buckets

if TYPE_CHECKING:
    from ...inventory import Inventory


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
)
def s3_bucket_public_access_block_missing(inv: Inventory) -> pd.DataFrame:
    b = inv["s3.buckets"]
    bucket_all = b[[f"pab_{f}" for f in PAB_FLAGS]].all(axis=1)
    account_all = b[[f"account_pab_{f}" for f in PAB_FLAGS]].all(axis=1)
    return buckets(
        inv,
        ~(bucket_all | account_all),
        "bucket: " + bucket_all.astype(str) + ", account: " + account_all.astype(str),
    )
