from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="EBS volume is not encrypted",
    severity="medium",
    service="ec2",
    resource_type="AWS::EC2::Volume",
    tables=["ec2.volumes"],
    description="The EBS volume is not encrypted at rest.",
    risk="The volume's data, and every snapshot taken from it, can be read without a KMS "
    "permission by whoever can copy or share the snapshot.",
    remediation="Snapshot the volume, copy the snapshot with encryption on, create a volume from "
    "the copy and swap it in; enable EBS encryption by default to stop new ones.",
)
def ec2_volume_unencrypted(inv: Inventory) -> pd.DataFrame:
    v = inv["ec2.volumes"]
    encrypted = v["encrypted"].fillna(False)
    attached = ("attached to " + v["attached_instance_id"]).fillna("not attached")
    detail = ("encrypted with " + v["kms_key_id"].fillna("?")).where(
        encrypted, "unencrypted, " + attached
    )
    return evaluate(v, ~encrypted, v["volume_id"], detail, v["arn"])
