"""``ec2.network_acls``: one DescribeNetworkAcls answers every column, one row per entry."""

from __future__ import annotations

from typing import Any

from ..base import TableContext, bool_or_none, table
from ._shared import PAGE, describe, json_list


@table(
    "ec2.network_acls",
    where="regional",
    key=("network_acl_id", "egress", "rule_number"),
    calls=("ec2:DescribeNetworkAcls",),
    columns=(
        ("network_acl_id", "string", "The network ACL's id (acl-...)."),
        ("vpc_id", "string", "The VPC the ACL belongs to."),
        ("is_default", "boolean", "Whether it is its VPC's default ACL."),
        ("associated_subnet_ids", "string", "JSON list of the subnets the ACL governs."),
        ("rule_number", "Int64", "The entry's number: entries apply in increasing order."),
        ("egress", "boolean", "True for an outbound entry, False for an inbound one."),
        ("protocol", "string", "-1 for all, or an IP protocol number (6 tcp, 17 udp, 1 icmp)."),
        ("rule_action", "string", "allow or deny."),
        ("cidr_block", "string", "The IPv4 range the entry matches."),
        ("ipv6_cidr_block", "string", "The IPv6 range the entry matches."),
        ("from_port", "Int64", "First port of the entry's range; null for all."),
        ("to_port", "Int64", "Last port of the entry's range; null for all."),
    ),
)
async def network_acls(ctx: TableContext) -> list[dict[str, Any]]:
    """Every network ACL entry: one row per (ACL, direction, rule number)."""
    found = await describe(ctx, "describe_network_acls", "NetworkAcls", **PAGE)
    rows = []
    for acl in found:
        subnet_ids = json_list(
            a["SubnetId"] for a in acl.get("Associations") or [] if a.get("SubnetId")
        )
        for entry in acl.get("Entries") or []:
            ports = entry.get("PortRange") or {}
            rows.append(
                {
                    "network_acl_id": acl["NetworkAclId"],
                    "vpc_id": acl.get("VpcId"),
                    "is_default": bool_or_none(acl.get("IsDefault")),
                    "associated_subnet_ids": subnet_ids,
                    "rule_number": entry.get("RuleNumber"),
                    "egress": bool_or_none(entry.get("Egress")),
                    "protocol": entry.get("Protocol"),
                    "rule_action": entry.get("RuleAction"),
                    "cidr_block": entry.get("CidrBlock"),
                    "ipv6_cidr_block": entry.get("Ipv6CidrBlock"),
                    "from_port": ports.get("From"),
                    "to_port": ports.get("To"),
                }
            )
    return rows
