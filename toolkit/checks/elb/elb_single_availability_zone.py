from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import LOAD_BALANCER, load_balancers

if TYPE_CHECKING:
    from ...inventory import Inventory

#: FSBP ELB.10's parameter minAvailabilityZones, at Security Hub's default.
MIN_ZONES = 2


@check(
    title="Classic Load Balancer spans fewer than two Availability Zones",
    severity="medium",
    service="elb",
    resource_type=LOAD_BALANCER,
    tables=["elb.load_balancers"],
    description="A Classic Load Balancer is enabled in fewer Availability Zones than FSBP "
    f"ELB.10's minAvailabilityZones ({MIN_ZONES}, Security Hub's default).",
    risk="When its only zone fails, the load balancer and everything behind it are "
    "unreachable: there is no other zone to send traffic to.",
    remediation="Attach the load balancer to a subnet in a second Availability Zone (and "
    "register instances there).",
    remediation_cli="aws elb attach-load-balancer-to-subnets --region {region} "
    "--load-balancer-name {resource_id} --subnets SUBNET_IN_ANOTHER_ZONE",
)
def elb_single_availability_zone(inv: Inventory) -> pd.DataFrame:
    frame = inv["elb.load_balancers"]
    zones = frame["availability_zones"].map(
        lambda value: json.loads(value) if isinstance(value, str) else []
    )
    count = zones.map(len)
    name = frame["name"].astype("string")
    listed = zones.map(lambda z: ", ".join(z) or "none").astype("string")
    failed = count < MIN_ZONES
    detail = (name + f": spans fewer than {MIN_ZONES} Availability Zones (" + listed + ")").where(
        failed, name + ": spans " + count.astype("string") + " Availability Zones (" + listed + ")"
    )
    return load_balancers(frame, failed, detail)
