from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import BUCKET, buckets

if TYPE_CHECKING:
    from ...inventory import Inventory


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
)
def s3_bucket_default_encryption_missing(inv: Inventory) -> pd.DataFrame:
    b = inv["s3.buckets"]
    return buckets(inv, b["encryption"].isna(), "encryption: " + b["encryption"].fillna("none"))
