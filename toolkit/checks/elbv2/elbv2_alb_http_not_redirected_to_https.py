from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import LOAD_BALANCER, load_balancers, of_types

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Application Load Balancer serves plain HTTP without redirecting to HTTPS",
    severity="medium",
    service="elbv2",
    resource_type=LOAD_BALANCER,
    tables=["elbv2.load_balancers", "elbv2.listeners"],
    description="An HTTP listener of an Application Load Balancer does not redirect requests "
    "to HTTPS in its default action. FSBP ELB.1 fails a load balancer when any of its HTTP "
    "listeners lacks the redirect; one without HTTP listeners passes.",
    risk="Requests, cookies and credentials cross the network in clear text, open to reading "
    "and tampering on the way.",
    remediation="Change the default action of every HTTP listener to a redirect to HTTPS on "
    "port 443 (status HTTP_301), after adding an HTTPS listener.",
    remediation_cli="aws elbv2 modify-listener --region {region} --listener-arn LISTENER_ARN "
    "--default-actions 'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,"
    "StatusCode=HTTP_301}'",
)
def elbv2_alb_http_not_redirected_to_https(inv: Inventory) -> pd.DataFrame:
    frame = of_types(inv, ("application",))
    listeners = inv["elbv2.listeners"]
    http = listeners[(listeners["protocol"] == "HTTP").fillna(False)]
    plain = http[~http["redirects_to_https"].fillna(False).astype(bool)]
    plain_ports = _ports(plain, frame)
    http_ports = _ports(http, frame)
    failed = plain_ports != ""
    name = frame["name"].astype("string")
    detail = (
        name + ": HTTP listener on port " + plain_ports + " does not redirect to HTTPS"
    ).where(
        failed,
        (name + ": every HTTP listener (port " + http_ports + ") redirects to HTTPS").where(
            http_ports != "", name + ": no HTTP listener"
        ),
    )
    return load_balancers(frame, failed, detail)


def _ports(listeners: pd.DataFrame, balancers: pd.DataFrame) -> pd.Series:
    """Per load balancer of ``balancers``: the ports of its ``listeners``, "80, 8080" ("" for
    none)."""
    ports = listeners.groupby("load_balancer_arn")["port"].agg(
        lambda p: ", ".join(str(v) for v in sorted(p))
    )
    return balancers["arn"].map(ports).fillna("").astype("string")
