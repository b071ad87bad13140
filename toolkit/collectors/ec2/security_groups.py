"""``ec2.security_groups``: from the region's security groups (one DescribeSecurityGroups a
region, shared with ``ec2.security_group_rules``, whose rules the counts count); ``in_use`` from
the region's network interfaces (one DescribeNetworkInterfaces a region, shared)."""

from __future__ import annotations

from typing import Any

from ..base import Hydrate, TableContext, table
from ._rules import group_rules
from ._shared import (
    IN_USE_ACTIONS,
    IN_USE_DOC,
    TAGS_DOC,
    all_security_groups,
    resource_arn,
    tags_json,
    usage,
)


async def group_in_use(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    return {"in_use": item["group_id"] in (await usage(ctx)).group_ids}


@table(
    "ec2.security_groups",
    where="regional",
    key=("group_id",),
    calls=("ec2:DescribeSecurityGroups",),
    hydrates=(Hydrate("usage", IN_USE_ACTIONS, group_in_use),),
    columns=(
        ("group_id", "string", "The group's id (sg-...)."),
        ("arn", "string", "arn:aws:ec2:REGION:ACCOUNT:security-group/ID."),
        ("group_name", "string", "The group's name."),
        ("description", "string", "The group's description."),
        ("vpc_id", "string", "The VPC the group belongs to."),
        ("tags", "string", TAGS_DOC),
        (
            "ingress_rule_count",
            "Int64",
            "Inbound rules: one per (permission, CIDR, prefix list or referenced group).",
        ),
        ("egress_rule_count", "Int64", "Outbound rules, counted the same way."),
        (
            "in_use",
            "boolean",
            IN_USE_DOC.format(where="has the group attached")
            + " A group only referenced by another group's rules is not in use.",
            "usage",
        ),
    ),
)
async def security_groups(ctx: TableContext) -> list[dict[str, Any]]:
    """Every security group, default groups included, with how many rules it has each way."""
    rows = []
    for group in await all_security_groups(ctx):
        rules = group_rules(group)
        rows.append(
            {
                "group_id": group["GroupId"],
                "arn": group.get("SecurityGroupArn")
                or resource_arn(ctx, "security-group", group["GroupId"], group.get("OwnerId")),
                "group_name": group.get("GroupName"),
                "description": group.get("Description"),
                "vpc_id": group.get("VpcId"),
                "tags": tags_json(group),
                "ingress_rule_count": sum(r["direction"] == "ingress" for r in rules),
                "egress_rule_count": sum(r["direction"] == "egress" for r in rules),
            }
        )
    return rows
