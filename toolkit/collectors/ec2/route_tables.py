"""``ec2.route_tables``: one row per route, from the region's route tables (one
DescribeRouteTables a region, shared with ``ec2.subnets``)."""

from __future__ import annotations

from typing import Any

from ..base import TableContext, table
from ._shared import all_route_tables, json_list

#: Route target fields, checked in order: a route to an instance names its interface too.
ROUTE_TARGETS = (
    ("InstanceId", "instance"),
    ("NatGatewayId", "nat_gateway"),
    ("TransitGatewayId", "transit_gateway"),
    ("VpcPeeringConnectionId", "vpc_peering_connection"),
    ("EgressOnlyInternetGatewayId", "egress_only_internet_gateway"),
    ("CarrierGatewayId", "carrier_gateway"),
    ("LocalGatewayId", "local_gateway"),
    ("CoreNetworkArn", "core_network"),
    ("NetworkInterfaceId", "network_interface"),
)
#: What a GatewayId names, from its prefix.
GATEWAY_PREFIXES = (
    ("igw-", "internet_gateway"),
    ("vgw-", "virtual_private_gateway"),
    ("vpce-", "vpc_endpoint"),
)


@table(
    "ec2.route_tables",
    where="regional",
    key=("route_table_id", "destination"),
    calls=("ec2:DescribeRouteTables",),
    columns=(
        ("route_table_id", "string", "The route table's id (rtb-...)."),
        ("vpc_id", "string", "The VPC the route table belongs to."),
        ("is_main", "boolean", "Whether it is its VPC's main route table."),
        (
            "associated_subnet_ids",
            "string",
            "JSON list of the subnets explicitly associated with the route table.",
        ),
        ("destination", "string", "The IPv4 or IPv6 CIDR block or prefix list the route matches."),
        ("target", "string", "Where the route sends traffic: local, igw-..., nat-..., i-..."),
        (
            "target_type",
            "string",
            "local, internet_gateway, nat_gateway, instance, network_interface, "
            "transit_gateway, vpc_peering_connection, vpc_endpoint, virtual_private_gateway, ...",
        ),
        ("state", "string", "active, or blackhole when the target is gone."),
    ),
)
async def route_tables(ctx: TableContext) -> list[dict[str, Any]]:
    """Every route of every route table: one row per (route table, destination)."""
    rows = []
    for route_table in await all_route_tables(ctx):
        associations = route_table.get("Associations") or []
        subnet_ids = json_list(a["SubnetId"] for a in associations if a.get("SubnetId"))
        is_main = any(a.get("Main") for a in associations)
        for route in route_table.get("Routes") or []:
            target, target_type = route_target(route)
            rows.append(
                {
                    "route_table_id": route_table["RouteTableId"],
                    "vpc_id": route_table.get("VpcId"),
                    "is_main": is_main,
                    "associated_subnet_ids": subnet_ids,
                    "destination": route.get("DestinationCidrBlock")
                    or route.get("DestinationIpv6CidrBlock")
                    or route.get("DestinationPrefixListId"),
                    "target": target,
                    "target_type": target_type,
                    "state": route.get("State"),
                }
            )
    return rows


def route_target(route: dict[str, Any]) -> tuple[str | None, str | None]:
    """Where a route sends traffic, and what kind of target that is."""
    gateway = route.get("GatewayId")
    if gateway:
        if gateway == "local":
            return gateway, "local"
        for prefix, kind in GATEWAY_PREFIXES:
            if gateway.startswith(prefix):
                return gateway, kind
        return gateway, "gateway"
    for field, kind in ROUTE_TARGETS:
        if route.get(field):
            return route[field], kind
    return None, None
