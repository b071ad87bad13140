from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import BUCKET, buckets

if TYPE_CHECKING:
    from ...inventory import Inventory


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
)
def s3_bucket_versioning_disabled(inv: Inventory) -> pd.DataFrame:
    b = inv["s3.buckets"]
    return buckets(inv, b["versioning"] != "Enabled", "versioning: " + b["versioning"])
