"""The network map's security groups: those that protect something drawn or let the internet
in, their ingress as text, and the edges Internet -> group -> what it protects."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from .graph import Edge, Graph, Node, join_limited, plural
from .network_rows import INTERNET, Limits, text


def open_groups(groups: pd.DataFrame, rules: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(ingress rules of the groups, those of them open to the internet)."""
    if rules.empty or groups.empty:
        empty = pd.DataFrame(columns=["group_id", "protocol", "from_port", "to_port"])
        return empty, empty
    ingress = rules[(rules["direction"] == "ingress") & rules["group_id"].isin(groups["group_id"])]
    return ingress, ingress[ingress["open_to_internet"].fillna(False).astype(bool)]


def add_security_groups(
    graph: Graph,
    groups: pd.DataFrame,
    ingress: pd.DataFrame,
    open_rules: pd.DataFrame,
    protected: list[tuple[str, list[str]]],
    limits: Limits,
    *,
    detailed: bool,
) -> None:
    """Security groups that protect something drawn or let the internet in. In a detailed map
    each is joined to what it protects (beyond ``limits.security_groups``, groups closed to
    the internet fold into one node); in a large VPC only the groups open to the internet are
    drawn one by one and joined, the others fold into one node per VPC."""
    if groups.empty:
        return
    groups = groups.drop_duplicates("group_id")
    open_ids = set(open_rules["group_id"].astype(str))
    used: dict[str, list[str]] = {}
    for node_id, sgs in protected:
        for sg in sgs:
            used.setdefault(sg, []).append(node_id)
    wanted = groups[groups["group_id"].isin(open_ids | set(used))].sort_values("group_id")
    closed = [g for g in wanted["group_id"].astype(str) if g not in open_ids]
    if not detailed:
        fold = set(closed)
    elif len(wanted) > limits.security_groups:
        fold = set(closed[max(0, limits.security_groups - len(open_ids)) :])
    else:
        fold = set()
    for vid, rows in wanted[wanted["group_id"].isin(fold)].groupby("vpc_id", sort=True):
        ids = sorted(rows["group_id"].astype(str))
        names = [
            n if isinstance(n, str) else i
            for i, n in zip(rows["group_id"], rows["group_name"], strict=True)
        ]
        folded = f"{vid}/security-groups"
        graph.add_node(
            Node(
                folded,
                f"{plural(len(ids), 'security group')} closed to the internet\n"
                + join_limited(sorted(names), 3, ", "),
                "security_groups",
                cluster=str(vid) if str(vid) in graph.clusters else None,
                resources=tuple(ids),
                count=len(ids),
                data={"group_ids": ids},
                order="4",
            )
        )
        if detailed:
            for gid in ids:
                for target in used.get(gid, []):
                    graph.add_edge(Edge(folded, target, kind="protects"))
    for row in wanted[~wanted["group_id"].isin(fold)].itertuples():
        gid, vid = str(row.group_id), str(row.vpc_id)
        graph.add_node(
            Node(
                gid,
                label=_group_label(row, ingress[ingress["group_id"] == gid], limits.rule_lines),
                kind="security_group",
                cluster=vid if vid in graph.clusters else None,
                data={
                    "name": text(row.group_name),
                    "vpc_id": vid,
                    "open_to_internet": gid in open_ids,
                },
                order=f"3{(text(row.group_name) or gid).lower()}",
            )
        )
        for target in used.get(gid, []):
            graph.add_edge(Edge(gid, target, kind="protects"))
    for gid, rows in open_rules.groupby("group_id", sort=True):
        if str(gid) in graph.nodes:
            graph.add_edge(Edge(INTERNET, str(gid), kind="internet", label=_ports(rows)))
    referenced = (
        ingress.dropna(subset=["referenced_group_id"])
        if "referenced_group_id" in ingress
        else ingress
    )
    for (source, target), rows in referenced.groupby(
        ["referenced_group_id", "group_id"], sort=True
    ):
        if str(source) in graph.nodes and str(target) in graph.nodes and source != target:
            graph.add_edge(Edge(str(source), str(target), kind="ingress", label=_ports(rows)))
    left_out = len(groups) - len(wanted)
    if left_out:
        verb = "is" if left_out == 1 else "are"
        graph.notes.append(
            f"{plural(left_out, 'security group')} protecting nothing drawn and closed to the "
            f"internet {verb} not drawn"
        )
    if not detailed and fold:
        graph.notes.append(
            "Large VPC: instances are grouped by type and by the internet-open security groups "
            "they have; only those groups are joined to what they protect"
        )


def _group_label(row: Any, rules: pd.DataFrame, most: int) -> str:
    gid = str(row.group_id)
    name = text(getattr(row, "group_name", None))
    lines = [name, gid] if name else [gid]
    if not rules.empty:
        described = [_rule_text(r) for r in rules.itertuples()]
        lines.append(join_limited(sorted(dict.fromkeys(described)), most))
    else:
        lines.append("no ingress")
    return "\n".join(lines)


def _port_text(protocol: object, low: object, high: object) -> str:
    proto = str(protocol) if isinstance(protocol, str) else "?"
    if proto in ("-1", "all"):
        return "all traffic"
    if pd.isna(low) or pd.isna(high):
        return f"{proto} all ports"
    if int(low) == int(high):
        return f"{proto} {int(low)}"
    if int(low) in (0, -1) and int(high) in (65535, -1):
        return f"{proto} all ports"
    return f"{proto} {int(low)}-{int(high)}"


def _rule_text(rule: Any) -> str:
    source = next(
        (
            str(v)
            for v in (
                getattr(rule, "cidr_ipv4", None),
                getattr(rule, "cidr_ipv6", None),
                getattr(rule, "prefix_list_id", None),
                getattr(rule, "referenced_group_id", None),
            )
            if isinstance(v, str)
        ),
        "?",
    )
    return f"{_port_text(getattr(rule, 'protocol', None), getattr(rule, 'from_port', None), getattr(rule, 'to_port', None))} from {source}"


def _ports(rows: pd.DataFrame) -> str:
    texts: Iterable[str] = (
        _port_text(p, lo, hi)
        for p, lo, hi in zip(rows["protocol"], rows["from_port"], rows["to_port"], strict=True)
    )
    return ", ".join(sorted(dict.fromkeys(texts)))
