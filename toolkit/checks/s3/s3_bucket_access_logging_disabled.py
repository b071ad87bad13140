from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import BUCKET, buckets

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="S3 bucket server access logging is disabled",
    severity="low",
    service="s3",
    resource_type=BUCKET,
    tables=["s3.buckets"],
    description="Server access logging is not enabled on the bucket.",
    risk="Access to the bucket cannot be investigated after the fact.",
    remediation="Enable server access logging to a dedicated log bucket.",
)
def s3_bucket_access_logging_disabled(inv: Inventory) -> pd.DataFrame:
    b = inv["s3.buckets"]
    return buckets(
        inv, ~b["logging_enabled"], "logs to: " + b["logging_target_bucket"].fillna("nowhere")
    )
