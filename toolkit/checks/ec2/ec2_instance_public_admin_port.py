from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, each, evaluate
from ._shared import (
    ADMIN_PORTS,
    GROUP_KEY,
    INSTANCE,
    IPV4_INTERNET,
    ec2_covering,
    ec2_instances,
    ec2_listed,
    ingress_open,
    rule_text,
)

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="EC2 instance with a public IP is reachable on a remote administration port",
    severity="critical",
    service="ec2",
    resource_type=INSTANCE,
    tables=["ec2.instances", "ec2.security_group_rules"],
    description="The instance has a public IPv4 address and one of its security groups allows "
    "0.0.0.0/0 to port 22 or 3389 (directly, through a port range, or with protocol -1).",
    risk="SSH or RDP on this very instance is open to the internet: it is a target for brute "
    "force and for exploits of the remote access service.",
    remediation="Remove the internet-wide rule from its security groups (or swap them for "
    "restricted ones), and reach the instance through Session Manager or a VPN.",
    remediation_cli="aws ec2 modify-instance-attribute --instance-id {resource_id} "
    "--groups RESTRICTED_GROUP_ID --region {region}",
)
def ec2_instance_public_admin_port(inv: Inventory) -> pd.DataFrame:
    i = ec2_instances(inv)
    key = ["account_id", "region", "instance_id"]
    memberships = (
        i[key]
        .assign(group_id=each(i["security_group_ids"], json.loads, []))
        .explode("group_id")
        .dropna(subset=["group_id"])
        .astype({"group_id": "string"})
    )
    exposed = ec2_covering(ingress_open(inv, [IPV4_INTERNET]), ADMIN_PORTS)
    hits = memberships.merge(exposed, on=GROUP_KEY)
    listed = ec2_listed(i, key, hits, hits["group_id"] + ": " + rule_text(hits))
    public = i["public_ip"].notna()
    detail = (
        ("public IP " + i["public_ip"]).fillna("no public IP")
        + ("; " + listed).fillna(", ports 22 and 3389 closed to 0.0.0.0/0")
    )  # fmt: skip
    return evaluate(i, public & listed.notna(), i["instance_id"], detail, i["arn"])
