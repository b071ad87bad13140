from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import ec2_listed, unused_noted

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="VPC flow logging is not enabled",
    severity="medium",
    service="ec2",
    resource_type="AWS::EC2::VPC",
    tables=["ec2.vpcs", "ec2.flow_logs"],
    description="The VPC has no active flow log of its own that records rejected traffic "
    "(traffic type REJECT or ALL) and delivers it; flow logs on subnets or network interfaces "
    "only do not count.",
    risk="Rejected connection attempts (scans, lateral movement) and traffic during an "
    "incident cannot be investigated.",
    remediation="Create a flow log for the VPC capturing at least rejected traffic, to "
    "CloudWatch Logs or S3.",
    remediation_cli="aws ec2 create-flow-logs --resource-type VPC --resource-ids {resource_id} "
    "--traffic-type REJECT --log-destination-type s3 --log-destination arn:aws:s3:::BUCKET "
    "--region {region}",
)
def ec2_vpc_flow_logs_disabled(inv: Inventory) -> pd.DataFrame:
    v = inv["ec2.vpcs"]
    f = inv["ec2.flow_logs"].rename(columns={"resource_id": "vpc_id"})
    key = ["account_id", "region", "vpc_id"]
    logging = (
        (f["status"].fillna("ACTIVE") == "ACTIVE")
        & f["traffic_type"].isin(["ALL", "REJECT"]).fillna(False)
        & (f["deliver_logs_status"] != "FAILED").fillna(True)
    )
    text = (
        f["flow_log_id"] + " (" + f["traffic_type"].fillna("?") + ", "
        + f["status"].fillna("?") + ", delivery " + f["deliver_logs_status"].fillna("?") + ")"
    )  # fmt: skip
    good = ec2_listed(v, key, f[logging], text[logging])
    other = ec2_listed(v, key, f[~logging], text[~logging])
    detail = ("flow log " + good).fillna(
        ("no usable flow log: " + other).fillna("no flow log on the VPC")
    )
    return evaluate(v, good.isna(), v["vpc_id"], unused_noted(v, detail), v["arn"])
