"""The network map's VPC structure: the VPC box, its internet gateways, subnets (boxes headed by
their own node), NAT gateways and the route tables the drawn subnets use."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .graph import Cluster, Edge, Graph, Node, flag, join_limited
from .network_rows import INTERNET, Limits, named, text


def vpc_label(vpc: Any) -> str:
    """``Name (vpc-id) · CIDR · default VPC``."""
    parts = [named(vpc)]
    cidr = text(getattr(vpc, "cidr_block", None))
    if cidr:
        parts.append(cidr)
    if flag(getattr(vpc, "is_default", None)):
        parts.append("default VPC")
    return " · ".join(parts)


def add_gateways(graph: Graph, vid: str, gateways: pd.DataFrame) -> None:
    """The VPC's internet gateways, each joined to the Internet; the first anchors the box."""
    if gateways.empty:
        return
    for row in (
        gateways[gateways["attached_vpc_id"] == vid].sort_values("internet_gateway_id").itertuples()
    ):
        gid = str(row.internet_gateway_id)
        name = text(row.name)
        graph.add_node(
            Node(
                gid,
                label=f"{name}\n{gid}" if name else gid,
                kind="internet_gateway",
                cluster=vid,
                data={"vpc_id": vid},
                order="0",
            )
        )
        graph.add_edge(Edge(INTERNET, gid, kind="gateway"))
        if graph.clusters[vid].anchor is None:
            graph.clusters[vid].anchor = gid


def add_subnets(graph: Graph, vid: str, subnets: pd.DataFrame, limits: Limits) -> None:
    """A box per subnet (public or private), headed by the subnet's own node."""
    for row in subnets.sort_values(["subnet_id"]).itertuples():
        sid = str(row.subnet_id)
        public = flag(row.is_public)
        kind = "subnet_public" if public else "subnet_private"
        name = text(row.name)
        side = "public" if public else "private"
        graph.add_cluster(
            Cluster(
                sid,
                label=f"{name} ({side})" if name else f"{side} subnet",
                kind=kind,
                parent=vid,
                anchor=sid,
                grid=limits.grid_columns,
                data={"vpc_id": vid, "public": public},
            )
        )
        lines = [name, sid] if name else [sid]
        lines.append(
            " · ".join(x for x in (text(row.cidr_block), text(row.availability_zone)) if x)
        )
        if flag(row.map_public_ip_on_launch):
            lines.append("auto-assigns public IPs")
        graph.add_node(
            Node(
                sid,
                label="\n".join(lines),
                kind=kind,
                cluster=sid,
                data={
                    "vpc_id": vid,
                    "public": public,
                    "cidr": text(row.cidr_block),
                    "route_table_id": text(row.route_table_id),
                },
                order="0",
            )
        )


def add_nat_gateways(graph: Graph, vid: str, nats: pd.DataFrame) -> None:
    """Live NAT gateways, in their subnet's box (the VPC's if the subnet is not drawn)."""
    if nats.empty:
        return
    live = nats[
        (nats["vpc_id"] == vid) & ~nats["state"].isin(["deleted", "deleting"]).fillna(False)
    ]
    for row in live.sort_values("nat_gateway_id").itertuples():
        nid = str(row.nat_gateway_id)
        subnet = str(row.subnet_id)
        lines = [nid, text(row.public_ip) or f"{row.connectivity_type or 'private'}"]
        graph.add_node(
            Node(
                nid,
                label="NAT gateway\n" + "\n".join(lines),
                kind="nat_gateway",
                cluster=subnet if subnet in graph.clusters else vid,
                data={"vpc_id": vid, "subnet_id": subnet},
                order="1",
            )
        )


def add_route_tables(
    graph: Graph, vid: str, routes: pd.DataFrame, subnets: pd.DataFrame, limits: Limits
) -> None:
    """Route tables used by the drawn subnets, their routes to gateways, and which subnets
    they serve (a subnet without its own uses the main table)."""
    if routes.empty:
        return
    used = set(subnets["route_table_id"].dropna().astype(str))
    tables = routes[routes["route_table_id"].isin(used)]
    for rtb, rows in tables.groupby("route_table_id", sort=True):
        rtb = str(rtb)
        rows = rows.sort_values(["destination", "target"], na_position="last")
        outward = rows[rows["target_type"].isin(["internet_gateway", "nat_gateway"]).fillna(False)]
        others = rows[
            ~rows["target_type"].isin(["local", "internet_gateway", "nat_gateway"]).fillna(False)
        ]
        lines = [rtb + (" (main)" if rows["is_main"].fillna(False).any() else "")]
        lines += [
            f"{d} → {t}" for d, t in zip(outward["destination"], outward["target"], strict=True)
        ]
        lines += [
            f"{d} → {t}" for d, t in zip(others["destination"], others["target"], strict=True)
        ]
        graph.add_node(
            Node(
                rtb,
                label="route table\n" + join_limited(lines, limits.rule_lines + 1),
                kind="route_table",
                cluster=vid,
                data={"vpc_id": vid},
                order="2",
            )
        )
        for destination, target in zip(outward["destination"], outward["target"], strict=True):
            if str(target) in graph.nodes:
                graph.add_edge(Edge(rtb, str(target), kind="route", label=str(destination)))
    for sid, rtb in zip(subnets["subnet_id"], subnets["route_table_id"], strict=True):
        if isinstance(rtb, str) and rtb in graph.nodes:
            graph.add_edge(Edge(str(sid), rtb, kind="subnet_route"))
