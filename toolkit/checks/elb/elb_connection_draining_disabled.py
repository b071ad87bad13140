from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import LOAD_BALANCER, attribute_check

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Classic Load Balancer has no connection draining",
    severity="low",
    service="elb",
    resource_type=LOAD_BALANCER,
    tables=["elb.load_balancers"],
    description="A Classic Load Balancer does not have connection draining enabled (attribute "
    "ConnectionDraining.Enabled), as FSBP ELB.7 asks. AWS's API creates Classic Load Balancers "
    "without it.",
    risk="An instance that is deregistered or fails its health check has its open requests cut "
    "off mid-flight: every scale-in or deployment drops users' requests.",
    remediation="Turn on connection draining with a timeout that covers the longest request "
    "(300 seconds is the console's default).",
    remediation_cli="aws elb modify-load-balancer-attributes --region {region} "
    "--load-balancer-name {resource_id} --load-balancer-attributes "
    '\'{"ConnectionDraining":{"Enabled":true,"Timeout":300}}\'',
)
def elb_connection_draining_disabled(inv: Inventory) -> pd.DataFrame:
    frame = inv["elb.load_balancers"]
    timeout = frame["connection_draining_timeout"].astype("string").fillna("?")
    return attribute_check(
        inv,
        "connection_draining_enabled",
        "connection draining on (" + timeout + " s)",
        "connection draining off: deregistering an instance cuts its open requests",
    )
