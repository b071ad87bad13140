from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import LOAD_BALANCER, encrypted_listeners, listener_texts, load_balancers, port_text

if TYPE_CHECKING:
    from ...inventory import Inventory

#: How an ACM certificate's ARN starts (an IAM server certificate's says :iam:).
ACM = "arn:aws:acm:"


@check(
    title="Classic Load Balancer uses a certificate not from ACM",
    severity="medium",
    service="elb",
    resource_type=LOAD_BALANCER,
    tables=["elb.load_balancers", "elb.listeners"],
    description="A Classic Load Balancer has an HTTPS or SSL listener whose certificate is not "
    "one of AWS Certificate Manager (an IAM server certificate, uploaded by hand). FSBP ELB.2 "
    "fails it; load balancers without HTTPS or SSL listeners are not judged.",
    risk="A certificate uploaded to IAM is renewed by hand or not at all: when it expires, "
    "clients refuse the connection or learn to ignore certificate errors.",
    remediation="Request or import the certificate in ACM and set it on each HTTPS/SSL "
    "listener; ACM renews certificates it issued.",
    remediation_cli="aws elb set-load-balancer-listener-ssl-certificate --region {region} "
    "--load-balancer-name {resource_id} --load-balancer-port 443 "
    "--ssl-certificate-id ACM_CERTIFICATE_ARN",
)
def elb_listener_certificate_not_from_acm(inv: Inventory) -> pd.DataFrame:
    balancers = inv["elb.load_balancers"]
    listeners = encrypted_listeners(inv)
    from_acm = listeners["certificate"].astype("string").str.startswith(ACM).fillna(False)
    others = listeners[~from_acm]
    described = port_text(others) + " uses " + others["certificate"].fillna("no certificate")
    not_acm = listener_texts(others, balancers, described)
    judged = balancers["arn"].isin(listeners["load_balancer_arn"])
    frame = balancers[judged]
    failed = not_acm[judged] != ""
    name = frame["name"].astype("string")
    detail = (name + ": " + not_acm[judged] + ", not a certificate from ACM").where(
        failed, name + ": every HTTPS/SSL listener uses a certificate from ACM"
    )
    return load_balancers(frame, failed, detail)
