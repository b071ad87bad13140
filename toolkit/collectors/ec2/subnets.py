"""``ec2.subnets``: DescribeSubnets, then each subnet's route table from the region's route
tables (one DescribeRouteTables a region, shared with ``ec2.route_tables``), read only when
``route_table_id`` or ``is_public`` is asked for; ``in_use`` from the region's network interfaces
(one DescribeNetworkInterfaces a region, shared), read only when it is asked for."""

from __future__ import annotations

from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, bool_or_none, declare
from ._shared import (
    IN_USE_ACTIONS,
    IN_USE_DOC,
    INTERNET,
    PAGE,
    all_route_tables,
    describe,
    name_tag,
    resource_arn,
    usage,
)

Routing = tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]


async def list_subnets(ctx: TableContext) -> list[dict[str, Any]]:
    found = await describe(ctx, "describe_subnets", "Subnets", **PAGE)
    return [
        {
            "subnet_id": subnet["SubnetId"],
            "arn": subnet.get("SubnetArn")
            or resource_arn(ctx, "subnet", subnet["SubnetId"], subnet.get("OwnerId")),
            "name": name_tag(subnet),
            "vpc_id": subnet.get("VpcId"),
            "cidr_block": subnet.get("CidrBlock"),
            "availability_zone": subnet.get("AvailabilityZone"),
            "map_public_ip_on_launch": bool_or_none(subnet.get("MapPublicIpOnLaunch")),
        }
        for subnet in found
    ]


async def routing(ctx: TableContext) -> Routing:
    """Route tables by the subnet explicitly associated, and main route tables by VPC."""

    async def index() -> Routing:
        explicit: dict[str, dict[str, Any]] = {}
        main: dict[str, dict[str, Any]] = {}
        for route_table in await all_route_tables(ctx):
            for association in route_table.get("Associations") or []:
                if association.get("Main"):
                    main[route_table.get("VpcId", "")] = route_table
                elif association.get("SubnetId"):
                    explicit[association["SubnetId"]] = route_table
        return explicit, main

    return await ctx.aws.memo(("ec2.subnet_routing", ctx.account_id, ctx.region), index)


async def route_table(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    """The route table explicitly associated with the subnet, else its VPC's main one."""
    explicit, main = await routing(ctx)
    found = explicit.get(item["subnet_id"]) or main.get(item.get("vpc_id") or "")
    return {
        "route_table_id": None if found is None else found["RouteTableId"],
        "is_public": found is not None and routes_to_internet(found),
    }


async def subnet_in_use(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    return {"in_use": item["subnet_id"] in (await usage(ctx)).subnet_ids}


def routes_to_internet(route_table: dict[str, Any]) -> bool:
    """Whether a route table sends 0.0.0.0/0 or ::/0 to an internet gateway."""
    for route in route_table.get("Routes") or []:
        destination = route.get("DestinationCidrBlock") or route.get("DestinationIpv6CidrBlock")
        if (
            destination in INTERNET
            and str(route.get("GatewayId", "")).startswith("igw-")
            and route.get("State") != "blackhole"
        ):
            return True
    return False


subnets = declare(
    "ec2.subnets",
    where="regional",
    key=("subnet_id",),
    doc="Every subnet, with the route table that governs it and whether that makes it public.",
    list=ListStep(("ec2:DescribeSubnets",), list_subnets),
    hydrates=(
        Hydrate("route_table", ("ec2:DescribeRouteTables",), route_table),
        Hydrate("usage", IN_USE_ACTIONS, subnet_in_use),
    ),
    columns=(
        Column("subnet_id", "string", "The subnet's id (subnet-...)."),
        Column("arn", "string", "The subnet's ARN."),
        Column("name", "string", "The Name tag."),
        Column("vpc_id", "string", "The VPC the subnet belongs to."),
        Column("cidr_block", "string", "The subnet's IPv4 CIDR block."),
        Column("availability_zone", "string", "The subnet's availability zone."),
        Column(
            "map_public_ip_on_launch",
            "boolean",
            "Whether instances launched here get a public IPv4 address by default.",
        ),
        Column(
            "route_table_id",
            "string",
            "The route table explicitly associated, else the VPC's main route table.",
            "route_table",
        ),
        Column(
            "is_public",
            "boolean",
            "Whether that route table routes 0.0.0.0/0 or ::/0 to an internet gateway.",
            "route_table",
        ),
        Column("in_use", "boolean", IN_USE_DOC.format(where="is in the subnet"), "usage"),
    ),
)
