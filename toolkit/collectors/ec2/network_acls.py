"""``ec2.network_acls``: one DescribeNetworkAcls answers every column but ``in_use``, one row per
entry; ``in_use`` from the region's network interfaces (one DescribeNetworkInterfaces a region,
shared): an ACL is in use when a subnet it governs is."""

from __future__ import annotations

import json
from typing import Any

from ..base import Hydrate, TableContext, bool_or_none, table
from ._shared import IN_USE_ACTIONS, IN_USE_DOC, PAGE, describe, json_list, usage


async def acl_in_use(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    subnet_ids = json.loads(item["associated_subnet_ids"])
    return {"in_use": not (await usage(ctx)).subnet_ids.isdisjoint(subnet_ids)}


@table(
    "ec2.network_acls",
    where="regional",
    key=("network_acl_id", "egress", "rule_number"),
    calls=("ec2:DescribeNetworkAcls",),
    hydrates=(Hydrate("usage", IN_USE_ACTIONS, acl_in_use),),
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
        (
            "in_use",
            "boolean",
            IN_USE_DOC.format(where="is in a subnet the ACL governs"),
            "usage",
        ),
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
