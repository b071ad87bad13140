from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import LOAD_BALANCER, attribute_check

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Classic Load Balancer has no cross-zone load balancing",
    severity="medium",
    service="elb",
    resource_type=LOAD_BALANCER,
    tables=["elb.load_balancers"],
    description="A Classic Load Balancer does not have cross-zone load balancing enabled "
    "(attribute CrossZoneLoadBalancing.Enabled), as FSBP ELB.9 asks. AWS's API creates "
    "Classic Load Balancers without it.",
    risk="Each load balancer node sends traffic only to the instances in its own zone: with "
    "uneven instances per zone some are overloaded, and a zone that loses its instances "
    "drops its share of requests.",
    remediation="Turn on cross-zone load balancing.",
    remediation_cli="aws elb modify-load-balancer-attributes --region {region} "
    "--load-balancer-name {resource_id} --load-balancer-attributes "
    '\'{"CrossZoneLoadBalancing":{"Enabled":true}}\'',
)
def elb_cross_zone_load_balancing_disabled(inv: Inventory) -> pd.DataFrame:
    return attribute_check(
        inv,
        "cross_zone_load_balancing",
        "cross-zone load balancing on",
        "cross-zone load balancing off: each node serves only its own zone's instances",
    )
