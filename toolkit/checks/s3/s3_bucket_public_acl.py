from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import BUCKET, buckets

if TYPE_CHECKING:
    from ...inventory import Inventory


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
)
def s3_bucket_public_acl(inv: Inventory) -> pd.DataFrame:
    b = inv["s3.buckets"]
    grants = (
        "AllUsers: " + b["acl_all_users"].fillna("-")
        + "; AuthenticatedUsers: " + b["acl_authenticated_users"].fillna("-")
    )  # fmt: skip
    return buckets(inv, b["acl_public"], grants)
