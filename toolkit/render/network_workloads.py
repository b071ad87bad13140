"""The network map's workloads: instances in their subnets (like instances folded into one
node in a crowded subnet), RDS DB instances and Lambda functions in their VPC or outside any
(folded by engine or runtime beyond a limit), and the Internet edges to what is public."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .graph import Cluster, Edge, Graph, Node, flag, join_limited, plural
from .network_rows import INTERNET, Limits, json_list, short_key, text


def add_instances(
    graph: Graph,
    instances: pd.DataFrame,
    volumes: pd.DataFrame,
    relevant: set[str] | None,
    sg_names: dict[str, str],
    limits: Limits,
) -> list[tuple[str, list[str]]]:
    """Instance nodes (collapsed per subnet beyond the threshold); returns (node, its SGs).
    ``relevant``: the security groups that tell collapsed instances apart (None: all)."""
    if instances.empty:
        return []
    frame = instances[~instances["state"].isin(["terminated"]).fillna(False)].drop_duplicates(
        "instance_id"
    )
    frame = frame.assign(
        sgs=frame["security_group_ids"].map(json_list),
        subnet=frame["subnet_id"].where(
            frame["subnet_id"].isin(list(graph.clusters)), frame["vpc_id"]
        ),
    )
    frame = frame.assign(
        sg_key=frame["sgs"].map(
            lambda sgs: ",".join(sorted(g for g in sgs if relevant is None or g in relevant))
        )
    )
    disks: dict[str, list[str]] = {}
    if not volumes.empty:
        attached = volumes.dropna(subset=["attached_instance_id"])
        disks = (
            attached.groupby("attached_instance_id")["volume_id"]
            .agg(lambda v: sorted(map(str, v)))
            .to_dict()
        )
    made: list[tuple[str, list[str]]] = []
    for subnet, rows in frame.groupby("subnet", sort=True):
        subnet = str(subnet)
        if len(rows) <= limits.instances_per_subnet:
            for row in rows.sort_values("instance_id").itertuples():
                iid = str(row.instance_id)
                graph.add_node(
                    Node(
                        iid,
                        label=_instance_label(row),
                        kind="instance",
                        cluster=subnet,
                        resources=(iid, *disks.get(iid, [])),
                        data={
                            "subnet_id": text(row.subnet_id),
                            "name": text(row.name),
                            "security_group_ids": list(row.sgs),
                        },
                        order=f"5{(text(row.name) or iid).lower()}",
                    )
                )
                made.append((iid, list(row.sgs)))
            continue
        made += _collapse_instances(graph, subnet, rows, disks, sg_names, limits.instance_groups)
    return made


def _instance_label(row: Any) -> str:
    iid = str(row.instance_id)
    name = text(getattr(row, "name", None))
    lines = [name, iid] if name else [iid]
    lines.append(
        " · ".join(
            x
            for x in (
                text(getattr(row, "instance_type", None)),
                text(getattr(row, "private_ip", None)),
            )
            if x
        )
    )
    public = text(getattr(row, "public_ip", None))
    if public:
        lines.append(f"public {public}")
    state = text(getattr(row, "state", None))
    if state and state != "running":
        lines.append(state)
    return "\n".join(lines)


def _collapse_instances(
    graph: Graph,
    subnet: str,
    rows: pd.DataFrame,
    disks: dict[str, list[str]],
    sg_names: dict[str, str],
    most: int,
) -> list[tuple[str, list[str]]]:
    """Like instances as one node: by (type, security groups), else by type, else the most
    common types and the rest."""
    rows = rows.assign(instance_type=rows["instance_type"].fillna("unknown type"))
    choices = [rows["instance_type"] + "|" + rows["sg_key"], rows["sg_key"], rows["instance_type"]]
    keys = next((k for k in choices if k.nunique() <= most), None)
    if keys is None:
        keys = rows["instance_type"]
        common = keys.value_counts().sort_index().sort_values(ascending=False, kind="stable")
        keep = set(common.index[: most - 1])
        keys = keys.where(keys.isin(keep), "other types")
    made = []
    for key, group in rows.groupby(keys, sort=True):
        ids = sorted(group["instance_id"].astype(str))
        types = sorted(set(group["instance_type"]))
        kind_text = types[0] if len(types) == 1 else f"{len(types)} types"
        lines = [f"{plural(len(ids), 'instance')}, {kind_text}"]
        public = int(group["public_ip"].notna().sum())
        if public:
            lines.append(f"{public} with a public IP")
        states = group["state"].fillna("unknown").value_counts().sort_index()
        stopped = {s: int(n) for s, n in states.items() if s != "running"}
        if stopped:
            lines.append(", ".join(f"{n} {s}" for s, n in stopped.items()))
        sgs = sorted({sg for listed in group["sgs"] for sg in listed})
        keyed = sorted({g for k in group["sg_key"] for g in k.split(",") if g})
        if keyed and group["sg_key"].nunique() == 1:
            lines.append("in " + join_limited([sg_names.get(g, g) for g in keyed], 2, ", "))
        node_id = f"{subnet}/instances/{short_key(key)}"
        graph.add_node(
            Node(
                node_id,
                label="\n".join(lines),
                kind="instances",
                cluster=subnet,
                resources=tuple(ids) + tuple(v for i in ids for v in disks.get(i, [])),
                count=len(ids),
                data={
                    "instance_ids": ids,
                    "instance_types": types,
                    "security_group_ids": sgs,
                    "subnet_id": subnet,
                },
                order=f"6{key}",
            )
        )
        made.append((node_id, sgs))
    return made


def add_databases(
    graph: Graph,
    frame: pd.DataFrame,
    region: str,
    vpc_ids: list[str],
    limits: Limits,
    *,
    outside: bool,
) -> list[tuple[str, list[str]]]:
    """RDS DB instances in their VPC's box (``outside``: also those in no VPC)."""
    if frame.empty:
        return []
    frame = frame.drop_duplicates("db_instance_identifier")
    inside = frame[frame["vpc_id"].isin(vpc_ids).fillna(False)]
    parts = [(vid, inside[inside["vpc_id"] == vid]) for vid in vpc_ids]
    if outside:
        parts.append((_outside(graph, region), frame[frame["vpc_id"].isna()]))
    for cluster, rows in parts:
        if rows.empty or cluster is None:
            continue
        if len(rows) > limits.per_kind:
            _fold(graph, cluster, rows, "db_instance_identifier", "engine", "database", "databases")
            continue
        for row in rows.sort_values("db_instance_identifier").itertuples():
            ident = str(row.db_instance_identifier)
            public = flag(row.publicly_accessible)
            lines = [
                ident,
                " · ".join(x for x in (text(row.engine), text(row.instance_class)) if x),
            ]
            if public:
                lines.append("publicly accessible")
            node_id = f"rds/{ident}"
            graph.add_node(
                Node(
                    node_id,
                    "\n".join(lines),
                    "database",
                    cluster=cluster,
                    resources=(ident,),
                    data={"identifier": ident, "public": public},
                    order=f"7{ident}",
                )
            )
            if public:
                graph.add_edge(
                    Edge(
                        INTERNET,
                        node_id,
                        kind="public",
                        label=f"port {row.port}" if pd.notna(row.port) else "public",
                    )
                )
    return []  # the DB instance table does not list security groups


def add_functions(
    graph: Graph,
    frame: pd.DataFrame,
    region: str,
    vpc_ids: list[str],
    limits: Limits,
    *,
    outside: bool,
) -> list[tuple[str, list[str]]]:
    """Lambda functions in their VPC's box (``outside``: also those in no VPC); returns
    (node, its security groups)."""
    if frame.empty:
        return []
    frame = frame.drop_duplicates("function_name")
    inside = frame[frame["vpc_id"].isin(vpc_ids).fillna(False)]
    parts = [(vid, inside[inside["vpc_id"] == vid]) for vid in vpc_ids]
    if outside:
        parts.append((_outside(graph, region), frame[frame["vpc_id"].isna()]))
    made = []
    for cluster, rows in parts:
        if rows.empty or cluster is None:
            continue
        if len(rows) > limits.per_kind:
            node_ids = _fold(
                graph, cluster, rows, "function_name", "runtime", "function", "functions"
            )
            for node_id, group in node_ids:
                sgs = sorted(
                    {sg for value in group["security_group_ids"] for sg in json_list(value)}
                )
                made.append((node_id, sgs))
                _open_function(graph, node_id, group)
            continue
        for row in rows.sort_values("function_name").itertuples():
            name = str(row.function_name)
            node_id = f"lambda/{name}"
            lines = [name, text(row.runtime) or "container image"]
            graph.add_node(
                Node(
                    node_id,
                    "\n".join(lines),
                    "function",
                    cluster=cluster,
                    resources=(name,),
                    data={"function_name": name},
                    order=f"8{name}",
                )
            )
            made.append((node_id, json_list(row.security_group_ids)))
            _open_function(graph, node_id, rows[rows["function_name"] == name])
    return made


def _open_function(graph: Graph, node_id: str, rows: pd.DataFrame) -> None:
    no_auth = int((rows["url_auth_type"] == "NONE").fillna(False).sum())
    public_policy = int(rows["policy_public"].fillna(False).astype(bool).sum())
    labels = []
    if no_auth:
        labels.append("function URL, no auth")
    if public_policy:
        labels.append("public policy")
    if labels:
        graph.add_edge(Edge(INTERNET, node_id, kind="public", label="\n".join(labels)))


def _outside(graph: Graph, region: str) -> str:
    cluster_id = "outside-vpc"
    if cluster_id not in graph.clusters:
        graph.add_cluster(Cluster(cluster_id, label=f"Outside any VPC ({region})", kind="outside"))
    return cluster_id


def _fold(
    graph: Graph, cluster: str, rows: pd.DataFrame, ident: str, by: str, one: str, many: str
) -> list[tuple[str, pd.DataFrame]]:
    made = []
    keys = rows[by].fillna("other")
    word = "database" if one == "database" else "function"
    for key, group in rows.groupby(keys, sort=True):
        ids = sorted(group[ident].astype(str))
        node_id = f"{cluster}/{many}/{short_key(key)}"
        public_flags = (
            group["publicly_accessible"]
            if "publicly_accessible" in group
            else pd.Series(dtype="boolean")
        )
        public = int(public_flags.fillna(False).astype(bool).sum())
        lines = [f"{plural(len(ids), word)}, {key}"]
        if public:
            lines.append(f"{public} publicly accessible")
        graph.add_node(
            Node(
                node_id,
                "\n".join(lines),
                many,
                cluster=cluster,
                resources=tuple(ids),
                count=len(ids),
                data={"ids": ids, by: key},
                order=f"7{many}{key}",
            )
        )
        if public:
            graph.add_edge(Edge(INTERNET, node_id, kind="public", label=f"{public} public"))
        made.append((node_id, group))
    return made
