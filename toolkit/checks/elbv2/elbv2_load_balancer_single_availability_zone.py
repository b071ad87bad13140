from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import LOAD_BALANCER, load_balancers, of_types

if TYPE_CHECKING:
    from ...inventory import Inventory

#: FSBP ELB.13's parameter minAvailabilityZones, at Security Hub's default.
MIN_ZONES = 2


@check(
    title="Load balancer spans fewer than two Availability Zones",
    severity="medium",
    service="elbv2",
    resource_type=LOAD_BALANCER,
    tables=["elbv2.load_balancers"],
    description="An Application, Network or Gateway Load Balancer is in fewer Availability "
    f"Zones than FSBP ELB.13's minAvailabilityZones ({MIN_ZONES}, Security Hub's default).",
    risk="When its only zone fails, the load balancer and everything behind it are "
    "unreachable: there is no other zone to send traffic to.",
    remediation="Add a subnet in a second Availability Zone to the load balancer (and targets "
    "there).",
    remediation_cli="aws elbv2 set-subnets --region {region} --load-balancer-arn "
    "LOAD_BALANCER_ARN --subnets CURRENT_SUBNET SUBNET_IN_ANOTHER_ZONE",
)
def elbv2_load_balancer_single_availability_zone(inv: Inventory) -> pd.DataFrame:
    frame = of_types(inv, ("application", "network", "gateway"))
    zones = frame["availability_zones"].map(
        lambda value: json.loads(value) if isinstance(value, str) else []
    )
    count = zones.map(len)
    name = frame["name"].astype("string")
    listed = zones.map(lambda z: ", ".join(z) or "none").astype("string")
    failed = count < MIN_ZONES
    detail = (name + f": in fewer than {MIN_ZONES} Availability Zones (" + listed + ")").where(
        failed, name + ": in " + count.astype("string") + " Availability Zones (" + listed + ")"
    )
    return load_balancers(frame, failed, detail)
