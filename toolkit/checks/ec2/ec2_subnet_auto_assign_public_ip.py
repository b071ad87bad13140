from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import unused_noted

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Subnet assigns public IP addresses automatically",
    severity="medium",
    service="ec2",
    resource_type="AWS::EC2::Subnet",
    tables=["ec2.subnets"],
    description="MapPublicIpOnLaunch is on: every instance launched in the subnet gets a public "
    "IPv4 address unless its launch says otherwise (AWS turns it on in default subnets).",
    risk="Instances become reachable from the internet without anyone deciding they should.",
    remediation="Turn off auto-assignment; give public addresses (or Elastic IPs) only where "
    "a launch asks for one.",
    remediation_cli="aws ec2 modify-subnet-attribute --subnet-id {resource_id} "
    "--no-map-public-ip-on-launch --region {region}",
)
def ec2_subnet_auto_assign_public_ip(inv: Inventory) -> pd.DataFrame:
    s = inv["ec2.subnets"]
    auto = s["map_public_ip_on_launch"].fillna(False)
    detail = (
        "map public IP on launch: "
        + auto.astype(str)
        + ", public route: "
        + s["is_public"].astype(str)
    )
    return evaluate(s, auto, s["subnet_id"], unused_noted(s, detail), s["arn"])
