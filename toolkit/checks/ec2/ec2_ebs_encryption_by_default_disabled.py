from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="EBS encryption by default is disabled",
    severity="medium",
    service="ec2",
    resource_type="AWS::::Account",
    tables=["ec2.ebs_encryption_by_default"],
    description="New EBS volumes in this account and region are not encrypted unless their "
    "creator asks (one result per account and region).",
    risk="Volumes and their snapshots end up unencrypted by omission.",
    remediation="Enable EBS encryption by default in every region of every account.",
    remediation_cli="aws ec2 enable-ebs-encryption-by-default --region {region}",
)
def ec2_ebs_encryption_by_default_disabled(inv: Inventory) -> pd.DataFrame:
    e = inv["ec2.ebs_encryption_by_default"]
    enabled = e["enabled"].fillna(False)
    detail = ("enabled, default key " + e["kms_key_id"].fillna("alias/aws/ebs")).where(
        enabled, "disabled"
    )
    return evaluate(e, ~enabled, e["account_id"], detail)
