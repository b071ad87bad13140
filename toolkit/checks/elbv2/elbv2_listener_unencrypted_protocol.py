from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import LISTENER, listener_names, listeners_of_types

if TYPE_CHECKING:
    from ...inventory import Inventory

#: The one protocol FSBP ELB.18 accepts for a listener, by load balancer type.
SECURE = {"application": "HTTPS", "network": "TLS"}


@check(
    title="Load balancer listener does not encrypt (HTTPS or TLS)",
    severity="medium",
    service="elbv2",
    resource_type=LISTENER,
    tables=["elbv2.listeners"],
    description="A listener of an Application Load Balancer is not HTTPS, or one of a Network "
    "Load Balancer is not TLS (FSBP ELB.18). An HTTP listener that only redirects to HTTPS "
    "fails too, as in AWS's control.",
    risk="Data between clients and the load balancer crosses the network in clear text, open "
    "to reading and tampering on the way.",
    remediation="Serve the listener's traffic over HTTPS (Application) or TLS (Network) with "
    "an ACM certificate, and remove plain listeners once clients have moved.",
    remediation_cli="aws elbv2 modify-listener --region {region} --listener-arn LISTENER_ARN "
    "--protocol HTTPS --port 443 --certificates CertificateArn=ACM_CERTIFICATE_ARN "
    "--ssl-policy ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
)
def elbv2_listener_unencrypted_protocol(inv: Inventory) -> pd.DataFrame:
    frame = listeners_of_types(inv, tuple(SECURE))
    protocol = frame["protocol"].astype("string").str.upper()
    wanted = frame["load_balancer_type"].map(SECURE).astype("string")
    failed = (protocol != wanted).fillna(True)
    names = listener_names(frame)
    head = names + ": " + protocol.fillna("no protocol")
    detail = (head + ", not " + wanted + ": traffic is not encrypted").where(
        failed, head + ", encrypted"
    )
    return evaluate(frame, failed, names, detail, frame["arn"])
