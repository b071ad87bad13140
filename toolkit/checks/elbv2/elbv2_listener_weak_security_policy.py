from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import LISTENER, listener_names, listeners_of_types

if TYPE_CHECKING:
    from ...inventory import Inventory

#: FSBP ELB.17's parameter sslPolicies (not customizable).
RECOMMENDED = (
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
)


@check(
    title="Load balancer TLS listener does not use a recommended security policy",
    severity="medium",
    service="elbv2",
    resource_type=LISTENER,
    tables=["elbv2.listeners"],
    description="An HTTPS listener of an Application Load Balancer or a TLS listener of a "
    "Network Load Balancer negotiates with a security policy outside FSBP ELB.17's "
    "sslPolicies: " + ", ".join(RECOMMENDED) + ". Other listeners are not judged.",
    risk="Older policies accept TLS 1.0 and 1.1 and weak ciphers, which a client can be "
    "downgraded to and an eavesdropper can attack.",
    remediation="Set the listener's security policy to a recommended one, e.g. "
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06 (TLS 1.2 and 1.3, forward-secret ciphers).",
    remediation_cli="aws elbv2 modify-listener --region {region} --listener-arn LISTENER_ARN "
    "--ssl-policy ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
)
def elbv2_listener_weak_security_policy(inv: Inventory) -> pd.DataFrame:
    listeners = listeners_of_types(inv, ("application", "network"))
    protocol = listeners["protocol"].astype("string").str.upper()
    kind = listeners["load_balancer_type"]
    judged = ((kind == "application") & (protocol == "HTTPS")) | (
        (kind == "network") & (protocol == "TLS")
    )
    frame = listeners[judged.fillna(False)]
    policy = frame["ssl_policy"].astype("string").fillna("no policy")
    failed = ~frame["ssl_policy"].isin(RECOMMENDED).fillna(False)
    names = listener_names(frame)
    head = names + " (" + frame["protocol"].astype("string") + "): uses " + policy
    detail = (head + ", not a policy FSBP ELB.17 recommends").where(
        failed, head + ", a recommended policy"
    )
    return evaluate(frame, failed, names, detail, frame["arn"])
