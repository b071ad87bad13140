"""On the demo estate, each diagram's graph holds exactly the ground truth's structure, findings
land on the planted resources, and saved files are valid and self-contained."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import toolkit
from toolkit.inventory import Inventory
from toolkit.render import Graph, network, org_chart, sso_access
from toolkit.sandbox import Sandbox


@pytest.fixture(scope="module")
def inventory(demo_inventory: Inventory) -> Inventory:
    return demo_inventory


@pytest.fixture(scope="module")
def findings(demo_findings: pd.DataFrame) -> pd.DataFrame:
    return demo_findings


# -- organization ------------------------------------------------------------------------------
def test_org_chart_is_the_organization(sandbox: Sandbox, inventory: Inventory) -> None:
    truth = sandbox.truth
    graph = org_chart(inventory).graph
    accounts = {n.id for n in graph.nodes.values() if n.kind == "account"}
    assert accounts == set(truth.account_ids)
    for account in truth.accounts:
        node = graph.nodes[account["id"]]
        assert node.cluster == account["parent_id"], account["key"]
        assert node.data["name"] == account["name"]
        assert node.data["email"] == account["email"]
        assert account["email"] in node.label and account["id"] in node.label
        assert node.data["is_management"] == account["is_management"]
    ous = {c.id for c in graph.clusters.values() if c.kind == "ou"}
    assert ous == {ou["id"] for ou in truth.organizational_units}
    for ou in truth.organizational_units:
        assert graph.clusters[ou["id"]].parent == ou["parent_id"]
        assert graph.nodes[ou["id"]].data["path"] == ou["path"]
    assert graph.clusters[truth.root_id].parent is None
    scps = {(e.source, e.target) for e in graph.sorted_edges() if e.kind == "scp"}
    expected = {(p["id"], t) for p in truth.policies for t in p["targets"]}
    assert scps == expected


def test_org_chart_marks_the_planted_misconfigurations(
    sandbox: Sandbox, inventory: Inventory, findings: pd.DataFrame
) -> None:
    graph = org_chart(inventory, findings).graph
    organizational = [p for p in sandbox.truth.planted if p["check"].startswith("organizations_")]
    assert organizational
    for planted in organizational:
        assert graph.nodes[planted["resource_id"]].findings, planted
    # Every member account of the demo has failing checks of its own somewhere.
    legacy = sandbox.truth.account_id("legacy")
    assert sum(graph.nodes[legacy].findings.values()) >= 4


# -- Identity Center ---------------------------------------------------------------------------
def _path_exists(graph: Graph, assignment: dict[str, Any]) -> bool:
    principal = f"{assignment['principal_type'].lower()}/{assignment['principal_id']}"
    for edge in graph.edges_from(principal, "assignment"):
        pset = graph.nodes[edge.target]
        if pset.data["permission_set_arn"] != assignment["permission_set_arn"]:
            continue
        if assignment["account_id"] not in pset.data["account_ids"]:
            continue
        for access in graph.edges_from(pset.id, "access"):
            if assignment["account_id"] in graph.nodes[access.target].data["account_ids"]:
                return True
    return False


def test_sso_every_assignment_is_an_edge_path(sandbox: Sandbox, inventory: Inventory) -> None:
    assignments = sandbox.truth.identity_center["assignments"]
    graph = sso_access(inventory).graph
    missing = [a for a in assignments if not _path_exists(graph, a)]
    assert not missing, missing
    assert sum(1 for e in graph.edges.values() if e.kind == "assignment") == len(assignments)
    members = {(e.source, e.target) for e in graph.sorted_edges() if e.kind == "member"}
    expected = {
        (f"user/{m['user_id']}", f"group/{m['group_id']}")
        for m in sandbox.truth.identity_center["memberships"]
    }
    assert members == expected


def test_sso_for_one_account_and_one_principal(sandbox: Sandbox, inventory: Inventory) -> None:
    truth = sandbox.truth
    assignments = truth.identity_center["assignments"]
    prod = truth.account_id("prod")
    graph = sso_access(inventory, account_id=prod).graph
    mine = [a for a in assignments if a["account_id"] == prod]
    assert all(_path_exists(graph, a) for a in mine)
    assert sum(1 for e in graph.edges.values() if e.kind == "assignment") == len(mine)
    group = sso_access(inventory, principal="PlatformAdmins").graph
    theirs = [a for a in assignments if a["principal_name"] == "PlatformAdmins"]
    assert all(_path_exists(group, a) for a in theirs)
    assert sum(1 for e in group.edges.values() if e.kind == "assignment") == len(theirs)
    # bob reaches what PlatformAdmins and SecurityAuditors reach.
    bob = sso_access(inventory, principal="bob").graph
    via = [a for a in assignments if a["principal_name"] in ("PlatformAdmins", "SecurityAuditors")]
    assert all(_path_exists(bob, a) for a in via)


# -- network -----------------------------------------------------------------------------------
def test_network_is_every_vpc(sandbox: Sandbox, inventory: Inventory) -> None:
    for vpc in sandbox.truth.vpcs:
        graph = network(inventory, vpc["account_id"], vpc["region"], vpc_id=vpc["id"]).graph
        assert graph.clusters[vpc["id"]].kind == "vpc"
        subnets = {c.id for c in graph.clusters.values() if c.kind.startswith("subnet")}
        assert subnets == {s["id"] for s in vpc["subnets"]}, vpc["name"]
        for subnet in vpc["subnets"]:
            box = graph.clusters[subnet["id"]]
            assert box.parent == vpc["id"]
            assert box.kind == ("subnet_public" if subnet["public"] else "subnet_private")
        for instance in vpc["instances"]:
            node = graph.nodes[instance["id"]]
            assert node.cluster == instance["subnet_id"]
            for group in instance["security_group_ids"]:
                assert (group, instance["id"], "protects") in graph.edges
        open_groups = {
            g["id"]
            for g in vpc["security_groups"]
            if any(rule.get("cidr") == "0.0.0.0/0" for rule in g["ingress"])
        }
        from_internet = {e.target for e in graph.edges_from("internet", "internet")}
        assert from_internet == open_groups, vpc["name"]
        assert ("internet", vpc["internet_gateway_id"], "gateway") in graph.edges
        if vpc.get("nat_gateway_id"):
            assert graph.nodes[vpc["nat_gateway_id"]].kind == "nat_gateway"


def test_network_marks_the_planted_misconfigurations(
    sandbox: Sandbox, inventory: Inventory, findings: pd.DataFrame
) -> None:
    kinds = ("ec2_security_group_", "ec2_instance_", "ec2_vpc_flow_logs_disabled")
    for vpc in sandbox.truth.vpcs:
        graph = network(inventory, vpc["account_id"], vpc["region"], findings=findings).graph
        planted = [
            p
            for p in sandbox.truth.planted
            if p["check"].startswith(kinds)
            and (p["account_id"], p["region"]) == (vpc["account_id"], vpc["region"])
        ]
        for entry in planted:
            resource = entry["resource_id"]
            item = graph.nodes.get(resource) or graph.clusters[resource]
            assert item.findings, entry
    prod = sandbox.truth.account_id("prod")
    graph = network(inventory, prod, "us-east-1", findings=findings).graph
    # Outside the VPCs: the public database and the function anyone may call.
    assert ("internet", "rds/prod-orders-db", "public") in graph.edges
    assert ("internet", "lambda/prod-public-webhook", "public") in graph.edges
    assert graph.nodes["rds/prod-orders-db"].findings.get("high")


def test_network_draws_load_balancers_and_peerings(
    sandbox: Sandbox, inventory: Inventory, findings: pd.DataFrame
) -> None:
    """Prod in us-east-1: its two load balancers and both peerings (one it asked for, one it
    accepted), as the ground truth has them."""
    truth = sandbox.truth
    prod = truth.account_id("prod")
    graph = network(inventory, prod, "us-east-1", findings=findings).graph
    balancers = [
        b
        for b in truth.elbv2_load_balancers
        if (b["account_id"], b["region"]) == (prod, "us-east-1")
    ]
    assert len(balancers) == 2
    drawn = graph.find("load_balancer")
    assert {n.data["arn"] for n in drawn if n.data["type"] != "classic"} == {
        b["arn"] for b in balancers
    }
    open_groups = {e.target for e in graph.edges_from("internet", "internet")}
    for balancer in balancers:
        node = graph.nodes[f"lb/{balancer['name']}"]
        subnets = balancer["subnet_ids"]
        assert node.cluster == (subnets[0] if len(subnets) == 1 else balancer["vpc_id"])
        assert balancer["vpc_id"] in graph.ancestors(node.id)
        for group in balancer["security_group_ids"]:
            assert (group, node.id, "protects") in graph.edges
        reachable = balancer["scheme"] == "internet-facing" and (
            not balancer["security_group_ids"] or set(balancer["security_group_ids"]) & open_groups
        )
        assert (("internet", node.id, "public") in graph.edges) == bool(reachable), node.id
        listeners = [
            entry
            for entry in truth.elbv2_listeners
            if entry["load_balancer_arn"] == balancer["arn"]
        ]
        assert listeners
        for listener in listeners:
            assert f"{listener['protocol']} {listener['port']}" in node.label
    assert ("internet", "lb/prod-web-alb", "public") in graph.edges
    _assert_classic_load_balancers_drawn(truth, graph, open_groups)
    assert graph.nodes["lb/prod-db-nlb"].findings  # deletion protection planted off
    peerings = [
        p
        for p in truth.vpc_peerings
        if prod in (p["requester_account_id"], p["accepter_account_id"])
    ]
    assert len(peerings) == 2
    assert {n.id for n in graph.find("vpc_peering")} == {
        p["vpc_peering_connection_id"] for p in peerings
    }
    for peering in peerings:
        pcx = peering["vpc_peering_connection_id"]
        node = graph.nodes[pcx]
        assert node.cluster is None
        far = "accepter" if peering["requester_account_id"] == prod else "requester"
        near = "requester" if far == "accepter" else "accepter"
        assert node.data["peer_account_id"] == peering[f"{far}_account_id"]
        assert node.data["peer_vpc_id"] == peering[f"{far}_vpc_id"]
        assert node.data["peer_cidr_blocks"] == [peering[f"{far}_cidr"]]
        [to_vpc] = graph.edges_from(pcx, "peering")
        assert to_vpc.data["vpc_id"] == peering[f"{near}_vpc_id"]
        routes = [r for r in peering["routes"] if r["account_id"] == prod]
        assert routes
        for route in routes:
            edge = graph.edges[(route["route_table_id"], pcx, "route")]
            assert route["destination"] in edge.label.split("\n")
    # The sandbox's side of its peering with prod routes all of prod-vpc: planted, and marked.
    sandbox_account = truth.account_id("sandbox")
    planted = [
        p
        for p in truth.planted
        if p["check"] == "ec2_vpc_peering_routes_not_least_access"
        and p["account_id"] == sandbox_account
    ]
    assert planted
    other = network(inventory, sandbox_account, "us-east-1", findings=findings).graph
    for entry in planted:
        assert other.nodes[entry["resource_id"]].findings, entry


# -- files -------------------------------------------------------------------------------------
def test_saved_files_are_valid_and_self_contained(
    sandbox: Sandbox,
    inventory: Inventory,
    findings: pd.DataFrame,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    out = tmp_path / "out"
    prod = sandbox.truth.account_id("prod")
    results = {
        "org": org_chart(inventory, findings),
        "sso": sso_access(inventory, findings=findings),
        "network": network(inventory, prod, "us-east-1", findings=findings),
    }
    venv = str(Path(toolkit.__file__).resolve().parents[1] / ".venv")
    for name, result in results.items():
        svg = result.save(out / f"{name}.svg").read_text()
        hrefs = re.findall(r'href="([^"]*)"', svg)
        images = re.findall(r"<image\b[^>]*>", svg)
        assert images, name
        assert all('href="data:image/png;base64,' in tag for tag in images), name
        assert not [h for h in hrefs if not h.startswith(("data:", "#"))], name
        assert "site-packages" not in svg and venv not in svg, name
        assert "/resources/aws/" not in svg, name
        assert result.save(out / f"{name}.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert result.save(out / f"{name}.pdf").read_bytes().startswith(b"%PDF")
        assert result.save(out / f"{name}.dot").read_text().startswith("digraph")
        from toolkit.render.draw import to_dot

        assert result.dot == to_dot(result.graph)
    assert list(cwd.iterdir()) == []
    # Deterministic: the same inventory gives the same DOT text.
    assert org_chart(inventory).dot == org_chart(inventory).dot
    assert sso_access(inventory).dot == sso_access(inventory).dot
    assert network(inventory, prod, "us-east-1").dot == network(inventory, prod, "us-east-1").dot


def _assert_classic_load_balancers_drawn(truth, graph, open_groups: set[str]) -> None:
    """Prod's Classic Load Balancers in us-east-1 are drawn as its ELBv2 ones are."""
    prod = truth.account_id("prod")
    classic = [
        b for b in truth.elb_load_balancers if (b["account_id"], b["region"]) == (prod, "us-east-1")
    ]
    assert len(classic) == 2
    drawn = {n.data["name"]: n for n in graph.find("load_balancer") if n.data["type"] == "classic"}
    assert set(drawn) == {b["name"] for b in classic}
    for balancer in classic:
        node = drawn[balancer["name"]]
        assert node.id == f"clb/{balancer['name']}"
        subnets = balancer["subnet_ids"]
        assert node.cluster == (subnets[0] if len(subnets) == 1 else balancer["vpc_id"])
        for group in balancer["security_group_ids"]:
            assert (group, node.id, "protects") in graph.edges
        reachable = bool(set(balancer["security_group_ids"]) & open_groups)
        assert (("internet", node.id, "public") in graph.edges) == reachable, node.id
        for protocol, port, _, _ in balancer["listeners"]:
            assert f"{protocol} {port}" in node.label


# -- paths to administrator -----------------------------------------------------------------------
def test_access_paths_of_the_demo(inventory: Inventory) -> None:
    """Every path the demo's escalation graph holds is drawn: each start and end in the SVG
    Graphviz draws, one edge per distinct step; with none, the picture says so."""
    import html
    import json

    from toolkit import access
    from toolkit.render import access_paths
    from toolkit.render.draw import dot_id

    paths = access.paths_to_admin(inventory)
    result = access_paths(paths, inventory, inline="png")
    svg = result.svg()
    assert result.png().startswith(b"\x89PNG")
    steps = {(s["from"], s["to"]) for cell in paths["steps"] for s in json.loads(cell)}
    assert svg.count('class="edge"') == len(steps)
    if paths.empty:
        assert "No path to administrator was found" in svg
    titles = {html.unescape(t) for t in re.findall(r"<title>([^<]*)</title>", svg)}
    for node in {*paths["start"], *paths["end"]}:
        assert dot_id(node) in titles, node
