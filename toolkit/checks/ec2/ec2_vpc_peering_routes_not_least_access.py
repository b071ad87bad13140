"""CIS 5.5: routes through a VPC peering should reach only the peer subnets that need it.

Stricter than the established scanners' reading (a route equal to 0.0.0.0/0 or to the peer
VPC's primary CIDR): a route fails when it covers any whole block of the peer VPC, IPv4 or
IPv6 (that block or a supernet of it), or is a default route (0.0.0.0/0, ::/0). CIDR
arithmetic is the standard library's ``ipaddress``.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import INTERNET, ec2_listed

if TYPE_CHECKING:
    from ...inventory import Inventory

PEERING_KEY = ["account_id", "region", "vpc_peering_connection_id"]
#: A peering in these states never carries traffic again: its blackhole routes are inert.
#: (A route to a peering still pending acceptance is blackhole too, until it is accepted.)
ENDED = ("deleting", "deleted", "rejected", "failed", "expired")


def network(cidr: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    """The network a route destination or VPC block names; None for a prefix list (pl-...)
    or anything else that is not a CIDR."""
    try:
        return ipaddress.ip_network(str(cidr), strict=False)
    except ValueError:
        return None


def covered_blocks(destination: str, peer_blocks: Iterable[str]) -> list[str] | None:
    """The peer VPC's blocks the destination covers whole (equal to them or a supernet of
    them), in the peer's order; None when the destination is not a CIDR."""
    route = network(destination)
    if route is None:
        return None
    blocks = [(block, network(block)) for block in peer_blocks]
    return [
        block
        for block, net in blocks
        if net is not None and net.version == route.version and route.supernet_of(net)
    ]


def too_broad(
    destination: str, peer_blocks: Iterable[str], peer: str = "the peer VPC"
) -> str | None:
    """Why a route through a peering reaches more than least access needs (naming the blocks
    of ``peer`` it covers), or None when it is narrower than every block of the peer VPC."""
    covered = covered_blocks(destination, peer_blocks)
    if covered is None:
        return None
    whole = f"covering all of {peer} ({', '.join(covered)})" if covered else ""
    if destination in INTERNET or network(destination).prefixlen == 0:  # type: ignore[union-attr]
        return "a default route" + (f", {whole}" if whole else "")
    return whole or None


def _all_blocks(peerings: pd.DataFrame, end: str) -> pd.Series:
    """Each peering's IPv4 and IPv6 blocks of one end's VPC, as one list."""

    def parse(value: object) -> list[str]:
        return [] if pd.isna(value) else list(json.loads(str(value)))

    return pd.Series(
        [
            parse(ipv4) + parse(ipv6)
            for ipv4, ipv6 in zip(
                peerings[f"{end}_cidr_blocks"], peerings[f"{end}_ipv6_cidr_blocks"], strict=True
            )
        ],
        index=peerings.index,
        dtype="object",
    )


@check(
    title="Routes through a VPC peering reach more than the subnets that need it",
    severity="medium",
    service="ec2",
    resource_type="AWS::EC2::VPCPeeringConnection",
    tables=["ec2.vpc_peering_connections", "ec2.route_tables"],
    description="A route of the account's route tables that sends traffic through the peering "
    "has destination 0.0.0.0/0 or ::/0, or covers a whole CIDR block (IPv4 or IPv6) of the "
    "peer VPC (that block or a supernet of it) rather than only the subnets or hosts that need "
    "to be reached. Each account judges its own routes: a peering between two accounts is a row in "
    "each. Blackhole routes count unless the peering has ended (one pending acceptance "
    "carries traffic once accepted); prefix-list destinations are not judged.",
    risk="Every resource of the peer VPC, not only the intended ones, is routable from this "
    "VPC: a compromise on either side reaches much further than the peering was made for.",
    remediation="Replace the route with routes to only the peer subnets (or hosts) that must "
    "be reached, in the route tables of the subnets that need them.",
    remediation_cli="aws ec2 create-route --route-table-id ROUTE_TABLE_ID "
    "--destination-cidr-block PEER_SUBNET_CIDR --vpc-peering-connection-id {resource_id} "
    "--region {region} && aws ec2 delete-route --route-table-id ROUTE_TABLE_ID "
    "--destination-cidr-block BROAD_CIDR --region {region}",
)
def ec2_vpc_peering_routes_not_least_access(inv: Inventory) -> pd.DataFrame:
    p = inv["ec2.vpc_peering_connections"]
    r = inv["ec2.route_tables"]
    routes = r[r["target_type"] == "vpc_peering_connection"].rename(
        columns={"target": "vpc_peering_connection_id"}
    )
    ends = p[[*PEERING_KEY, "status", "requester_vpc_id", "accepter_vpc_id"]].assign(
        requester_blocks=_all_blocks(p, "requester"), accepter_blocks=_all_blocks(p, "accepter")
    )
    routes = routes.merge(ends, on=PEERING_KEY, how="inner")
    # the peer is the other end from the route table's VPC (either end when it is neither)
    requester = routes["vpc_id"] == routes["requester_vpc_id"]
    accepter = routes["vpc_id"] == routes["accepter_vpc_id"]
    peers = [
        (acc, f"peer VPC {acc_vpc}")
        if is_req
        else (req, f"peer VPC {req_vpc}")
        if is_acc
        else (req + acc, "the peered VPCs")
        for is_req, is_acc, req, acc, req_vpc, acc_vpc in zip(
            requester.fillna(False),
            accepter.fillna(False),
            routes["requester_blocks"],
            routes["accepter_blocks"],
            routes["requester_vpc_id"],
            routes["accepter_vpc_id"],
            strict=True,
        )
    ]
    inert = (routes["state"] == "blackhole").fillna(False) & routes["status"].isin(ENDED)
    why = pd.Series(
        [
            None if pd.isna(dest) else too_broad(str(dest), blocks, peer)
            for dest, (blocks, peer) in zip(routes["destination"], peers, strict=True)
        ],
        index=routes.index,
        dtype="string",
    ).mask(inert)
    blackhole = pd.Series(" (blackhole)", index=routes.index, dtype="string")
    route_text = (
        routes["route_table_id"] + " routes " + routes["destination"].fillna("?")
        + blackhole.where((routes["state"] == "blackhole").fillna(False), "")
    )  # fmt: skip
    broad = why.notna()
    listed_broad = ec2_listed(p, PEERING_KEY, routes[broad], (route_text + ", " + why)[broad])
    narrow = routes[~broad & ~inert]
    listed_narrow = ec2_listed(p, PEERING_KEY, narrow, route_text[~broad & ~inert])
    detail = listed_broad.fillna(
        ("routes narrower than the peer VPC: " + listed_narrow).fillna("no route uses it")
    )
    return evaluate(p, listed_broad.notna(), p["vpc_peering_connection_id"], detail, p["arn"])
