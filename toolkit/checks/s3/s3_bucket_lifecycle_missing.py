from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import BUCKET

if TYPE_CHECKING:
    from ...inventory import Inventory

TABLE = "s3.bucket_data_protection"


@check(
    title="S3 bucket has no enabled lifecycle rule",
    severity="low",
    service="s3",
    resource_type=BUCKET,
    tables=["s3.bucket_data_protection"],
    description="The bucket has no lifecycle configuration, or none of its rules is enabled, "
    "as FSBP S3.13 evaluates it (AWS Config rule s3-lifecycle-policy-check). Security Hub's "
    "optional parameters (transition days, expiration days, storage class) have no default, "
    "so any enabled rule passes.",
    risk="Objects and their old versions are kept and paid for forever; data past its "
    "retention period stays exposed to whoever reaches the bucket.",
    remediation="Add a lifecycle rule that transitions or expires objects (and noncurrent "
    "versions) after the retention the data needs.",
    remediation_cli="aws s3api put-bucket-lifecycle-configuration --bucket {resource_id} "
    "--lifecycle-configuration file://lifecycle.json",
)
def s3_bucket_lifecycle_missing(inv: Inventory) -> pd.DataFrame:
    b = inv[TABLE]
    rules = b["lifecycle_rules"].astype("Int64").fillna(0)
    enabled = b["lifecycle_rules_enabled"].astype("Int64").fillna(0)
    detail = (
        pd.Series("no lifecycle configuration", index=b.index)
        .where(rules == 0, "lifecycle rules: " + rules.astype(str) + ", none enabled")
        .where(enabled == 0, "enabled lifecycle rules: " + enabled.astype(str))
    )
    return evaluate(b, enabled == 0, b["name"], detail, b["arn"])
