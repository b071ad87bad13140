from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import INSTANCE, ec2_instances

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="EC2 instance has a public IPv4 address",
    severity="medium",
    service="ec2",
    resource_type=INSTANCE,
    tables=["ec2.instances"],
    description="The instance has a public IPv4 address (auto-assigned or Elastic IP).",
    risk="The instance can be reached from the internet wherever its security groups and "
    "network ACLs allow it; a load balancer or NAT in front narrows the exposure.",
    remediation="Launch instances in private subnets without public addresses; publish services "
    "through a load balancer and reach hosts through Session Manager.",
)
def ec2_instance_public_ip(inv: Inventory) -> pd.DataFrame:
    i = ec2_instances(inv)
    public = i["public_ip"].notna()
    detail = ("public IP " + i["public_ip"]).fillna("no public IP")
    return evaluate(i, public, i["instance_id"], detail, i["arn"])
