"""Large estates stay legible: an organization of 500 accounts and a VPC of 2,000 instances
(synthetic) render quickly to pictures of a bounded number of nodes. Timings for the record are
in benchmarks/render_bench.py."""

from __future__ import annotations

import re
import time

import pytest

from toolkit.render import _synthetic as synthetic
from toolkit.render import network, org_chart

LEGIBLE_NODES = 200
SECONDS = 15


def _images_are_data_uris(svg: str) -> None:
    hrefs = re.findall(r'href="([^"]*)"', svg)
    assert hrefs
    assert all(h.startswith(("data:", "#")) for h in hrefs)
    assert "site-packages" not in svg


def test_org_of_500_accounts() -> None:
    inv = synthetic.organization(accounts=500)
    start = time.perf_counter()
    result = org_chart(inv)
    svg = result.svg()
    elapsed = time.perf_counter() - start
    graph = result.graph
    assert elapsed < SECONDS
    assert len(graph.nodes) < LEGIBLE_NODES
    assert "501 accounts" in graph.title
    _images_are_data_uris(svg)
    # The summary counts every account somewhere, and offers a page per folded OU.
    leaves = [n for n in graph.nodes.values() if n.kind == "ou" and n.data["direct_accounts"]]
    assert sum(n.data["direct_accounts"] for n in leaves) == 500
    assert sorted(graph.pages) == sorted(n.id for n in leaves)
    pages = result.pages()
    page = pages[graph.pages[0]]
    assert len([n for n in page.graph.nodes.values() if n.kind == "account"]) == 25
    assert len(page.graph.nodes) < LEGIBLE_NODES
    _images_are_data_uris(page.svg())


def test_org_of_500_accounts_in_one_ou_page() -> None:
    inv = synthetic.organization(accounts=500, top_ous=1, child_ous=1)
    result = org_chart(inv, ou="ou-synt-000c000")
    accounts = [n for n in result.graph.nodes.values() if n.kind == "account"]
    assert len(accounts) == 500  # a page draws its own accounts, as a grid
    assert result.graph.clusters["ou-synt-000c000"].grid
    start = time.perf_counter()
    result.svg()
    assert time.perf_counter() - start < SECONDS


def test_vpc_of_2000_instances() -> None:
    inv = synthetic.vpc(instances=2000, subnets=20)
    start = time.perf_counter()
    result = network(inv, "300000000000", "us-east-1")
    svg = result.svg()
    elapsed = time.perf_counter() - start
    graph = result.graph
    assert elapsed < SECONDS
    assert len(graph.nodes) < LEGIBLE_NODES
    _images_are_data_uris(svg)
    collapsed = [n for n in graph.nodes.values() if n.kind == "instances"]
    assert sum(n.count for n in collapsed) == 2000
    assert all(
        n.label.split("\n")[0].endswith(("t3.micro", "m5.large", "c5.xlarge")) for n in collapsed
    )
    # Exposure survives collapsing: the groups open to the internet still reach instances.
    for sg in ("sg-0synth0000000000", "sg-0synth0000000001"):
        assert ("internet", sg, "internet") in graph.edges
        assert graph.edges_from(sg, "protects")
    exposed = {e.target for e in graph.sorted_edges() if e.kind == "protects"}
    # Instance n has security group n % 12; groups 0 and 1 are the open ones.
    assert sum(graph.nodes[t].count for t in exposed) == sum(n % 12 < 2 for n in range(2000))


@pytest.mark.parametrize("instances", [2000])
def test_network_graph_is_fast(instances: int) -> None:
    inv = synthetic.vpc(instances=instances)
    start = time.perf_counter()
    network(inv, "300000000000", "us-east-1").graph  # noqa: B018 - building is what is timed
    assert time.perf_counter() - start < 5
