from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import BUCKET, trail_buckets

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="CloudTrail log bucket has no server access logging",
    severity="low",
    service="cloudtrail",
    resource_type=BUCKET,
    tables=["cloudtrail.trails", "s3.buckets"],
    description="Server access logging is off on a bucket that a trail delivers to. Trail "
    "buckets outside the inventory are not evaluated.",
    risk="Who read, changed or deleted the log files cannot be found out.",
    remediation="Enable server access logging on the bucket, to a separate log bucket.",
    remediation_cli="aws s3api put-bucket-logging --bucket {resource_id} --bucket-logging-status "
    '\'{"LoggingEnabled":{"TargetBucket":"ACCESS_LOG_BUCKET","TargetPrefix":"{resource_id}/"}}\'',
)
def cloudtrail_bucket_access_logging_disabled(inv: Inventory) -> pd.DataFrame:
    b, trails = trail_buckets(inv)
    on = b["logging_enabled"].fillna(False)
    target = ("logs to " + b["logging_target_bucket"]).fillna("logs to nowhere")
    return evaluate(b, ~on, b["name"], trails + ": " + target.where(on, "no access logs"), b["arn"])
