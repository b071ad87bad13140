from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import INTERNET, SECURITY_GROUP, ec2_covering, ec2_groups, ingress_open

if TYPE_CHECKING:
    from ...inventory import Inventory

#: Ports AWS Security Hub judges high-risk when open to the internet (AWS-FSBP EC2.19).
HIGH_RISK_PORTS = (
    20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432,
    5500, 5601, 8080, 8088, 8888, 9200, 9300,
)  # fmt: skip


@check(
    title="Security group allows ingress from the internet to high-risk ports",
    severity="high",
    service="ec2",
    resource_type=SECURITY_GROUP,
    tables=["ec2.security_groups", "ec2.security_group_rules"],
    description="An inbound rule allows 0.0.0.0/0 or ::/0 to a port AWS Security Hub deems "
    "high-risk: " + ", ".join(map(str, HIGH_RISK_PORTS)) + " (FTP, SSH, Telnet, SMTP, POP3, "
    "RPC, IMAP, SMB, SQL Server, MySQL, PostgreSQL, Kibana, Elasticsearch, ...).",
    risk="Databases, file shares and administration services answer the whole internet.",
    remediation="Restrict the rule to the networks that need the port, or remove it.",
    remediation_cli="aws ec2 revoke-security-group-ingress --group-id {resource_id} "
    "--protocol tcp --port PORT --cidr 0.0.0.0/0 --region {region}",
)
def ec2_security_group_open_high_risk_port(inv: Inventory) -> pd.DataFrame:
    hits = ec2_covering(ingress_open(inv, INTERNET), HIGH_RISK_PORTS)
    return ec2_groups(inv, hits, "no high-risk port open to the internet")
