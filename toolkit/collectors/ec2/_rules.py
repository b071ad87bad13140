"""Security group permissions flattened into rules: the rows of ``ec2.security_group_rules``
and the counts of ``ec2.security_groups``, so the two always agree; and the key that matches
each flattened rule to AWS's own rule (DescribeSecurityGroupRules: one source per rule too)."""

from __future__ import annotations

from typing import Any

from ._shared import INTERNET

#: Where a permission names what it allows, and the rule column each goes to.
SOURCES = (
    ("IpRanges", "CidrIp", "cidr_ipv4"),
    ("Ipv6Ranges", "CidrIpv6", "cidr_ipv6"),
    ("PrefixListIds", "PrefixListId", "prefix_list_id"),
    ("UserIdGroupPairs", "GroupId", "referenced_group_id"),
)
#: Protocol numbers AWS may answer in place of their names.
PROTOCOL_NAMES = {"6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", "all": "-1"}


def group_rules(group: dict[str, Any]) -> list[dict[str, Any]]:
    """A group's permissions flattened: one rule per (permission, CIDR, prefix list or group)."""
    rules = []
    for direction, field in (("ingress", "IpPermissions"), ("egress", "IpPermissionsEgress")):
        for permission in group.get(field) or []:
            protocol = str(permission.get("IpProtocol"))
            every = protocol == "-1"
            base = {
                "group_id": group["GroupId"],
                "group_name": group.get("GroupName"),
                "vpc_id": group.get("VpcId"),
                "direction": direction,
                "protocol": protocol,
                "from_port": None if every else permission.get("FromPort"),
                "to_port": None if every else permission.get("ToPort"),
            }
            for entries, value_field, column in SOURCES:
                for entry in permission.get(entries) or []:
                    value = entry.get(value_field)
                    rules.append(
                        {
                            **base,
                            **{name: None for _, _, name in SOURCES},
                            column: value,
                            "description": entry.get("Description"),
                            "open_to_internet": column in ("cidr_ipv4", "cidr_ipv6")
                            and value in INTERNET,
                        }
                    )
    return rules


def rule_key(
    group_id: str, egress: bool, protocol: Any, from_port: Any, to_port: Any, *sources: Any
) -> tuple[Any, ...]:
    """What tells a group's rules apart (AWS refuses a duplicate): direction, protocol, ports
    and the one source. Absent ports are -1, as DescribeSecurityGroupRules says them."""
    name = str(protocol).lower()
    ports = (-1, -1) if name in ("-1", "all") else (from_port, to_port)
    return (
        group_id,
        bool(egress),
        PROTOCOL_NAMES.get(name, name),
        *(-1 if port is None else int(port) for port in ports),
        *sources,
    )


def flattened_key(rule: dict[str, Any]) -> tuple[Any, ...]:
    """The key of a rule of ``group_rules``."""
    return rule_key(
        rule["group_id"],
        rule["direction"] == "egress",
        rule["protocol"],
        rule["from_port"],
        rule["to_port"],
        *(rule[column] for _, _, column in SOURCES),
    )


def rule_ids(answered: list[dict[str, Any]]) -> dict[tuple[Any, ...], str]:
    """DescribeSecurityGroupRules' rules by their key: the id of each flattened rule."""
    return {
        rule_key(
            rule.get("GroupId"),
            rule.get("IsEgress"),
            rule.get("IpProtocol"),
            rule.get("FromPort"),
            rule.get("ToPort"),
            rule.get("CidrIpv4"),
            rule.get("CidrIpv6"),
            rule.get("PrefixListId"),
            (rule.get("ReferencedGroupInfo") or {}).get("GroupId"),
        ): rule["SecurityGroupRuleId"]
        for rule in answered
        if rule.get("SecurityGroupRuleId")
    }
