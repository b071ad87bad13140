from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import ENCRYPTED, LOAD_BALANCER, listener_texts, load_balancers, port_text

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Classic Load Balancer has a listener without HTTPS or TLS",
    severity="medium",
    service="elb",
    resource_type=LOAD_BALANCER,
    tables=["elb.load_balancers", "elb.listeners"],
    description="A Classic Load Balancer has a listener whose front-end (client) protocol is "
    "HTTP or TCP rather than HTTPS or SSL (TLS). FSBP ELB.3 fails it; one without listeners "
    "is not judged.",
    risk="Clients talk to the load balancer in clear text: requests, cookies and credentials "
    "can be read and changed on the way.",
    remediation="Replace each HTTP or TCP listener by an HTTPS or SSL listener with a "
    "certificate from ACM.",
    remediation_cli="aws elb create-load-balancer-listeners --region {region} "
    "--load-balancer-name {resource_id} --listeners "
    "Protocol=HTTPS,LoadBalancerPort=443,InstanceProtocol=HTTP,InstancePort=80,"
    "SSLCertificateId=ACM_CERTIFICATE_ARN",
)
def elb_listener_unencrypted(inv: Inventory) -> pd.DataFrame:
    balancers = inv["elb.load_balancers"]
    listeners = inv["elb.listeners"]
    protocol = listeners["protocol"].astype("string").str.upper()
    plain = listeners[~protocol.isin(ENCRYPTED).fillna(False)]
    plain_text = listener_texts(plain, balancers, port_text(plain))
    all_text = listener_texts(listeners, balancers, port_text(listeners))
    judged = balancers["arn"].isin(listeners["load_balancer_arn"])
    frame = balancers[judged]
    failed = plain_text[judged] != ""
    name = frame["name"].astype("string")
    detail = (name + ": listener " + plain_text[judged] + " is not encrypted").where(
        failed, name + ": every listener encrypts (" + all_text[judged] + ")"
    )
    return load_balancers(frame, failed, detail)
