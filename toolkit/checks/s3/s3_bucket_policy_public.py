from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import BUCKET, buckets

if TYPE_CHECKING:
    from ...inventory import Inventory


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
)
def s3_bucket_policy_public(inv: Inventory) -> pd.DataFrame:
    b = inv["s3.buckets"]
    return buckets(inv, b["policy_public"], "policy public: " + b["policy_public"].astype(str))
