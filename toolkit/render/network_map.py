"""The network map of one account and region: VPCs, subnets (public or private), route tables,
internet and NAT gateways, instances, RDS and Lambda in VPCs, and the security groups with the
ingress that matters.

Boxes: each VPC (cluster ``<vpc id>``) holds its subnets (clusters ``<subnet id>``, each headed
by a node ``<subnet id>``), its route tables, gateways and security groups. Instances and NAT
gateways sit in their subnet; RDS instances and Lambda functions in their VPC (the tables do not
say which subnet). Edges:

* ``Internet`` -> security group, for every group that lets 0.0.0.0/0 or ::/0 in (label: the
  ports), ``Internet`` <-> internet gateway, and ``Internet`` -> a publicly accessible database
  or a function callable by anyone;
* security group -> what it protects (instances, functions); security group -> security group
  where one lets the other's members in;
* route table -> gateway for routes to an internet or NAT gateway; subnet ... route table.

Security groups that protect nothing drawn and let nothing in from the internet are left out
(counted in a note). Large VPCs stay legible: a subnet with more than
``NETWORK_MAX_INSTANCES_PER_SUBNET`` instances shows them as a few nodes of like instances
("37 instances, t3.micro", by type and security groups); more than ``NETWORK_MAX_PER_KIND``
databases or functions fold by engine or runtime; beyond ``NETWORK_MAX_SECURITY_GROUPS``
groups, those closed to the internet fold into one node.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..errors import UsageError
from ..inventory import Inventory
from .findings import mark
from .graph import Cluster, Edge, Graph, Node, flag, join_limited, plural
from .result import RenderResult

#: A subnet with more instances than this shows like instances as one node each.
NETWORK_MAX_INSTANCES_PER_SUBNET = 8
#: At most this many nodes of like instances a subnet (then by type only, then "other").
NETWORK_MAX_INSTANCE_GROUPS = 4
#: More databases or functions than this in a VPC fold by engine or runtime.
NETWORK_MAX_PER_KIND = 8
#: More security groups than this in a VPC: those closed to the internet fold into one node.
NETWORK_MAX_SECURITY_GROUPS = 16
#: Beyond this many instances in the VPCs drawn, only security groups open to the internet are
#: drawn one by one and joined to what they protect (the rest: one node per VPC).
NETWORK_DETAIL_INSTANCES = 100
#: A subnet's nodes are laid out in rows of this many.
NETWORK_GRID_COLUMNS = 4
#: Ingress lines listed on a security group's node.
NETWORK_RULE_LINES = 4

INTERNET = "internet"
REQUIRED = ("ec2.vpcs", "ec2.subnets")


def network(
    inv: Inventory,
    account_id: str,
    region: str,
    vpc_id: str | None = None,
    findings: pd.DataFrame | None = None,
) -> RenderResult:
    """The network of one account and region (every VPC, or one: ``vpc_id``, id or Name).

    ``account_id`` may also be the account's name in the organization. Without ``vpc_id``,
    databases and functions outside any VPC are drawn too, in a box of their own. ``findings``:
    every drawn resource (VPC, subnet, instance, security group, gateway, database, function)
    is marked with its failing checks in that account and region.
    """
    graph = build(inv, account_id, region, vpc_id)
    mark(graph, findings, account_id=graph.data["account_id"], region=region)
    return RenderResult(graph)


def build(inv: Inventory, account_id: str, region: str, vpc_id: str | None = None) -> Graph:
    missing = [t for t in REQUIRED if t not in inv.tables]
    if missing:
        raise UsageError(
            f"The inventory has no {', '.join(missing)}; collect the ec2 service "
            "(toolkit collect --services ec2,rds,lambda)."
        )
    account_id = _resolve_account(inv, account_id)
    vpcs = _here(inv, "ec2.vpcs", account_id, region)
    if vpcs.empty:
        raise UsageError(_no_vpc_message(inv, account_id, region))
    vpcs = vpcs.drop_duplicates("vpc_id").sort_values("vpc_id")
    if vpc_id is not None:
        chosen = vpcs[(vpcs["vpc_id"] == vpc_id) | (vpcs["name"] == vpc_id).fillna(False)]
        if len(chosen) != 1:
            listed = ", ".join(
                f"{v} ({n})" if isinstance(n, str) else v
                for v, n in zip(vpcs["vpc_id"], vpcs["name"], strict=True)
            )
            problem = "More than one VPC is named" if len(chosen) > 1 else "No VPC"
            raise UsageError(
                f"{problem} {vpc_id!r} in account {account_id}, {region}; choose a VPC id: "
                f"{listed}."
            )
        vpcs = chosen
    vpc_ids = list(vpcs["vpc_id"].astype(str))
    scope = f"VPC {_named(vpcs.iloc[0])}" if vpc_id is not None else plural(len(vpc_ids), "VPC")
    graph = Graph(
        f"Network of {_account_text(inv, account_id)} in {region}: {scope}",
        direction="LR",
        kind="network",
    )
    graph.data = {"account_id": account_id, "region": region, "vpc_ids": vpc_ids}
    graph.add_node(Node(INTERNET, "Internet", "internet", resources=("0.0.0.0/0",), order="0"))

    def frame(name: str) -> pd.DataFrame:
        return _here(inv, name, account_id, region)

    subnets = frame("ec2.subnets")
    subnets = subnets[subnets["vpc_id"].isin(vpc_ids)].drop_duplicates("subnet_id")
    routes = frame("ec2.route_tables")
    routes = routes[routes["vpc_id"].isin(vpc_ids)] if "vpc_id" in routes else routes
    gateways = frame("ec2.internet_gateways")
    nats = frame("ec2.nat_gateways")
    instances = frame("ec2.instances")
    groups = frame("ec2.security_groups")
    rules = frame("ec2.security_group_rules")
    volumes = frame("ec2.volumes")
    acls = frame("ec2.network_acls")
    for vpc in vpcs.itertuples():
        vid = str(vpc.vpc_id)
        acl_ids = acls.loc[acls["vpc_id"] == vid, "network_acl_id"] if "vpc_id" in acls else []
        graph.add_cluster(
            Cluster(
                vid,
                label=_vpc_label(vpc),
                kind="vpc",
                resources=(vid, *sorted(set(map(str, acl_ids)))),
                data={"name": _str(vpc.name), "cidr": _str(vpc.cidr_block)},
            )
        )
        _gateways(graph, vid, gateways)
        _subnets(graph, vid, subnets[subnets["vpc_id"] == vid])
        _nat_gateways(graph, vid, nats)
        _route_tables(graph, vid, routes, subnets[subnets["vpc_id"] == vid])
    groups = groups[groups["vpc_id"].isin(vpc_ids)] if not groups.empty else groups
    ingress, open_rules = _open_groups(groups, rules)
    instances = instances[instances["vpc_id"].isin(vpc_ids)] if not instances.empty else instances
    detailed = len(instances) <= NETWORK_DETAIL_INSTANCES
    relevant = None if detailed else set(open_rules["group_id"].astype(str))
    sg_names = {
        str(g): n
        for g, n in zip(groups.get("group_id", []), groups.get("group_name", []), strict=True)
        if isinstance(n, str)
    }
    protected = _instances(graph, instances, volumes, relevant, sg_names)
    protected += _databases(graph, inv, account_id, region, vpc_ids, outside=vpc_id is None)
    protected += _functions(graph, inv, account_id, region, vpc_ids, outside=vpc_id is None)
    _security_groups(graph, groups, ingress, open_rules, protected, detailed=detailed)
    return graph


# -- inputs ------------------------------------------------------------------------------------
def _here(inv: Inventory, name: str, account_id: str, region: str) -> pd.DataFrame:
    """The table's rows of one account and region (empty with no columns if not collected)."""
    if name not in inv.tables:
        return pd.DataFrame()
    frame = inv[name]
    return frame[(frame["account_id"] == account_id) & (frame["region"] == region)]


def _resolve_account(inv: Inventory, wanted: str) -> str:
    vpcs = inv["ec2.vpcs"]
    if wanted in set(vpcs["account_id"].astype(str)):
        return wanted
    names = _names(inv)
    matches = sorted(i for i, n in names.items() if n == wanted)
    if len(matches) == 1:
        return matches[0]
    known = sorted(set(vpcs["account_id"].dropna().astype(str)))
    listed = ", ".join(f"{a} ({names[a]})" if a in names else a for a in known)
    raise UsageError(
        f"No account {wanted!r} among the accounts whose VPCs were collected; choose an account "
        f"id or name: {listed or 'none (collect the ec2 service)'}."
    )


def _names(inv: Inventory) -> dict[str, str]:
    if "organizations.accounts" not in inv.tables:
        return {}
    accounts = inv["organizations.accounts"]
    return {
        str(i): str(n)
        for i, n in zip(accounts["id"], accounts["name"], strict=True)
        if isinstance(n, str)
    }


def _account_text(inv: Inventory, account_id: str) -> str:
    name = _names(inv).get(account_id)
    return f"{name} ({account_id})" if name else account_id


def network_choices(inv: Inventory) -> str:
    """``ID (Name): region, region; ...`` for every account with VPCs in the inventory."""
    if "ec2.vpcs" not in inv.tables:
        return "none (collect the ec2 service)"
    vpcs = inv["ec2.vpcs"].dropna(subset=["account_id", "region"])
    names = _names(inv)
    parts = []
    for account, rows in vpcs.groupby("account_id", sort=True):
        label = f"{account} ({names[account]})" if account in names else str(account)
        parts.append(f"{label}: {', '.join(sorted(set(rows['region'])))}")
    return "; ".join(parts) or "none"


def _no_vpc_message(inv: Inventory, account_id: str, region: str) -> str:
    vpcs = inv["ec2.vpcs"]
    regions = sorted(set(vpcs.loc[vpcs["account_id"] == account_id, "region"].dropna()))
    return (
        f"No VPC of account {account_id} was collected in {region!r}; choose a region where it "
        f"has VPCs: {', '.join(regions) or 'none (collect the ec2 service in its regions)'}."
    )


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _named(row: Any) -> str:
    name = _str(getattr(row, "name", None))
    ident = str(row.vpc_id)
    return f"{name} ({ident})" if name else ident


def _json_list(value: object) -> list[str]:
    if not isinstance(value, str) or not value:
        return []
    try:
        parsed = json.loads(value)
    except ValueError:
        return []
    return [str(v) for v in parsed] if isinstance(parsed, list) else []


def _key(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:10]


# -- VPC contents ------------------------------------------------------------------------------
def _vpc_label(vpc: Any) -> str:
    parts = [_named(vpc)]
    cidr = _str(getattr(vpc, "cidr_block", None))
    if cidr:
        parts.append(cidr)
    if flag(getattr(vpc, "is_default", None)):
        parts.append("default VPC")
    return " · ".join(parts)


def _gateways(graph: Graph, vid: str, gateways: pd.DataFrame) -> None:
    if gateways.empty:
        return
    for row in (
        gateways[gateways["attached_vpc_id"] == vid].sort_values("internet_gateway_id").itertuples()
    ):
        gid = str(row.internet_gateway_id)
        name = _str(row.name)
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


def _subnets(graph: Graph, vid: str, subnets: pd.DataFrame) -> None:
    for row in subnets.sort_values(["subnet_id"]).itertuples():
        sid = str(row.subnet_id)
        public = flag(row.is_public)
        kind = "subnet_public" if public else "subnet_private"
        name = _str(row.name)
        side = "public" if public else "private"
        graph.add_cluster(
            Cluster(
                sid,
                label=f"{name} ({side})" if name else f"{side} subnet",
                kind=kind,
                parent=vid,
                anchor=sid,
                grid=NETWORK_GRID_COLUMNS,
                data={"vpc_id": vid, "public": public},
            )
        )
        lines = [name, sid] if name else [sid]
        lines.append(
            " · ".join(x for x in (_str(row.cidr_block), _str(row.availability_zone)) if x)
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
                    "cidr": _str(row.cidr_block),
                    "route_table_id": _str(row.route_table_id),
                },
                order="0",
            )
        )


def _nat_gateways(graph: Graph, vid: str, nats: pd.DataFrame) -> None:
    if nats.empty:
        return
    live = nats[
        (nats["vpc_id"] == vid) & ~nats["state"].isin(["deleted", "deleting"]).fillna(False)
    ]
    for row in live.sort_values("nat_gateway_id").itertuples():
        nid = str(row.nat_gateway_id)
        subnet = str(row.subnet_id)
        lines = [nid, _str(row.public_ip) or f"{row.connectivity_type or 'private'}"]
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


def _route_tables(graph: Graph, vid: str, routes: pd.DataFrame, subnets: pd.DataFrame) -> None:
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
                label="route table\n" + join_limited(lines, NETWORK_RULE_LINES + 1),
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


# -- workloads ---------------------------------------------------------------------------------
def _instances(
    graph: Graph,
    instances: pd.DataFrame,
    volumes: pd.DataFrame,
    relevant: set[str] | None,
    sg_names: dict[str, str],
) -> list[tuple[str, list[str]]]:
    """Instance nodes (collapsed per subnet beyond the threshold); returns (node, its SGs).
    ``relevant``: the security groups that tell collapsed instances apart (None: all)."""
    if instances.empty:
        return []
    frame = instances[~instances["state"].isin(["terminated"]).fillna(False)].drop_duplicates(
        "instance_id"
    )
    frame = frame.assign(
        sgs=frame["security_group_ids"].map(_json_list),
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
        if len(rows) <= NETWORK_MAX_INSTANCES_PER_SUBNET:
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
                            "subnet_id": _str(row.subnet_id),
                            "name": _str(row.name),
                            "security_group_ids": list(row.sgs),
                        },
                        order=f"5{(_str(row.name) or iid).lower()}",
                    )
                )
                made.append((iid, list(row.sgs)))
            continue
        made += _collapse_instances(graph, subnet, rows, disks, sg_names)
    return made


def _instance_label(row: Any) -> str:
    iid = str(row.instance_id)
    name = _str(getattr(row, "name", None))
    lines = [name, iid] if name else [iid]
    lines.append(
        " · ".join(
            x
            for x in (
                _str(getattr(row, "instance_type", None)),
                _str(getattr(row, "private_ip", None)),
            )
            if x
        )
    )
    public = _str(getattr(row, "public_ip", None))
    if public:
        lines.append(f"public {public}")
    state = _str(getattr(row, "state", None))
    if state and state != "running":
        lines.append(state)
    return "\n".join(lines)


def _collapse_instances(
    graph: Graph,
    subnet: str,
    rows: pd.DataFrame,
    disks: dict[str, list[str]],
    sg_names: dict[str, str],
) -> list[tuple[str, list[str]]]:
    """Like instances as one node: by (type, security groups), else by type, else the most
    common types and the rest."""
    rows = rows.assign(instance_type=rows["instance_type"].fillna("unknown type"))
    choices = [rows["instance_type"] + "|" + rows["sg_key"], rows["sg_key"], rows["instance_type"]]
    keys = next((k for k in choices if k.nunique() <= NETWORK_MAX_INSTANCE_GROUPS), None)
    if keys is None:
        keys = rows["instance_type"]
        common = keys.value_counts().sort_index().sort_values(ascending=False, kind="stable")
        keep = set(common.index[: NETWORK_MAX_INSTANCE_GROUPS - 1])
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
        node_id = f"{subnet}/instances/{_key(key)}"
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


def _databases(
    graph: Graph, inv: Inventory, account_id: str, region: str, vpc_ids: list[str], *, outside: bool
) -> list[tuple[str, list[str]]]:
    frame = _here(inv, "rds.db_instances", account_id, region)
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
        if len(rows) > NETWORK_MAX_PER_KIND:
            _fold(graph, cluster, rows, "db_instance_identifier", "engine", "database", "databases")
            continue
        for row in rows.sort_values("db_instance_identifier").itertuples():
            ident = str(row.db_instance_identifier)
            public = flag(row.publicly_accessible)
            lines = [
                ident,
                " · ".join(x for x in (_str(row.engine), _str(row.instance_class)) if x),
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


def _functions(
    graph: Graph, inv: Inventory, account_id: str, region: str, vpc_ids: list[str], *, outside: bool
) -> list[tuple[str, list[str]]]:
    frame = _here(inv, "lambda.functions", account_id, region)
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
        if len(rows) > NETWORK_MAX_PER_KIND:
            node_ids = _fold(
                graph, cluster, rows, "function_name", "runtime", "function", "functions"
            )
            for node_id, group in node_ids:
                sgs = sorted(
                    {sg for value in group["security_group_ids"] for sg in _json_list(value)}
                )
                made.append((node_id, sgs))
                _open_function(graph, node_id, group)
            continue
        for row in rows.sort_values("function_name").itertuples():
            name = str(row.function_name)
            node_id = f"lambda/{name}"
            lines = [name, _str(row.runtime) or "container image"]
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
            made.append((node_id, _json_list(row.security_group_ids)))
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
        node_id = f"{cluster}/{many}/{_key(key)}"
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


# -- security groups ---------------------------------------------------------------------------
def _open_groups(groups: pd.DataFrame, rules: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(ingress rules of the groups, those of them open to the internet)."""
    if rules.empty or groups.empty:
        empty = pd.DataFrame(columns=["group_id", "protocol", "from_port", "to_port"])
        return empty, empty
    ingress = rules[(rules["direction"] == "ingress") & rules["group_id"].isin(groups["group_id"])]
    return ingress, ingress[ingress["open_to_internet"].fillna(False).astype(bool)]


def _security_groups(
    graph: Graph,
    groups: pd.DataFrame,
    ingress: pd.DataFrame,
    open_rules: pd.DataFrame,
    protected: list[tuple[str, list[str]]],
    *,
    detailed: bool,
) -> None:
    """Security groups that protect something drawn or let the internet in. In a detailed map
    each is joined to what it protects (beyond NETWORK_MAX_SECURITY_GROUPS, groups closed to
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
    elif len(wanted) > NETWORK_MAX_SECURITY_GROUPS:
        fold = set(closed[max(0, NETWORK_MAX_SECURITY_GROUPS - len(open_ids)) :])
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
                label=_group_label(row, ingress[ingress["group_id"] == gid]),
                kind="security_group",
                cluster=vid if vid in graph.clusters else None,
                data={
                    "name": _str(row.group_name),
                    "vpc_id": vid,
                    "open_to_internet": gid in open_ids,
                },
                order=f"3{(_str(row.group_name) or gid).lower()}",
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


def _group_label(row: Any, rules: pd.DataFrame) -> str:
    gid = str(row.group_id)
    name = _str(getattr(row, "group_name", None))
    lines = [name, gid] if name else [gid]
    if not rules.empty:
        described = [_rule_text(r) for r in rules.itertuples()]
        lines.append(join_limited(sorted(dict.fromkeys(described)), NETWORK_RULE_LINES))
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
