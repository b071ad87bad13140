"""The network map's load balancers, VPC endpoints, peerings and transit gateways, on the small
synthetic estate plus hand-built rows of those tables: placement, internet paths, routes, absent
tables, folding, findings and determinism."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from toolkit.collectors import REGISTRY
from toolkit.inventory import Inventory
from toolkit.render import _synthetic as synthetic
from toolkit.render import network, network_map
from toolkit.render._synthetic import SMALL_DEV, SMALL_PROD

HERE = {"account_id": SMALL_PROD, "region": "us-east-1"}
VPC = "vpc-test"
ALB_ARN = f"arn:aws:elasticloadbalancing:us-east-1:{SMALL_PROD}:loadbalancer/app/web-alb/1"
NLB_ARN = f"arn:aws:elasticloadbalancing:us-east-1:{SMALL_PROD}:loadbalancer/net/db-nlb/2"
SHY_ARN = f"arn:aws:elasticloadbalancing:us-east-1:{SMALL_PROD}:loadbalancer/app/shy-alb/3"


def _balancer(name: str, arn: str, kind: str, scheme: str, subnets: list, groups: list) -> dict:
    return {**HERE, "arn": arn, "name": name, "type": kind, "scheme": scheme, "vpc_id": VPC} | {
        "subnet_ids": json.dumps(subnets),
        "security_groups": json.dumps(groups),
    }


def _listener(arn: str, protocol: str, port: int, redirect: bool = False) -> dict:
    return {**HERE, "arn": f"{arn}/listener/{port}", "load_balancer_arn": arn} | {
        "protocol": protocol,
        "port": port,
        "redirects_to_https": redirect,
    }


def _endpoint(eid: str, kind: str, service: str, **extra: object) -> dict:
    return {**HERE, "vpc_endpoint_id": eid, "vpc_id": VPC, "vpc_endpoint_type": kind} | {
        "service_name": f"com.amazonaws.us-east-1.{service}",
        "state": "available",
        "subnet_ids": "[]",
        "route_table_ids": "[]",
        "security_group_ids": "[]",
        "policy": None,
        **extra,
    }


def _routes(extra: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    base = synthetic.small_estate()["ec2.route_tables"]
    rows = [
        {**HERE, "route_table_id": rtb, "vpc_id": VPC, "is_main": rtb == "rtb-priv"}
        | {"destination": dest, "target": target, "target_type": kind, "state": "active"}
        for rtb, dest, target, kind in extra
    ]
    return pd.concat([base, REGISTRY["ec2.route_tables"].frame(rows)], ignore_index=True)


def linked_estate(**overrides: pd.DataFrame | None) -> Inventory:
    """The small estate's Prod us-east-1 VPC with an internet-facing ALB (two public subnets,
    sg-web), an internal NLB (one private subnet), an internet-facing ALB behind sg-app only,
    a gateway endpoint (S3) and an interface endpoint (SSM, sg-app), a peering with Dev's VPC
    and a transit gateway shared by Dev; the private route table routes to all three."""
    inv = synthetic.small_estate()
    tables = {name: inv[name] for name in inv.tables}
    tables["elbv2.load_balancers"] = REGISTRY["elbv2.load_balancers"].frame(
        [
            _balancer(
                "web-alb",
                ALB_ARN,
                "application",
                "internet-facing",
                ["subnet-pub", "subnet-other"],
                ["sg-web"],
            ),
            _balancer("db-nlb", NLB_ARN, "network", "internal", ["subnet-priv"], []),
            _balancer(
                "shy-alb", SHY_ARN, "application", "internet-facing", ["subnet-pub"], ["sg-app"]
            ),
        ]
    )
    tables["elbv2.listeners"] = REGISTRY["elbv2.listeners"].frame(
        [
            _listener(ALB_ARN, "HTTPS", 443),
            _listener(ALB_ARN, "HTTP", 80, redirect=True),
            _listener(NLB_ARN, "TCP", 5432),
        ]
    )
    tables["ec2.vpc_endpoints"] = pd.DataFrame(
        [
            _endpoint("vpce-s3", "Gateway", "s3", route_table_ids='["rtb-priv"]', name="s3-gw"),
            _endpoint(
                "vpce-ssm",
                "Interface",
                "ssm",
                subnet_ids='["subnet-priv"]',
                security_group_ids='["sg-app"]',
            ),
        ]
    )
    tables["ec2.vpc_peering_connections"] = REGISTRY["ec2.vpc_peering_connections"].frame(
        [
            {**HERE, "vpc_peering_connection_id": "pcx-dev", "name": "prod-to-dev"}
            | {"status": "active", "side": "requester", "requester_vpc_id": VPC}
            | {"requester_owner_id": SMALL_PROD, "requester_region": "us-east-1"}
            | {"requester_cidr_blocks": '["10.0.0.0/16"]', "accepter_vpc_id": "vpc-dev"}
            | {"accepter_owner_id": SMALL_DEV, "accepter_region": "us-east-1"}
            | {"accepter_cidr_blocks": '["10.9.0.0/16"]'},
            {**HERE, "vpc_peering_connection_id": "pcx-gone", "status": "deleted"}
            | {"requester_vpc_id": VPC, "requester_owner_id": SMALL_PROD}
            | {"accepter_vpc_id": "vpc-old", "accepter_owner_id": SMALL_DEV},
        ]
    )
    tables["ec2.route_tables"] = _routes(
        [
            ("rtb-priv", "10.9.0.0/16", "pcx-dev", "vpc_peering_connection"),
            ("rtb-priv", "pl-63a5400a", "vpce-s3", "vpc_endpoint"),
            ("rtb-priv", "172.16.0.0/12", "tgw-shared", "transit_gateway"),
        ]
    )
    tables["ec2.transit_gateways"] = pd.DataFrame(
        [
            {**HERE, "transit_gateway_id": "tgw-shared", "owner_id": SMALL_DEV}
            | {"state": "available", "auto_accept_shared_attachments": "enable"}
        ]
    )
    for name, frame in overrides.items():
        name = name.replace("__", ".")
        if frame is None:
            tables.pop(name, None)
        else:
            tables[name] = frame
    return Inventory(tables)


@pytest.fixture(scope="module")
def inv() -> Inventory:
    return linked_estate()


def test_load_balancers_in_their_subnets_with_listeners_and_groups(inv: Inventory) -> None:
    graph = network(inv, SMALL_PROD, "us-east-1").graph
    alb, nlb, shy = (graph.nodes[f"lb/{n}"] for n in ("web-alb", "db-nlb", "shy-alb"))
    # Two subnets, one of them not drawn here: the VPC's box; one subnet: that subnet's box.
    assert alb.cluster == VPC and nlb.cluster == "subnet-priv" and shy.cluster == "subnet-pub"
    assert alb.data["listeners"] == ["HTTP 80 → HTTPS", "HTTPS 443"]
    assert "HTTP 80 → HTTPS\nHTTPS 443" in alb.label and "TCP 5432" in nlb.label
    assert alb.resources == ("web-alb", ALB_ARN)
    edges = set(graph.edges)
    assert ("sg-web", "lb/web-alb", "protects") in edges
    assert ("sg-app", "lb/shy-alb", "protects") in edges
    # Internet-facing behind a group open to the internet: reachable, with its listeners.
    assert graph.edges[("internet", "lb/web-alb", "public")].label == "HTTP 80 → HTTPS, HTTPS 443"
    assert alb.data["internet_reachable"]
    # Internal, or internet-facing with only closed groups: no internet path.
    assert ("internet", "lb/db-nlb", "public") not in edges
    assert ("internet", "lb/shy-alb", "public") not in edges
    assert shy.data["internet_facing"] and not shy.data["internet_reachable"]
    assert "no security group lets the internet in" in shy.label
    # The internet reaches the ALB's group, which reaches the ALB: the path is drawn whole.
    assert ("internet", "sg-web", "internet") in edges


def test_endpoints_peerings_and_transit_gateways(inv: Inventory) -> None:
    graph = network(inv, SMALL_PROD, "us-east-1").graph
    gateway, interface = graph.nodes["vpce-s3"], graph.nodes["vpce-ssm"]
    assert gateway.cluster == VPC and gateway.kind == "vpc_endpoint"
    assert gateway.label == "Gateway endpoint: s3\ns3-gw\nvpce-s3"
    assert interface.cluster == "subnet-priv" and interface.data["type"] == "Interface"
    assert ("sg-app", "vpce-ssm", "protects") in graph.edges
    assert graph.edges[("rtb-priv", "vpce-s3", "route")].label == "pl-63a5400a"
    peering = graph.nodes["pcx-dev"]
    assert peering.cluster is None and peering.kind == "vpc_peering"
    assert peering.data["peer_account_id"] == SMALL_DEV
    assert peering.data["peer_vpc_id"] == "vpc-dev"
    assert peering.data["peer_cidr_blocks"] == ["10.9.0.0/16"]
    assert "↔ Dev (333333333333) / vpc-dev / 10.9.0.0/16" in peering.label
    [to_vpc] = graph.edges_from("pcx-dev", "peering")
    assert to_vpc.data == {"vpc_id": VPC} and VPC in graph.ancestors(to_vpc.target)
    assert graph.edges[("rtb-priv", "pcx-dev", "route")].label == "10.9.0.0/16"
    assert "pcx-gone" not in graph.nodes  # a deleted peering carries nothing
    tgw = graph.nodes["tgw-shared"]
    assert tgw.cluster is None and tgw.kind == "transit_gateway"
    assert tgw.data["owner_id"] == SMALL_DEV and tgw.data["auto_accept"]
    assert "owner Dev (333333333333)" in tgw.label
    assert "auto-accepts shared attachments" in tgw.label
    assert graph.edges[("rtb-priv", "tgw-shared", "route")].label == "172.16.0.0/12"
    # The peering's edge ends on the VPC's box in the drawing.
    assert 'lhead="cluster_vpc-test"' in network(inv, SMALL_PROD, "us-east-1").dot


def test_absent_tables_draw_nothing_of_theirs() -> None:
    graph = network(synthetic.small_estate(), SMALL_PROD, "us-east-1").graph
    new = {"load_balancer", "vpc_endpoint", "vpc_peering", "transit_gateway"}
    assert not new & set(graph.kinds())
    bare = linked_estate(
        elbv2__listeners=None,
        ec2__vpc_endpoints=None,
        ec2__transit_gateways=None,
        ec2__vpc_peering_connections=None,
    )
    graph = network(bare, SMALL_PROD, "us-east-1").graph
    assert "no listener" in graph.nodes["lb/web-alb"].label
    assert graph.nodes["lb/web-alb"].data["listeners"] == []
    # Routed to, but not described: the transit gateway is drawn from the route alone.
    assert graph.nodes["tgw-shared"].data == {"described": False}
    assert ("rtb-priv", "tgw-shared", "route") in graph.edges
    assert "vpce-s3" not in graph.nodes and "pcx-dev" not in graph.nodes
    only_vpcs = Inventory({n: bare[n] for n in ("ec2.vpcs", "ec2.subnets")})
    assert network(only_vpcs, SMALL_PROD, "us-east-1").graph.nodes_in("subnet-pub")


def test_findings_on_the_new_nodes(inv: Inventory) -> None:
    findings = synthetic.findings(
        [
            ("elbv2_load_balancer_deletion_protection_disabled", "medium", "elbv2", SMALL_PROD)
            + ("db-nlb",),
            ("ec2_vpc_peering_routes_not_least_access", "medium", "ec2", SMALL_PROD, "pcx-dev"),
            ("ec2_vpc_endpoint_policy_open", "high", "ec2", SMALL_PROD, "vpce-s3"),
            ("ec2_transit_gateway_auto_accept", "high", "ec2", SMALL_PROD, "tgw-shared"),
            ("ec2_vpc_endpoint_policy_open", "high", "ec2", SMALL_DEV, "vpce-ssm"),
        ]
    )
    graph = network(inv, SMALL_PROD, "us-east-1", findings=findings).graph
    assert graph.nodes["lb/db-nlb"].findings == {"medium": 1}
    assert graph.nodes["pcx-dev"].findings == {"medium": 1}
    assert graph.nodes["vpce-s3"].findings == {"high": 1}
    assert graph.nodes["tgw-shared"].findings == {"high": 1}
    assert graph.nodes["vpce-ssm"].findings == {}  # another account's finding


def test_same_inventory_same_dot(inv: Inventory) -> None:
    drawn = network(inv, SMALL_PROD, "us-east-1").dot
    assert drawn == network(linked_estate(), SMALL_PROD, "us-east-1").dot
    shuffled = Inventory(
        {
            name: inv[name].sample(frac=1, random_state=5).reset_index(drop=True)
            for name in reversed(inv.tables)
        }
    )
    assert network(shuffled, SMALL_PROD, "us-east-1").dot == drawn


def test_many_fold_by_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(network_map, "NETWORK_MAX_PER_KIND", 2)
    balancers = [
        _balancer(
            f"lb-{n}",
            f"{ALB_ARN[:-1]}{n}",
            "application" if n % 2 else "network",
            "internet-facing" if n < 4 else "internal",
            ["subnet-pub"],
            ["sg-web"] if n % 2 else [],
        )
        for n in range(6)
    ]
    endpoints = [_endpoint(f"vpce-{n}", "Interface", f"svc{n}") for n in range(4)]
    endpoints.append(_endpoint("vpce-s3", "Gateway", "s3"))
    peerings = [
        {**HERE, "vpc_peering_connection_id": f"pcx-{n}", "status": "active"}
        | {"requester_vpc_id": VPC, "requester_owner_id": SMALL_PROD}
        | {"accepter_vpc_id": f"vpc-{n}", "accepter_owner_id": SMALL_DEV}
        for n in range(3)
    ]
    inv = linked_estate(
        elbv2__load_balancers=REGISTRY["elbv2.load_balancers"].frame(balancers),
        ec2__vpc_endpoints=pd.DataFrame(endpoints),
        ec2__vpc_peering_connections=REGISTRY["ec2.vpc_peering_connections"].frame(peerings),
        ec2__route_tables=_routes(
            [
                ("rtb-priv", "pl-63a5400a", "vpce-s3", "vpc_endpoint"),
                ("rtb-priv", "10.99.0.0/16", "pcx-1", "vpc_peering_connection"),
            ]
        ),
    )
    graph = network(inv, SMALL_PROD, "us-east-1").graph
    folded = graph.find("load_balancers")
    folded_ids = {n.id for n in folded}
    assert sum(n.count for n in folded) == 6 and not graph.find("load_balancer")
    assert {n.label.split("\n")[0] for n in folded} == {
        "2 load balancers, application · internet-facing",
        "2 load balancers, network · internet-facing",
        "1 load balancer, application · internal",
        "1 load balancer, network · internal",
    }
    reachable = [e.label for e in graph.edges_from("internet", "public") if e.target in folded_ids]
    assert reachable == ["2 internet-facing", "2 internet-facing"]
    # Endpoints fold by type; the route to a folded one lands on its node.
    kinds = {n.data["type"]: n for n in graph.find("vpc_endpoints")}
    assert kinds["Interface"].count == 4 and kinds["Gateway"].count == 1
    assert ("rtb-priv", kinds["Gateway"].id, "route") in graph.edges
    [peerings_node] = graph.find("vpc_peerings")
    assert peerings_node.count == 3 and peerings_node.data["vpc_id"] == VPC
    assert ("rtb-priv", peerings_node.id, "route") in graph.edges
    # Findings on a member mark the folded node.
    findings = synthetic.findings(
        [("ec2_vpc_peering_routes_not_least_access", "low", "ec2", SMALL_PROD, "pcx-2")]
    )
    marked = network(inv, SMALL_PROD, "us-east-1", findings=findings).graph
    assert marked.nodes[peerings_node.id].findings == {"low": 1}


def test_drawn_by_graphviz(inv: Inventory) -> None:
    result = network(inv, SMALL_PROD, "us-east-1")
    svg = result.svg().replace("&#45;", "-")
    assert svg.count("<use ") >= len(result.graph.nodes) - 1  # every node with an icon
    for node in ("lb/web-alb", "vpce-s3", "pcx-dev", "tgw-shared"):
        assert f"<title>{node}</title>" in svg, node
    assert "<title>pcx-dev-&gt;igw-test</title>" in svg  # the peering's edge to the VPC
    assert result.png().startswith(b"\x89PNG\r\n\x1a\n")


def test_large_vpc_with_many_entry_points_stays_legible() -> None:
    """The 2,000-instance VPC of the scale test plus 60 load balancers, 40 endpoints and 30
    peerings: default limits fold them, and the picture stays as small as the scale test's."""
    big = synthetic.vpc(instances=2000, subnets=20)
    vpc, account = "vpc-0synthetic00000001", "300000000000"
    here = {"account_id": account, "region": "us-east-1"}
    subnets = sorted(big["ec2.subnets"]["subnet_id"])
    balancers = [
        {**here, "arn": f"arn:aws:elasticloadbalancing:us-east-1:{account}:lb/app/lb-{n}/{n}"}
        | {"name": f"lb-{n}", "type": "application", "scheme": "internal", "vpc_id": vpc}
        | {"subnet_ids": json.dumps(subnets[n % 20 : n % 20 + 2]), "security_groups": "[]"}
        for n in range(60)
    ]
    endpoints = [
        {**here, "vpc_endpoint_id": f"vpce-{n:04d}", "vpc_id": vpc, "state": "available"}
        | {"vpc_endpoint_type": "Interface", "service_name": f"com.amazonaws.us-east-1.s{n}"}
        | {"subnet_ids": json.dumps([subnets[n % 20]]), "security_group_ids": "[]"}
        for n in range(40)
    ]
    peerings = [
        {**here, "vpc_peering_connection_id": f"pcx-{n:04d}", "status": "active"}
        | {"requester_vpc_id": vpc, "requester_owner_id": account}
        | {"accepter_vpc_id": f"vpc-{n:04d}", "accepter_owner_id": f"4000000000{n:02d}"}
        for n in range(30)
    ]
    inv = Inventory(
        {name: big[name] for name in big.tables}
        | {
            "elbv2.load_balancers": REGISTRY["elbv2.load_balancers"].frame(balancers),
            "ec2.vpc_endpoints": pd.DataFrame(endpoints),
            "ec2.vpc_peering_connections": REGISTRY["ec2.vpc_peering_connections"].frame(peerings),
        }
    )
    result = network(inv, account, "us-east-1")
    graph = result.graph
    assert len(graph.nodes) < 200
    assert sum(n.count for n in graph.find("load_balancers")) == 60
    assert sum(n.count for n in graph.find("vpc_endpoints")) == 40
    assert sum(n.count for n in graph.find("vpc_peerings")) == 30
    assert result.svg().startswith("<?xml")


def test_classic_load_balancers_are_drawn_like_elbv2_ones() -> None:
    base = linked_estate()
    tables = {name: base[name] for name in base.tables}
    clb = f"arn:aws:elasticloadbalancing:us-east-1:{SMALL_PROD}:loadbalancer/old-clb"
    tables["elb.load_balancers"] = REGISTRY["elb.load_balancers"].frame(
        [
            {**HERE, "arn": clb, "name": "old-clb", "scheme": "internet-facing", "vpc_id": VPC}
            | {"subnet_ids": '["subnet-pub"]', "security_groups": '["sg-web"]'}
        ]
    )
    tables["elb.listeners"] = REGISTRY["elb.listeners"].frame(
        [
            {**HERE, "id": f"{clb}/listener/80", "load_balancer_arn": clb}
            | {"protocol": "HTTP", "port": 80}
        ]
    )
    graph = network(Inventory(tables), SMALL_PROD, "us-east-1").graph
    node = graph.nodes["clb/old-clb"]
    assert node.kind == "load_balancer" and node.cluster == "subnet-pub"
    assert node.data["type"] == "classic" and node.data["listeners"] == ["HTTP 80"]
    assert "classic · internet-facing" in node.label
    assert ("sg-web", "clb/old-clb", "protects") in graph.edges
    assert graph.edges[("internet", "clb/old-clb", "public")].label == "HTTP 80"
    assert "lb/web-alb" in graph.nodes  # the ELBv2 ones are still drawn
