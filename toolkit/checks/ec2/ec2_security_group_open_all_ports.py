from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import INTERNET, SECURITY_GROUP, ec2_covering, ec2_groups, ingress_open

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Security group allows all traffic from the internet",
    severity="critical",
    service="ec2",
    resource_type=SECURITY_GROUP,
    tables=["ec2.security_groups", "ec2.security_group_rules"],
    description="An inbound rule allows 0.0.0.0/0 or ::/0 on every port: protocol -1 (all), or "
    "tcp or udp from port 0 (or 1) to 65535.",
    risk="Every service listening on the group's members is exposed to the internet, including "
    "ones never meant to be reachable.",
    remediation="Remove the rule and allow only the ports the workload serves, from the sources "
    "that need them.",
    remediation_cli="aws ec2 revoke-security-group-ingress --group-id {resource_id} "
    "--protocol all --cidr 0.0.0.0/0 --region {region}",
)
def ec2_security_group_open_all_ports(inv: Inventory) -> pd.DataFrame:
    # port 0 is not usable: a range from 0 or 1 up to 65535 is every port
    hits = ec2_covering(ingress_open(inv, INTERNET), (1,))
    hits = hits[(hits["proto"] == "all") | (hits["high"] >= 65535)]
    return ec2_groups(inv, hits, "no rule opens every port to the internet")
