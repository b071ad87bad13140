"""The network map of one account and region: VPCs, subnets (public or private), route tables,
internet and NAT gateways, instances, RDS and Lambda in VPCs, load balancers and VPC endpoints,
peering connections and transit gateways, and the security groups with the ingress that matters.

Boxes: each VPC (cluster ``<vpc id>``) holds its subnets (clusters ``<subnet id>``, each headed
by a node ``<subnet id>``), its route tables, gateways and security groups. Instances and NAT
gateways sit in their subnet; RDS instances and Lambda functions in their VPC (the tables do not
say which subnet); load balancers and interface endpoints in their subnet when they have one,
else in their VPC; gateway endpoints in their VPC. Edges:

* ``Internet`` -> security group, for every group that lets 0.0.0.0/0 or ::/0 in (label: the
  ports), ``Internet`` <-> internet gateway, and ``Internet`` -> a publicly accessible database
  or a function callable by anyone;
* security group -> what it protects (instances, functions); security group -> security group
  where one lets the other's members in;
* route table -> gateway for routes to an internet or NAT gateway, a peering, a VPC endpoint or
  a transit gateway; subnet ... route table;
* ``Internet`` -> an internet-facing load balancer (label: its listeners) unless all its
  security groups are closed to the internet; security group -> load balancer or interface
  endpoint (protects);
* peering -> VPC (ends on the VPC's box); peerings and transit gateways sit outside the VPCs.

Every part beyond ``ec2.vpcs`` and ``ec2.subnets`` is drawn only when its table was collected
(``elbv2.load_balancers``, ``elbv2.listeners``, ``elb.load_balancers`` and ``elb.listeners``
for Classic Load Balancers, drawn alike, ``ec2.vpc_endpoints``, ``ec2.vpc_peering_connections``,
``ec2.transit_gateways``...); a missing table is no error.

Security groups that protect nothing drawn and let nothing in from the internet are left out
(counted in a note). Large VPCs stay legible: a subnet with more than
``NETWORK_MAX_INSTANCES_PER_SUBNET`` instances shows them as a few nodes of like instances
("37 instances, t3.micro", by type and security groups); more than ``NETWORK_MAX_PER_KIND``
databases or functions fold by engine or runtime; beyond ``NETWORK_MAX_SECURITY_GROUPS``
groups, those closed to the internet fold into one node.

This module chooses the account and VPCs and holds the tunables; the parts are drawn by
``network_vpc`` (VPC, subnets, gateways, route tables), ``network_workloads`` (instances,
databases, functions), ``network_balancers`` (load balancers, VPC endpoints), ``network_links``
(peerings, transit gateways, the routes into them) and ``network_security`` (security groups
and their ingress).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..accounts import account_choice, account_label, account_names, find_account
from ..errors import UsageError
from .findings import mark
from .graph import Cluster, Graph, Node, plural
from .network_balancers import add_endpoints, add_load_balancers, with_classic
from .network_links import add_link_routes, add_peerings, add_transit_gateways
from .network_rows import INTERNET, Limits, here, named, text
from .network_security import add_security_groups, open_groups
from .network_vpc import (
    add_gateways,
    add_nat_gateways,
    add_route_tables,
    add_subnets,
    vpc_label,
)
from .network_workloads import add_databases, add_functions, add_instances
from .result import RenderResult

if TYPE_CHECKING:
    from ..inventory import Inventory

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
    """The network map as plain data (what ``network`` draws); bad input is a UsageError."""
    missing = [t for t in REQUIRED if t not in inv.tables]
    if missing:
        raise UsageError(
            f"The inventory has no {', '.join(missing)}; collect the ec2 service "
            "(toolkit collect --services ec2,rds,lambda)."
        )
    account_id = _resolve_account(inv, account_id)
    vpcs = here(inv, "ec2.vpcs", account_id, region)
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
    scope = f"VPC {named(vpcs.iloc[0])}" if vpc_id is not None else plural(len(vpc_ids), "VPC")
    graph = Graph(
        f"Network of {account_label(account_id, account_names(inv))} in {region}: {scope}",
        direction="LR",
        kind="network",
    )
    graph.data = {"account_id": account_id, "region": region, "vpc_ids": vpc_ids}
    limits = Limits(  # read on every call: users change the tunables above before drawing
        instances_per_subnet=NETWORK_MAX_INSTANCES_PER_SUBNET,
        instance_groups=NETWORK_MAX_INSTANCE_GROUPS,
        per_kind=NETWORK_MAX_PER_KIND,
        security_groups=NETWORK_MAX_SECURITY_GROUPS,
        grid_columns=NETWORK_GRID_COLUMNS,
        rule_lines=NETWORK_RULE_LINES,
    )
    graph.add_node(Node(INTERNET, "Internet", "internet", resources=("0.0.0.0/0",), order="0"))

    def frame(name: str) -> pd.DataFrame:
        return here(inv, name, account_id, region)

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
                label=vpc_label(vpc),
                kind="vpc",
                resources=(vid, *sorted(set(map(str, acl_ids)))),
                data={"name": text(vpc.name), "cidr": text(vpc.cidr_block)},
            )
        )
        add_gateways(graph, vid, gateways)
        add_subnets(graph, vid, subnets[subnets["vpc_id"] == vid], limits)
        add_nat_gateways(graph, vid, nats)
        add_route_tables(graph, vid, routes, subnets[subnets["vpc_id"] == vid], limits)
    groups = groups[groups["vpc_id"].isin(vpc_ids)] if not groups.empty else groups
    ingress, open_rules = open_groups(groups, rules)
    instances = instances[instances["vpc_id"].isin(vpc_ids)] if not instances.empty else instances
    detailed = len(instances) <= NETWORK_DETAIL_INSTANCES
    relevant = None if detailed else set(open_rules["group_id"].astype(str))
    sg_names = {
        str(g): n
        for g, n in zip(groups.get("group_id", []), groups.get("group_name", []), strict=True)
        if isinstance(n, str)
    }
    outside = vpc_id is None
    protected = add_instances(graph, instances, volumes, relevant, sg_names, limits)
    protected += add_databases(
        graph, frame("rds.db_instances"), region, vpc_ids, limits, outside=outside
    )
    protected += add_functions(
        graph, frame("lambda.functions"), region, vpc_ids, limits, outside=outside
    )
    balancers, listeners = with_classic(
        frame("elbv2.load_balancers"),
        frame("elbv2.listeners"),
        frame("elb.load_balancers"),
        frame("elb.listeners"),
    )
    protected += add_load_balancers(
        graph,
        balancers,
        listeners,
        vpc_ids,
        set(open_rules["group_id"].astype(str)),
        limits,
    )
    endpoint_sgs, links = add_endpoints(graph, frame("ec2.vpc_endpoints"), region, vpc_ids, limits)
    protected += endpoint_sgs
    add_security_groups(graph, groups, ingress, open_rules, protected, limits, detailed=detailed)
    names = account_names(inv)
    links.update(
        add_peerings(
            graph, frame("ec2.vpc_peering_connections"), account_id, region, vpc_ids, names, limits
        )
    )
    links.update(
        add_transit_gateways(graph, routes, frame("ec2.transit_gateways"), account_id, names)
    )
    add_link_routes(graph, routes, links)
    return graph


# -- which account, which VPCs ---------------------------------------------------------------------
def _resolve_account(inv: Inventory, wanted: str) -> str:
    vpcs = inv["ec2.vpcs"]
    names = account_names(inv)
    found = find_account(wanted, vpcs["account_id"].astype(str), names)
    if found is not None:
        return found
    known = sorted(set(vpcs["account_id"].dropna().astype(str)))
    listed = ", ".join(account_choice(a, names) for a in known)
    raise UsageError(
        f"No account {wanted!r} among the accounts whose VPCs were collected; choose an account "
        f"id or name: {listed or 'none (collect the ec2 service)'}."
    )


def network_choices(inv: Inventory) -> str:
    """``ID (Name): region, region; ...`` for every account with VPCs in the inventory."""
    if "ec2.vpcs" not in inv.tables:
        return "none (collect the ec2 service)"
    vpcs = inv["ec2.vpcs"].dropna(subset=["account_id", "region"])
    names = account_names(inv)
    parts = []
    for account, rows in vpcs.groupby("account_id", sort=True):
        parts.append(
            f"{account_choice(str(account), names)}: {', '.join(sorted(set(rows['region'])))}"
        )
    return "; ".join(parts) or "none"


def _no_vpc_message(inv: Inventory, account_id: str, region: str) -> str:
    vpcs = inv["ec2.vpcs"]
    regions = sorted(set(vpcs.loc[vpcs["account_id"] == account_id, "region"].dropna()))
    return (
        f"No VPC of account {account_id} was collected in {region!r}; choose a region where it "
        f"has VPCs: {', '.join(regions) or 'none (collect the ec2 service in its regions)'}."
    )
