"""FSBP AutoScaling.2: Amazon EC2 Auto Scaling group should cover multiple Availability Zones.

As AWS's control with its default parameter (minAvailabilityZones 2; Config rule
autoscaling-multiple-az): a group fails when it spans fewer than two Availability Zones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import GROUP

if TYPE_CHECKING:
    from ...inventory import Inventory

#: AWS's default of the control's minAvailabilityZones parameter.
MIN_AVAILABILITY_ZONES = 2


@check(
    title="Auto Scaling group does not cover multiple Availability Zones",
    severity="medium",
    service="autoscaling",
    resource_type=GROUP,
    tables=["autoscaling.groups"],
    description="The Auto Scaling group spans fewer Availability Zones than FSBP "
    f"AutoScaling.2's default minAvailabilityZones ({MIN_AVAILABILITY_ZONES}).",
    risk="When its one zone fails, the group cannot launch replacement instances in another: "
    "the workload is down until the zone recovers.",
    remediation="Add subnets (or zones) in other Availability Zones to the group.",
    remediation_cli="aws autoscaling update-auto-scaling-group --auto-scaling-group-name "
    "{resource_id} --vpc-zone-identifier SUBNET_A,SUBNET_B --region {region}",
)
def autoscaling_group_single_az(inv: Inventory) -> pd.DataFrame:
    g = inv["autoscaling.groups"]
    zones = g["availability_zone_count"].fillna(0).astype("int64")
    few = zones < MIN_AVAILABILITY_ZONES
    listed = g["availability_zones"].fillna("[]").astype("string")
    detail = (
        zones.astype(str).astype("string") + " Availability Zone(s) " + listed
        + pd.Series(
            [f", fewer than {MIN_AVAILABILITY_ZONES}" if f else "" for f in few],
            index=g.index,
            dtype="string",
        )
    )  # fmt: skip
    return evaluate(g, few, g["auto_scaling_group_name"], detail, g["arn"])
