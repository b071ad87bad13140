from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import LOAD_BALANCER, encrypted_listeners, listener_texts, load_balancers, port_text

if TYPE_CHECKING:
    from ...inventory import Inventory

#: FSBP ELB.8's parameter predefinedPolicyName (not customizable).
STRONG_POLICY = "ELBSecurityPolicy-TLS-1-2-2017-01"


@check(
    title="Classic Load Balancer SSL listener does not use the strong predefined policy",
    severity="medium",
    service="elb",
    resource_type=LOAD_BALANCER,
    tables=["elb.load_balancers", "elb.listeners"],
    description="An HTTPS or SSL listener of a Classic Load Balancer does not negotiate with "
    f"the predefined security policy {STRONG_POLICY} (FSBP ELB.8's predefinedPolicyName): it "
    "uses an older predefined policy, a custom one or none. Load balancers without HTTPS or "
    "SSL listeners are not judged.",
    risk="Older policies accept TLS 1.0 and 1.1 and weak ciphers, which a client can be "
    "downgraded to and an eavesdropper can attack.",
    remediation=f"Make an SSL negotiation policy that refers to {STRONG_POLICY} and set it on "
    "each HTTPS/SSL listener.",
    remediation_cli="aws elb create-load-balancer-policy --region {region} "
    "--load-balancer-name {resource_id} --policy-name tls-1-2 --policy-type-name "
    "SSLNegotiationPolicyType --policy-attributes "
    f"AttributeName=Reference-Security-Policy,AttributeValue={STRONG_POLICY} && "
    "aws elb set-load-balancer-policies-of-listener --region {region} "
    "--load-balancer-name {resource_id} --load-balancer-port 443 --policy-names tls-1-2",
)
def elb_ssl_listener_weak_security_policy(inv: Inventory) -> pd.DataFrame:
    balancers = inv["elb.load_balancers"]
    listeners = encrypted_listeners(inv)
    strong = (listeners["ssl_policy"] == STRONG_POLICY).fillna(False)
    weak = listeners[~strong]
    policy = weak["ssl_policy"].astype("string").fillna("no predefined policy")
    weak_text = listener_texts(weak, balancers, port_text(weak) + " uses " + policy)
    judged = balancers["arn"].isin(listeners["load_balancer_arn"])
    frame = balancers[judged]
    failed = weak_text[judged] != ""
    name = frame["name"].astype("string")
    detail = (name + ": " + weak_text[judged] + f", not {STRONG_POLICY}").where(
        failed, name + f": every HTTPS/SSL listener uses {STRONG_POLICY}"
    )
    return load_balancers(frame, failed, detail)
