from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import ARN_OF_NAME, LOAD_BALANCER, load_balancers, of_types

if TYPE_CHECKING:
    from ...inventory import Inventory

#: FSBP ELB.12's parameter desyncMode (not customizable).
STRONG_MODES = ("defensive", "strictest")
#: The mode AWS gives an Application Load Balancer when none is set.
DEFAULT_MODE = "defensive"


@check(
    title="Application Load Balancer desync mitigation is not defensive or strictest",
    severity="medium",
    service="elbv2",
    resource_type=LOAD_BALANCER,
    tables=["elbv2.load_balancers"],
    description="An Application Load Balancer's desync mitigation mode "
    "(routing.http.desync_mitigation_mode) is monitor, not one of FSBP ELB.12's desyncMode: "
    f"defensive or strictest. A mode AWS does not name is its default, {DEFAULT_MODE}.",
    risk="Ambiguous requests pass to the targets unchanged, open to HTTP request smuggling: "
    "cache poisoning, hijacked sessions and requests that bypass the load balancer's rules.",
    remediation="Set the desync mitigation mode to defensive (or strictest).",
    remediation_cli="aws elbv2 modify-load-balancer-attributes --region {region} "
    f"--load-balancer-arn {ARN_OF_NAME} --attributes "
    "Key=routing.http.desync_mitigation_mode,Value=defensive",
)
def elbv2_alb_desync_mitigation_mode_weak(inv: Inventory) -> pd.DataFrame:
    frame = of_types(inv, ("application",))
    mode = frame["desync_mitigation_mode"].astype("string").fillna(DEFAULT_MODE)
    failed = ~mode.isin(STRONG_MODES).fillna(False)
    name = frame["name"].astype("string")
    detail = (name + ": desync mitigation mode " + mode + ", not defensive or strictest").where(
        failed, name + ": desync mitigation mode " + mode
    )
    return load_balancers(frame, failed, detail)
