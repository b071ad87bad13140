from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import ADMIN_PORTS, INTERNET, ec2_arn, ec2_covering, ec2_listed, unused_noted

if TYPE_CHECKING:
    from ...inventory import Inventory

ACL_KEY = ["account_id", "region", "network_acl_id"]


@check(
    title="Network ACL allows ingress from the internet to remote administration ports",
    severity="high",
    service="ec2",
    resource_type="AWS::EC2::NetworkAcl",
    tables=["ec2.network_acls"],
    description="For port 22 or 3389 (over tcp, udp or all protocols), the first inbound entry "
    "of the network ACL that matches traffic from 0.0.0.0/0 (or ::/0) allows it. Entries apply "
    "in rule number order, so an earlier deny for the port protects it; a port range or "
    "protocol -1 that includes the port counts.",
    risk="SSH and RDP are reachable from any address at the subnet boundary: one open security "
    "group away from brute force and exploitation.",
    remediation="Add inbound deny entries for 0.0.0.0/0 and ::/0 on ports 22 and 3389 numbered "
    "before the allow entries, or narrow the allow entries to known networks.",
    remediation_cli="aws ec2 create-network-acl-entry --network-acl-id {resource_id} --ingress "
    "--rule-number RULE_NUMBER --protocol tcp --port-range From=22,To=22 "
    "--cidr-block 0.0.0.0/0 --rule-action deny --region {region}",
)
def ec2_network_acl_open_admin_port(inv: Inventory) -> pd.DataFrame:
    n = inv["ec2.network_acls"]
    acls = n.drop_duplicates(ACL_KEY)
    inbound = n[~n["egress"].fillna(False)].assign(
        cidr_ipv4=n["cidr_block"], cidr_ipv6=n["ipv6_cidr_block"]
    )
    inbound = inbound.assign(source=inbound["cidr_ipv4"].fillna(inbound["cidr_ipv6"]))
    from_internet = inbound[inbound["source"].isin(INTERNET).fillna(False)]
    # per (ACL, source, port), the entry with the lowest number decides
    first = (
        ec2_covering(from_internet, ADMIN_PORTS)
        .sort_values("rule_number", kind="stable")
        .drop_duplicates([*ACL_KEY, "source", "port"])
    )
    allowed = first[first["rule_action"] == "allow"]
    text = (
        "rule " + allowed["rule_number"].astype(str) + " allows " + allowed["source"]
        + " to port " + allowed["port"].astype(str)
    )  # fmt: skip
    listed = ec2_listed(acls, ACL_KEY, allowed, text)
    return evaluate(
        acls,
        listed.notna(),
        acls["network_acl_id"],
        unused_noted(acls, listed.fillna("ports 22 and 3389 closed to the internet")),
        ec2_arn(acls, "network-acl", acls["network_acl_id"]),
    )
