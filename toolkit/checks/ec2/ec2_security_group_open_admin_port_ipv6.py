from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import (
    ADMIN_PORTS,
    IPV6_INTERNET,
    SECURITY_GROUP,
    ec2_covering,
    ec2_groups,
    ingress_open,
)

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Security group allows ingress from ::/0 to remote administration ports",
    severity="high",
    service="ec2",
    resource_type=SECURITY_GROUP,
    tables=["ec2.security_groups", "ec2.security_group_rules"],
    description="An inbound rule allows ::/0 to port 22 (SSH) or 3389 (RDP) over tcp, udp or "
    "all protocols; a port range that includes either port counts.",
    risk="Any IPv6 address can reach SSH or RDP on the group's members.",
    remediation="Remove the rule; reach instances through Session Manager, a VPN or a bastion "
    "restricted to known addresses.",
    remediation_cli="aws ec2 revoke-security-group-ingress --group-id {resource_id} "
    "--ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,Ipv6Ranges=[{CidrIpv6=::/0}]' "
    "--region {region}",
)
def ec2_security_group_open_admin_port_ipv6(inv: Inventory) -> pd.DataFrame:
    hits = ec2_covering(ingress_open(inv, [IPV6_INTERNET]), ADMIN_PORTS)
    return ec2_groups(inv, hits, "ports 22 and 3389 closed to ::/0")
