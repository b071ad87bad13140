"""Security group permissions flattened into rules: the rows of ``ec2.security_group_rules``
and the counts of ``ec2.security_groups``, so the two always agree."""

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
