"""The network map's links out of a VPC: VPC peering connections and transit gateways, drawn
outside the VPC boxes, and the routes that send traffic into them.

A peering is a node joined to each drawn VPC it connects (a ``peering`` edge that ends on the
VPC's box: ``Edge.data["vpc_id"]``; its target is a node inside the box, which the drawing clips
to the box's border) and labelled with the far end (account, VPC, CIDR blocks). A transit gateway
is a node for every ``tgw-...`` a drawn route table routes to, labelled from
``ec2.transit_gateways`` when that table was collected. Every route of a drawn route table to a
peering, endpoint or transit gateway is a ``route`` edge labelled with its destination. Beyond
``Limits.per_kind`` peerings of one VPC, they fold into one node for that VPC.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .graph import Edge, Graph, Node, flag, join_limited, plural
from .network_rows import Limits, json_list, text

#: Route targets that lead out of the VPC through something this module or
#: ``network_balancers`` draws.
LINK_TARGETS = ("vpc_peering_connection", "vpc_endpoint", "transit_gateway")
#: Peering states that carry no traffic and never will.
GONE_PEERING_STATES = ("deleted", "deleting", "rejected", "failed", "expired")


def landing(graph: Graph, vid: str) -> str | None:
    """The node inside a VPC's box an edge to the VPC ends on: the box's anchor, else its
    first own node, else its first subnet's node."""
    box = graph.clusters[vid]
    if box.anchor in graph.nodes:
        return box.anchor
    own = graph.nodes_in(vid)
    if own:
        return own[0].id
    for inner in graph.clusters_in(vid):
        if inner.anchor in graph.nodes:
            return inner.anchor
    return None


def _peer_text(row: Any, far: str, names: dict[str, str], region: str) -> str:
    account = text(getattr(row, f"{far}_owner_id", None)) or "?"
    vpc = text(getattr(row, f"{far}_vpc_id", None)) or "?"
    cidrs = json_list(getattr(row, f"{far}_cidr_blocks", None))
    name = names.get(account)
    parts = [f"{name} ({account})" if name else account, vpc]
    if cidrs:
        parts.append(", ".join(cidrs))
    peer_region = text(getattr(row, f"{far}_region", None))
    if peer_region and peer_region != region:
        parts.append(peer_region)
    return " / ".join(parts)


def add_peerings(
    graph: Graph,
    peerings: pd.DataFrame,
    account_id: str,
    region: str,
    vpc_ids: list[str],
    names: dict[str, str],
    limits: Limits,
) -> dict[str, str]:
    """Peerings of the drawn VPCs; returns which node stands for each peering."""
    if peerings.empty:
        return {}
    live = peerings[~peerings["status"].isin(GONE_PEERING_STATES).fillna(False)]
    live = live.drop_duplicates("vpc_peering_connection_id").sort_values(
        "vpc_peering_connection_id"
    )
    ends: dict[str, list[tuple[str, str, Any]]] = {}  # VPC -> (peering, far end, row)
    for row in live.itertuples():
        for near, far in (("requester", "accepter"), ("accepter", "requester")):
            vid = text(getattr(row, f"{near}_vpc_id"))
            owner = text(getattr(row, f"{near}_owner_id"))
            if vid in vpc_ids and owner in (account_id, None):
                ends.setdefault(vid, []).append((str(row.vpc_peering_connection_id), far, row))
    nodes: dict[str, str] = {}
    for vid in sorted(ends):
        mine = ends[vid]
        target = landing(graph, vid)
        if len(mine) > limits.per_kind:
            node_id = f"{vid}/peerings"
            ids = [pcx for pcx, _, _ in mine]
            peers = [_peer_text(row, far, names, region) for _, far, row in mine]
            graph.add_node(
                Node(
                    node_id,
                    label=f"{plural(len(ids), 'VPC peering')} of {vid}\n" + join_limited(peers, 3),
                    kind="vpc_peerings",
                    resources=tuple(ids),
                    count=len(ids),
                    data={"vpc_id": vid, "vpc_peering_connection_ids": ids, "peers": peers},
                    order="9",
                )
            )
            nodes.update(dict.fromkeys(ids, node_id))
            if target is not None:
                graph.add_edge(Edge(node_id, target, kind="peering", data={"vpc_id": vid}))
            continue
        for pcx, far, row in mine:
            if pcx not in graph.nodes:
                graph.add_node(_peering_node(row, pcx, far, names, region))
            else:  # both ends drawn (two VPCs of this account): the far end is drawn too
                graph.nodes[pcx].data["vpc_ids"].append(vid)
            nodes[pcx] = pcx
            if target is not None:
                graph.add_edge(Edge(pcx, target, kind="peering", data={"vpc_id": vid}))
    return nodes


def _peering_node(row: Any, pcx: str, far: str, names: dict[str, str], region: str) -> Node:
    near = "requester" if far == "accepter" else "accepter"
    name = text(getattr(row, "name", None))
    status = text(row.status)
    peer = _peer_text(row, far, names, region)
    lines = ["VPC peering", *([name] if name else []), pcx, f"↔ {peer}"]
    if status and status != "active":
        lines.append(status)
    return Node(
        pcx,
        label="\n".join(lines),
        kind="vpc_peering",
        data={
            "name": name,
            "status": status,
            "vpc_ids": [text(getattr(row, f"{near}_vpc_id"))],
            "peer_account_id": text(getattr(row, f"{far}_owner_id", None)),
            "peer_vpc_id": text(getattr(row, f"{far}_vpc_id", None)),
            "peer_region": text(getattr(row, f"{far}_region", None)),
            "peer_cidr_blocks": json_list(getattr(row, f"{far}_cidr_blocks", None)),
            "peer": peer,
        },
        order=f"9{pcx}",
    )


def add_transit_gateways(
    graph: Graph,
    routes: pd.DataFrame,
    gateways: pd.DataFrame,
    account_id: str,
    names: dict[str, str],
) -> dict[str, str]:
    """A node for each transit gateway a drawn route table routes to; returns its node ids."""
    if routes.empty:
        return {}
    wanted = routes[
        (routes["target_type"] == "transit_gateway").fillna(False)
        & routes["route_table_id"].isin(list(graph.nodes))
    ]
    known: dict[str, Any] = {}
    if not gateways.empty:
        for row in gateways.drop_duplicates("transit_gateway_id").itertuples():
            known[str(row.transit_gateway_id)] = row
    nodes: dict[str, str] = {}
    for tgw in sorted(set(wanted["target"].dropna().astype(str))):
        row = known.get(tgw)
        lines = ["transit gateway"]
        data: dict[str, Any] = {"described": row is not None}
        if row is not None:
            name = text(getattr(row, "name", None))
            if name:
                lines.append(name)
            owner = text(getattr(row, "owner_id", None))
            state = text(getattr(row, "state", None))
            auto = getattr(row, "auto_accept_shared_attachments", None)
            auto_on = flag(auto) or text(auto) == "enable"
            data.update(name=name, owner_id=owner, state=state, auto_accept=auto_on)
        lines.append(tgw)
        if row is not None:
            if data["owner_id"] and data["owner_id"] != account_id:
                owner_name = names.get(data["owner_id"])
                lines.append(
                    f"owner {owner_name} ({data['owner_id']})"
                    if owner_name
                    else f"owner {data['owner_id']}"
                )
            if data["state"] and data["state"] != "available":
                lines.append(data["state"])
            if data["auto_accept"]:
                lines.append("auto-accepts shared attachments")
        graph.add_node(
            Node(tgw, label="\n".join(lines), kind="transit_gateway", data=data, order=f"9{tgw}")
        )
        nodes[tgw] = tgw
    return nodes


def add_link_routes(graph: Graph, routes: pd.DataFrame, nodes: dict[str, str]) -> None:
    """``route`` edges from each drawn route table to the peering, endpoint or transit gateway
    node its routes send traffic to (labelled with the destinations)."""
    if routes.empty:
        return
    links = routes[
        routes["target_type"].isin(LINK_TARGETS).fillna(False)
        & routes["route_table_id"].isin(list(graph.nodes))
    ]
    links = links.sort_values(["route_table_id", "destination", "target"], na_position="last")
    for rtb, destination, target in zip(
        links["route_table_id"], links["destination"], links["target"], strict=True
    ):
        node = nodes.get(str(target))
        if node is not None and node in graph.nodes:
            graph.add_edge(Edge(str(rtb), node, kind="route", label=str(destination)))
