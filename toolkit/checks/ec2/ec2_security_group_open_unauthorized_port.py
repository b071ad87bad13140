"""FSBP EC2.18: Security groups should only allow unrestricted incoming traffic for authorized
ports.

As AWS's control (Config rule vpc-sg-open-only-to-authorized-ports, authorizedTcpPorts 80,443
and no authorized UDP ports by default): a security group fails when an inbound rule allows
0.0.0.0/0 or ::/0 on any TCP port other than 80 and 443, any UDP port, or all protocols. ICMP
rules carry no ports and are not judged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import INTERNET, SECURITY_GROUP, ec2_groups, ingress_open

if TYPE_CHECKING:
    from ...inventory import Inventory

#: FSBP EC2.18's default authorizedTcpPorts; no UDP port is authorized by default.
AUTHORIZED_TCP_PORTS = (80, 443)
#: Protocols that carry ports, as security group rules name them; -1 is all.
PORT_PROTOCOLS = {"-1": "all", "all": "all", "tcp": "tcp", "6": "tcp", "udp": "udp", "17": "udp"}


@check(
    title="Security group allows the internet in on ports other than 80 and 443",
    severity="high",
    service="ec2",
    resource_type=SECURITY_GROUP,
    tables=["ec2.security_groups", "ec2.security_group_rules"],
    description="An inbound rule allows 0.0.0.0/0 or ::/0 on a port that is not authorized, "
    "as FSBP EC2.18 evaluates it with its defaults (authorizedTcpPorts 80, 443; no UDP port): "
    "any other TCP port, any UDP port, or all protocols.",
    risk="Services other than the web front door are reachable from anywhere on the internet.",
    remediation="Narrow the rule to the networks that need the port, or serve it behind a load "
    "balancer on 80 or 443.",
    remediation_cli="aws ec2 revoke-security-group-ingress --group-id {resource_id} "
    "--ip-permissions IpProtocol=tcp,FromPort=PORT,ToPort=PORT,IpRanges=[{{CidrIp=0.0.0.0/0}}] "
    "--region {region}",
)
def ec2_security_group_open_unauthorized_port(inv: Inventory) -> pd.DataFrame:
    rules = ingress_open(inv, INTERNET)
    proto = rules["protocol"].astype("string").str.lower().map(PORT_PROTOCOLS)
    low = rules["from_port"].fillna(0).astype("int64")
    high = rules["to_port"].fillna(65535).astype("int64")
    span = (low.astype(str) + "-" + high.astype(str)).where(low != high, low.astype(str))
    ranged = rules.assign(proto=proto, ports=span.where(proto != "all", "all ports"))
    authorized = (proto == "tcp") & (low == high) & low.isin(AUTHORIZED_TCP_PORTS)
    hits = ranged[proto.notna() & ~authorized.fillna(False).astype(bool)]
    return ec2_groups(inv, hits, "only ports 80 and 443 open to the internet")
