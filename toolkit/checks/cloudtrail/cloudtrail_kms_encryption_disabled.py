from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import TRAIL, cloudtrail_trails

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="CloudTrail logs are not encrypted with a KMS key",
    severity="medium",
    service="cloudtrail",
    resource_type=TRAIL,
    tables=["cloudtrail.trails"],
    description="The trail's log files are encrypted with S3 managed keys (SSE-S3), not with a "
    "KMS key (SSE-KMS).",
    risk="Anyone who can read the log bucket can read the logs; with SSE-KMS they would also "
    "need the key, and every decryption would be logged.",
    remediation="Set a customer managed KMS key on the trail (its key policy must let CloudTrail "
    "encrypt and the log readers decrypt).",
    remediation_cli="aws cloudtrail update-trail --region {region} --name {resource_id} "
    "--kms-key-id KMS_KEY_ID",
)
def cloudtrail_kms_encryption_disabled(inv: Inventory) -> pd.DataFrame:
    t = inv["cloudtrail.trails"]
    key = t["kms_key_id"]
    return cloudtrail_trails(inv, key.isna(), ("encrypted with " + key).fillna("SSE-S3 only"))
