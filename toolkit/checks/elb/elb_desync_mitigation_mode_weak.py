from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import LOAD_BALANCER, load_balancers

if TYPE_CHECKING:
    from ...inventory import Inventory

#: FSBP ELB.14's parameter desyncMode (not customizable).
STRONG_MODES = ("defensive", "strictest")
#: The mode AWS gives a Classic Load Balancer when none is set.
DEFAULT_MODE = "defensive"


@check(
    title="Classic Load Balancer desync mitigation is not defensive or strictest",
    severity="medium",
    service="elb",
    resource_type=LOAD_BALANCER,
    tables=["elb.load_balancers"],
    description="A Classic Load Balancer's desync mitigation mode (additional attribute "
    "elb.http.desyncmitigationmode) is monitor, not one of FSBP ELB.14's desyncMode: defensive "
    f"or strictest. A mode AWS does not name is its default, {DEFAULT_MODE}.",
    risk="Ambiguous requests pass to the instances unchanged, open to HTTP request smuggling: "
    "cache poisoning, hijacked sessions and requests that bypass the load balancer's rules.",
    remediation="Set the desync mitigation mode to defensive (or strictest).",
    remediation_cli="aws elb modify-load-balancer-attributes --region {region} "
    "--load-balancer-name {resource_id} --load-balancer-attributes "
    '\'{"AdditionalAttributes":[{"Key":"elb.http.desyncmitigationmode",'
    '"Value":"defensive"}]}\'',
)
def elb_desync_mitigation_mode_weak(inv: Inventory) -> pd.DataFrame:
    frame = inv["elb.load_balancers"]
    mode = frame["desync_mitigation_mode"].astype("string").fillna(DEFAULT_MODE)
    failed = ~mode.isin(STRONG_MODES).fillna(False)
    name = frame["name"].astype("string")
    detail = (name + ": desync mitigation mode " + mode + ", not defensive or strictest").where(
        failed, name + ": desync mitigation mode " + mode
    )
    return load_balancers(frame, failed, detail)
