"""``ec2.security_group_rules``: the region's security groups' permissions, one row per rule,
each with AWS's own rule id.

The rows are DescribeSecurityGroups' permissions flattened (the call ``ec2.security_groups``
shares, whose counts count these rows): one per (group, direction, protocol, ports, source),
which is AWS's rule model. DescribeSecurityGroupRules (one call a region) gives each its
``sgr-`` id, matched on that key; it is not the rows' source because it lacks the group's name
and VPC (and moto drops the description of a rule that names a group or prefix list).
"""

from __future__ import annotations

import asyncio
from typing import Any

from ..base import TableContext, table
from ._rules import flattened_key, group_rules, rule_ids
from ._shared import PAGE, all_security_groups, describe


@table(
    "ec2.security_group_rules",
    where="regional",
    key=("security_group_rule_id",),
    calls=("ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules"),
    columns=(
        (
            "security_group_rule_id",
            "string",
            "AWS's id of the rule (sgr-...); null only for a rule added between the two reads.",
        ),
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
    groups, answered = await asyncio.gather(
        all_security_groups(ctx),
        describe(ctx, "describe_security_group_rules", "SecurityGroupRules", **PAGE),
    )
    ids = rule_ids(answered)
    return [
        {"security_group_rule_id": ids.get(flattened_key(rule)), **rule}
        for group in groups
        for rule in group_rules(group)
    ]
