from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import BUCKET, buckets

if TYPE_CHECKING:
    from ...inventory import Inventory


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
)
def s3_bucket_acls_enabled(inv: Inventory) -> pd.DataFrame:
    b = inv["s3.buckets"]
    ownership = b["object_ownership"].fillna("ObjectWriter")
    return buckets(inv, ownership != "BucketOwnerEnforced", "object ownership: " + ownership)
