"""``ec2.security_group_rules``: the region's security groups' permissions, one row per rule
(no call of its own: DescribeSecurityGroups is shared with ``ec2.security_groups``)."""

from __future__ import annotations

from typing import Any

from ..base import TableContext, table
from ._rules import group_rules
from ._shared import all_security_groups


@table(
    "ec2.security_group_rules",
    where="regional",
    calls=("ec2:DescribeSecurityGroups",),
    columns=(
        ("group_id", "string", "The security group the rule belongs to."),
        ("group_name", "string", "The security group's name."),
        ("vpc_id", "string", "The security group's VPC."),
        ("direction", "string", "ingress or egress."),
        ("protocol", "string", "-1 for all, tcp, udp, icmp, icmpv6 or an IP protocol number."),
        (
            "from_port",
            "Int64",
            "First port (ICMP: type, -1 for every type); null when the protocol is all.",
        ),
        (
            "to_port",
            "Int64",
            "Last port (ICMP: code, -1 for every code); null when the protocol is all.",
        ),
        ("cidr_ipv4", "string", "The IPv4 range the rule allows, if it names one."),
        ("cidr_ipv6", "string", "The IPv6 range the rule allows, if it names one."),
        ("prefix_list_id", "string", "The prefix list the rule allows, if it names one."),
        (
            "referenced_group_id",
            "string",
            "The security group whose members the rule allows, if it names one.",
        ),
        ("description", "string", "The rule's description."),
        ("open_to_internet", "boolean", "Whether the rule allows 0.0.0.0/0 or ::/0."),
    ),
)
async def security_group_rules(ctx: TableContext) -> list[dict[str, Any]]:
    """Every security group rule: one row per (permission, CIDR, prefix list or group)."""
    return [rule for group in await all_security_groups(ctx) for rule in group_rules(group)]
