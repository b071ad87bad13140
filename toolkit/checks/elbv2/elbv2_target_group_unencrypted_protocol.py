from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import TARGET_GROUP, target_groups

if TYPE_CHECKING:
    from ...inventory import Inventory

#: Protocols FSBP ELB.22 accepts.
ENCRYPTED = ("HTTPS", "TLS", "QUIC")


@check(
    title="Target group does not use an encrypted protocol",
    severity="medium",
    service="elbv2",
    resource_type=TARGET_GROUP,
    tables=["elbv2.target_groups"],
    description="A target group sends traffic to its targets over HTTP, TCP, UDP or TCP_UDP, "
    "not HTTPS, TLS or QUIC (FSBP ELB.22). Target groups of Lambda functions or Application "
    "Load Balancers, and GENEVE ones (Gateway Load Balancers), are not judged.",
    risk="Requests leave the load balancer in clear text on their way to the targets: anyone "
    "on that network path can read or change them.",
    remediation="Make a target group with HTTPS (Application) or TLS (Network), move the "
    "listeners' actions to it and delete the old one (a target group's protocol cannot "
    "change).",
    remediation_cli="aws elbv2 create-target-group --region {region} --name {resource_id}-tls "
    "--protocol HTTPS --port 443 --vpc-id VPC_ID",
)
def elbv2_target_group_unencrypted_protocol(inv: Inventory) -> pd.DataFrame:
    groups = inv["elbv2.target_groups"]
    protocol = groups["protocol"].astype("string").str.upper()
    judged = ~groups["target_type"].isin(("lambda", "alb")).fillna(False) & (
        protocol != "GENEVE"
    ).fillna(True)
    frame = groups[judged]
    protocol = protocol[judged]
    failed = ~protocol.isin(ENCRYPTED).fillna(False)
    name = frame["name"].astype("string")
    head = name + ": targets reached over " + protocol.fillna("no protocol")
    detail = (head + ", not HTTPS, TLS or QUIC").where(failed, head)
    return target_groups(frame, failed, detail)
