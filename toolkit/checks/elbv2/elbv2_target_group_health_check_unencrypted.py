from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import TARGET_GROUP, target_groups

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Target group health checks are not HTTPS",
    severity="medium",
    service="elbv2",
    resource_type=TARGET_GROUP,
    tables=["elbv2.target_groups"],
    description="A target group sends its health checks over a protocol other than HTTPS "
    "(HTTP or TCP), as FSBP ELB.21 fails. Target groups of Lambda functions are not judged.",
    risk="Health checks and their answers cross the network in clear text: they can be read "
    "for the targets' layout or tampered with to change where traffic goes.",
    remediation="Set the target group's health check protocol to HTTPS (targets must answer "
    "TLS on the health check port).",
    remediation_cli="aws elbv2 modify-target-group --region {region} --target-group-arn "
    "$(aws elbv2 describe-target-groups --region {region} --names {resource_id} "
    "--query 'TargetGroups[0].TargetGroupArn' --output text) --health-check-protocol HTTPS",
)
def elbv2_target_group_health_check_unencrypted(inv: Inventory) -> pd.DataFrame:
    groups = inv["elbv2.target_groups"]
    frame = groups[(groups["target_type"] != "lambda").fillna(True)]
    protocol = frame["health_check_protocol"].astype("string").str.upper()
    failed = (protocol != "HTTPS").fillna(True)
    name = frame["name"].astype("string")
    head = name + ": health checks over " + protocol.fillna("no protocol")
    detail = (head + ", not HTTPS").where(failed, head)
    return target_groups(frame, failed, detail)
