"""Amazon VPC peering: a VPC of the account asks a VPC of the same or an earlier-seeded account,
in the same region, to peer; the peer's account accepts; then each side's route tables get
routes through the peering.

A per-account step seeded after every other one (the peer VPC must exist already: the peer's
account comes earlier in the estate, or is this one). The requester is the account that
declares the peering. A route table is named by its Name tag (``<vpc>-public``,
``<vpc>-private``) or ``main`` (the VPC's main route table). What is planted is planted on
each side's own row: ``planted`` for the requester's account, ``peer_planted`` for the
accepter's (check rows are per account: each judges its own routes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

ROUTE = {"route_table": str, "destination": str}
VPC_PEERING = {
    "name": str,
    #: The requester: a VPC of this account, by name.
    "vpc": str,
    #: The accepter: a VPC (by name) of ``account`` (an estate account key; this one if left out).
    "peer": {"account": str, "vpc": str},
    "routes": [ROUTE],
    "peer_routes": [ROUTE],
    "planted": PLANTED,
    "peer_planted": PLANTED,
}
ACCOUNT_SCHEMA = {"vpc_peerings": [VPC_PEERING]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"vpc_peerings": "vpc_peering_connection_id"}


@dataclass
class Ec2PeeringTruth:
    #: one per peering: its id, both ends (account, VPC, CIDR), status and each side's routes
    vpc_peerings: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's peerings: request, accept (in the peer's account), route both sides."""
    for peering in spec.get("vpc_peerings", []):
        peer_key = peering["peer"].get("account")
        peer_account = seeder.account_ids[peer_key] if peer_key else account_id
        peer_session = seeder.sessions[peer_key] if peer_key else session
        vpc = _vpc(seeder, account_id, peering["vpc"])
        peer = _vpc(seeder, peer_account, peering["peer"]["vpc"])
        if vpc["region"] != peer["region"]:
            raise ValueError(f"peering {peering['name']}: the two VPCs are in different regions")
        region = vpc["region"]
        ec2 = seeder.client(session, "ec2", region)
        peering_id = ec2.create_vpc_peering_connection(
            VpcId=vpc["id"],
            PeerVpcId=peer["id"],
            PeerOwnerId=peer_account,
            TagSpecifications=[
                {
                    "ResourceType": "vpc-peering-connection",
                    "Tags": [{"Key": "Name", "Value": peering["name"]}],
                }
            ],
        )["VpcPeeringConnection"]["VpcPeeringConnectionId"]
        peer_ec2 = seeder.client(peer_session, "ec2", region)
        status = peer_ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=peering_id)[
            "VpcPeeringConnection"
        ]["Status"]["Code"]
        routes = [
            _route(ec2, account_id, vpc["id"], peering_id, route)
            for route in peering.get("routes", [])
        ] + [
            _route(peer_ec2, peer_account, peer["id"], peering_id, route)
            for route in peering.get("peer_routes", [])
        ]
        seeder.truth.vpc_peerings.append(
            {
                "account_id": account_id,
                "region": region,
                "vpc_peering_connection_id": peering_id,
                "name": peering["name"],
                "status": status,
                "requester_account_id": account_id,
                "requester_vpc_id": vpc["id"],
                "requester_cidr": vpc["cidr"],
                "accepter_account_id": peer_account,
                "accepter_vpc_id": peer["id"],
                "accepter_cidr": peer["cidr"],
                "routes": routes,
            }
        )
        seeder.plant(peering.get("planted"), account_id, region, peering_id, "vpc_peering")
        seeder.plant(peering.get("peer_planted"), peer_account, region, peering_id, "vpc_peering")


def _vpc(seeder: Seeder, account_id: str, name: str) -> dict[str, Any]:
    """The truth row of the account's VPC called ``name`` (seeded by the ec2 seeder)."""
    for vpc in seeder.truth.vpcs:
        if (vpc["account_id"], vpc["name"]) == (account_id, name):
            return vpc
    raise ValueError(f"no VPC {name!r} seeded in account {account_id} before its peering")


def _route(
    ec2: Any, account_id: str, vpc_id: str, peering_id: str, spec: dict[str, Any]
) -> dict[str, Any]:
    """A route through the peering in the route table ``spec`` names; its truth row."""
    name = spec["route_table"]
    filters = [{"Name": "vpc-id", "Values": [vpc_id]}]
    filters.append(
        {"Name": "association.main", "Values": ["true"]}
        if name == "main"
        else {"Name": "tag:Name", "Values": [name]}
    )
    tables = ec2.describe_route_tables(Filters=filters)["RouteTables"]
    if len(tables) != 1:
        raise ValueError(f"route table {name!r} of {vpc_id}: {len(tables)} found, not one")
    table_id = tables[0]["RouteTableId"]
    destination = spec["destination"]
    target = "DestinationIpv6CidrBlock" if ":" in destination else "DestinationCidrBlock"
    ec2.create_route(
        RouteTableId=table_id, VpcPeeringConnectionId=peering_id, **{target: destination}
    )
    return {
        "account_id": account_id,
        "vpc_id": vpc_id,
        "route_table_id": table_id,
        "destination": destination,
    }
