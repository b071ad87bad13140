from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import BUCKET, buckets

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="S3 bucket MFA delete is not enabled",
    severity="low",
    service="s3",
    resource_type=BUCKET,
    tables=["s3.buckets"],
    description="MFA delete is not enabled on the bucket's versioning configuration.",
    risk="A stolen credential can permanently delete object versions.",
    remediation="Enable MFA delete with the root user's MFA device (API only, as root).",
)
def s3_bucket_mfa_delete_disabled(inv: Inventory) -> pd.DataFrame:
    b = inv["s3.buckets"]
    return buckets(
        inv, ~b["mfa_delete"].fillna(False), "MFA delete: " + b["mfa_delete"].astype(str)
    )
