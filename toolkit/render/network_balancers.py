"""The network map's entry points inside a VPC: load balancers, ELBv2 and Classic (with their
listeners), and VPC endpoints, each in its subnet when it has one drawn subnet, else in its VPC's box.

An internet-facing load balancer is joined to the Internet node (a ``public`` edge labelled with
its listeners) unless every security group it has is closed to the internet; its security groups
and an interface endpoint's are returned as (node, groups) so that ``network_security`` draws
them and their ``protects`` edges like an instance's. Beyond ``Limits.per_kind`` in a VPC, load
balancers fold by (type, scheme) and endpoints by type.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .graph import Edge, Graph, Node, join_limited, plural
from .network_rows import INTERNET, Limits, json_list, short_key, text

INTERNET_FACING = "internet-facing"
#: Endpoint states that are no path (anything else is drawn, with its state when not available).
GONE_ENDPOINT_STATES = ("deleted", "deleting", "rejected", "failed", "expired")


def place(graph: Graph, vid: str, subnet_ids: list[str]) -> str:
    """The box a resource in these subnets goes in: its subnet if it has one and that one is
    drawn, else its VPC (a node cannot sit in two boxes)."""
    subnets = set(subnet_ids)
    only = next(iter(subnets)) if len(subnets) == 1 else None
    return only if only in graph.clusters else vid


def listener_texts(listeners: pd.DataFrame) -> list[str]:
    """``HTTP 80 → HTTPS``, ``HTTPS 443``: one line per listener, by port then protocol."""
    if listeners.empty:
        return []
    rows = listeners.sort_values(["port", "protocol"], na_position="last")
    lines = []
    for row in rows.itertuples():
        protocol = text(row.protocol) or "?"
        port = "" if pd.isna(row.port) else f" {int(row.port)}"
        redirect = bool(row.redirects_to_https) if pd.notna(row.redirects_to_https) else False
        lines.append(f"{protocol}{port}" + (" → HTTPS" if redirect else ""))
    return list(dict.fromkeys(lines))


#: The type a Classic Load Balancer is drawn with (ELBv2's are application, network, gateway).
CLASSIC = "classic"


def with_classic(
    balancers: pd.DataFrame,
    listeners: pd.DataFrame,
    classic: pd.DataFrame,
    classic_listeners: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """ELBv2 load balancers and listeners with the Classic ones (``elb.*``) added in their
    shape, so that both are drawn alike: type ``classic``, no redirects."""
    if not classic.empty:
        shaped = classic.reindex(
            columns=["arn", "name", "scheme", "vpc_id", "subnet_ids", "security_groups"]
        ).assign(type=CLASSIC)
        balancers = shaped if balancers.empty else pd.concat([balancers, shaped])
    if not classic_listeners.empty:
        shaped = classic_listeners.reindex(
            columns=["load_balancer_arn", "protocol", "port"]
        ).assign(redirects_to_https=False)
        listeners = shaped if listeners.empty else pd.concat([listeners, shaped])
    return balancers, listeners


def add_load_balancers(
    graph: Graph,
    balancers: pd.DataFrame,
    listeners: pd.DataFrame,
    vpc_ids: list[str],
    open_group_ids: set[str],
    limits: Limits,
) -> list[tuple[str, list[str]]]:
    """Load balancers of the drawn VPCs; returns (node, its security groups)."""
    if balancers.empty:
        return []
    balancers = balancers[balancers["vpc_id"].isin(vpc_ids).fillna(False)].drop_duplicates("arn")
    by_balancer: dict[str, pd.DataFrame] = {}
    if not listeners.empty:
        by_balancer = {str(k): v for k, v in listeners.groupby("load_balancer_arn", sort=True)}
    made: list[tuple[str, list[str]]] = []
    for vid, rows in balancers.groupby("vpc_id", sort=True):
        vid = str(vid)
        if len(rows) > limits.per_kind:
            made += _fold_balancers(graph, vid, rows, by_balancer, open_group_ids, limits)
            continue
        for row in rows.sort_values("name").itertuples():
            made.append(_balancer(graph, vid, row, by_balancer, open_group_ids, limits))
    return made


def _reachable(facing: bool, groups: list[str], open_group_ids: set[str]) -> bool:
    """Internet-facing, and no security group (NLB, GWLB) or one that lets the internet in."""
    return facing and (not groups or any(g in open_group_ids for g in groups))


def _balancer(
    graph: Graph,
    vid: str,
    row: Any,
    by_balancer: dict[str, pd.DataFrame],
    open_group_ids: set[str],
    limits: Limits,
) -> tuple[str, list[str]]:
    name, arn = str(row.name), str(row.arn)
    subnets = json_list(row.subnet_ids)
    groups = json_list(row.security_groups)
    facing = text(row.scheme) == INTERNET_FACING
    listens = listener_texts(by_balancer.get(arn, pd.DataFrame()))
    reachable = _reachable(facing, groups, open_group_ids)
    cluster = place(graph, vid, subnets)
    lines = [name, " · ".join(x for x in (text(row.type), text(row.scheme)) if x)]
    lines.append(join_limited(listens, limits.rule_lines) if listens else "no listener")
    if facing and not reachable:
        lines.append("no security group lets the internet in")
    if cluster == vid and len(subnets) > 1:
        lines.append(f"in {plural(len(subnets), 'subnet')}")
    node_id = f"{'clb' if text(row.type) == CLASSIC else 'lb'}/{name}"
    graph.add_node(
        Node(
            node_id,
            label="\n".join(lines),
            kind="load_balancer",
            cluster=cluster,
            resources=(name, arn),
            data={
                "arn": arn,
                "name": name,
                "type": text(row.type),
                "scheme": text(row.scheme),
                "vpc_id": vid,
                "subnet_ids": subnets,
                "security_group_ids": groups,
                "listeners": listens,
                "internet_facing": facing,
                "internet_reachable": reachable,
            },
            order=f"1{name}",
        )
    )
    if reachable:
        graph.add_edge(
            Edge(INTERNET, node_id, kind="public", label=", ".join(listens) or INTERNET_FACING)
        )
    return node_id, groups


def _fold_balancers(
    graph: Graph,
    vid: str,
    rows: pd.DataFrame,
    by_balancer: dict[str, pd.DataFrame],
    open_group_ids: set[str],
    limits: Limits,
) -> list[tuple[str, list[str]]]:
    made = []
    keys = rows["type"].fillna("?") + " · " + rows["scheme"].fillna("?")
    for key, group in rows.groupby(keys, sort=True):
        names = sorted(group["name"].astype(str))
        arns = sorted(group["arn"].astype(str))
        groups = sorted({g for value in group["security_groups"] for g in json_list(value)})
        facing = str(key).endswith(INTERNET_FACING)
        reachable = [
            str(n)
            for n, value in zip(group["name"], group["security_groups"], strict=True)
            if _reachable(facing, json_list(value), open_group_ids)
        ]
        listens = sorted(
            {t for arn in arns for t in listener_texts(by_balancer.get(arn, pd.DataFrame()))}
        )
        lines = [f"{plural(len(names), 'load balancer')}, {key}"]
        if listens:
            lines.append(join_limited(listens, limits.rule_lines, ", "))
        node_id = f"{vid}/load-balancers/{short_key(key)}"
        graph.add_node(
            Node(
                node_id,
                label="\n".join(lines),
                kind="load_balancers",
                cluster=vid,
                resources=tuple(names) + tuple(arns),
                count=len(names),
                data={"names": names, "arns": arns, "security_group_ids": groups},
                order=f"1{key}",
            )
        )
        if reachable:
            graph.add_edge(
                Edge(INTERNET, node_id, kind="public", label=f"{len(reachable)} internet-facing")
            )
        made.append((node_id, groups))
    return made


def service_short_name(service: str | None, region: str) -> str:
    """``s3`` for ``com.amazonaws.us-east-1.s3``; other services (PrivateLink) as they are."""
    if not service:
        return "unknown service"
    return service.removeprefix(f"com.amazonaws.{region}.")


def add_endpoints(
    graph: Graph, endpoints: pd.DataFrame, region: str, vpc_ids: list[str], limits: Limits
) -> tuple[list[tuple[str, list[str]]], dict[str, str]]:
    """VPC endpoints of the drawn VPCs (gateway ones in the VPC box, the others in their
    subnet); returns (node, its security groups) and which node stands for each endpoint."""
    if endpoints.empty:
        return [], {}
    frame = endpoints[endpoints["vpc_id"].isin(vpc_ids).fillna(False)]
    if "state" in frame:
        frame = frame[~frame["state"].str.lower().isin(GONE_ENDPOINT_STATES).fillna(False)]
    frame = frame.drop_duplicates("vpc_endpoint_id")
    made: list[tuple[str, list[str]]] = []
    nodes: dict[str, str] = {}
    for vid, rows in frame.groupby("vpc_id", sort=True):
        vid = str(vid)
        if len(rows) > limits.per_kind:
            _fold_endpoints(graph, vid, rows, region, made, nodes)
            continue
        for row in rows.sort_values("vpc_endpoint_id").itertuples():
            eid = str(row.vpc_endpoint_id)
            kind = text(row.vpc_endpoint_type) or "Interface"
            subnets = json_list(getattr(row, "subnet_ids", None))
            groups = json_list(getattr(row, "security_group_ids", None))
            service = service_short_name(text(row.service_name), region)
            cluster = vid if kind == "Gateway" else place(graph, vid, subnets)
            name = text(getattr(row, "name", None))
            lines = [f"{kind} endpoint: {service}", *([name] if name else []), eid]
            state = text(getattr(row, "state", None))
            if state and state.lower() != "available":
                lines.append(state)
            if cluster == vid and len(subnets) > 1:
                lines.append(f"in {plural(len(subnets), 'subnet')}")
            graph.add_node(
                Node(
                    eid,
                    label="\n".join(lines),
                    kind="vpc_endpoint",
                    cluster=cluster,
                    data={
                        "vpc_id": vid,
                        "type": kind,
                        "service_name": text(row.service_name),
                        "name": name,
                        "subnet_ids": subnets,
                        "security_group_ids": groups,
                        "route_table_ids": json_list(getattr(row, "route_table_ids", None)),
                    },
                    order=f"1{service}",
                )
            )
            nodes[eid] = eid
            made.append((eid, groups))
    return made, nodes


def _fold_endpoints(
    graph: Graph,
    vid: str,
    rows: pd.DataFrame,
    region: str,
    made: list[tuple[str, list[str]]],
    nodes: dict[str, str],
) -> None:
    for kind, group in rows.groupby(rows["vpc_endpoint_type"].fillna("Interface"), sort=True):
        ids = sorted(group["vpc_endpoint_id"].astype(str))
        services = sorted({service_short_name(text(s), region) for s in group["service_name"]})
        groups = sorted(
            {g for value in group.get("security_group_ids", []) for g in json_list(value)}
        )
        node_id = f"{vid}/endpoints/{short_key(kind)}"
        graph.add_node(
            Node(
                node_id,
                label=f"{plural(len(ids), f'{kind} endpoint')}\n" + join_limited(services, 3, ", "),
                kind="vpc_endpoints",
                cluster=vid,
                resources=tuple(ids),
                count=len(ids),
                data={"vpc_endpoint_ids": ids, "type": kind, "services": services},
                order=f"1{kind}",
            )
        )
        nodes.update(dict.fromkeys(ids, node_id))
        made.append((node_id, groups))
