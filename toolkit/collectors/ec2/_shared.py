"""What the EC2 tables share: paging, ARNs, tags, the three listings several tables read (route
tables, security groups, network interfaces) and what the network interfaces say is in use."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..base import TableContext

SERVICE = "ec2"
PAGE = {"PaginationConfig": {"PageSize": 1000}}
#: DescribeRouteTables takes at most 100 a page.
ROUTE_TABLE_PAGE = {"PaginationConfig": {"PageSize": 100}}
INTERNET = ("0.0.0.0/0", "::/0")
TAGS_DOC = "The tags as a JSON object (key to value)."


def resource_arn(ctx: TableContext, kind: str, resource_id: str, owner: str | None = None) -> str:
    """arn:PARTITION:ec2:REGION:OWNER:KIND/ID; the owner defaults to the account read."""
    account = owner or ctx.account_id
    return f"arn:{partition(ctx.region)}:ec2:{ctx.region}:{account}:{kind}/{resource_id}"


def partition(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def tags_json(resource: dict[str, Any]) -> str:
    return json.dumps(
        {tag["Key"]: tag.get("Value", "") for tag in resource.get("Tags") or []}, sort_keys=True
    )


def name_tag(resource: dict[str, Any]) -> str | None:
    for tag in resource.get("Tags") or []:
        if tag["Key"] == "Name":
            return tag.get("Value")
    return None


def json_list(values: Any) -> str:
    """Distinct values as a sorted JSON list."""
    return json.dumps(sorted(set(values)))


async def describe(ctx: TableContext, operation: str, key: str, **params: Any) -> list[Any]:
    """Every item under ``key`` of a paged EC2 Describe* call in (account, region)."""
    client = await ctx.client(SERVICE)
    return await ctx.aws.items(client, operation, key, **params)


async def all_route_tables(ctx: TableContext) -> list[dict[str, Any]]:
    """Every route table of (account, region), read once a run for subnets and route tables."""

    async def fetch() -> list[dict[str, Any]]:
        return await describe(ctx, "describe_route_tables", "RouteTables", **ROUTE_TABLE_PAGE)

    return await ctx.aws.memo(("ec2.route_tables", ctx.account_id, ctx.region), fetch)


async def all_security_groups(ctx: TableContext) -> list[dict[str, Any]]:
    """Every security group of (account, region), read once a run for groups and rules."""

    async def fetch() -> list[dict[str, Any]]:
        return await describe(ctx, "describe_security_groups", "SecurityGroups", **PAGE)

    return await ctx.aws.memo(("ec2.security_groups", ctx.account_id, ctx.region), fetch)


#: What ``in_use`` columns say, in the tables' docs: one definition, after Prowler's (a VPC, a
#: subnet or a security group is in use when a network interface is in it or attached to it).
IN_USE_DOC = (
    "Whether a network interface (of an instance, a NAT gateway, a Lambda function in a VPC, a "
    "database, a mount target, an endpoint, ...) {where}; read from the region's "
    "DescribeNetworkInterfaces, only when this column is asked for."
)
IN_USE_ACTIONS = ("ec2:DescribeNetworkInterfaces",)


async def all_network_interfaces(ctx: TableContext) -> list[dict[str, Any]]:
    """Every network interface of (account, region), read once a run for ``ec2.network_interfaces``
    and the ``in_use`` columns of VPCs, subnets, security groups and network ACLs."""

    async def fetch() -> list[dict[str, Any]]:
        return await describe(ctx, "describe_network_interfaces", "NetworkInterfaces", **PAGE)

    return await ctx.aws.memo(("ec2.network_interfaces", ctx.account_id, ctx.region), fetch)


@dataclass(frozen=True)
class Usage:
    """The VPCs, subnets and security groups that some network interface of a region uses."""

    vpc_ids: frozenset[str]
    subnet_ids: frozenset[str]
    group_ids: frozenset[str]


async def usage(ctx: TableContext) -> Usage:
    """What the region's network interfaces use, computed once a run per (account, region)."""

    async def index() -> Usage:
        interfaces = await all_network_interfaces(ctx)
        return Usage(
            frozenset(i["VpcId"] for i in interfaces if i.get("VpcId")),
            frozenset(i["SubnetId"] for i in interfaces if i.get("SubnetId")),
            frozenset(g["GroupId"] for i in interfaces for g in i.get("Groups") or []),
        )

    return await ctx.aws.memo(("ec2.usage", ctx.account_id, ctx.region), index)
