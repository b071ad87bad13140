"""The graph a diagram is drawn from: plain data (nodes, edges, clusters) with stable ids.

Builders (``org.py``, ``sso.py``, ``network_map.py``) make a :class:`Graph` from Inventory tables;
tests read it; ``draw.py`` hands it to the ``diagrams`` package only to draw. Nothing here knows
about icons or Graphviz: a node has a ``kind`` (``account``, ``instance``, ``security_group``...)
that the drawing maps to an icon and a style.

Ids are the resources' own AWS ids where they have one (account ids, ``ou-...``, ``sg-...``,
``subnet-...``), prefixed where kinds could collide (``user:ID``, ``group:ID``). Every
collection is sorted when read, so the same inventory always gives the same DOT text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

#: Ordered from the worst: the first severity with a count decides a marked item's colour.
SEVERITY_ORDER = ("critical", "high", "medium", "low", "informational")


@dataclass
class Node:
    """One box of the picture: a resource, or several like resources collapsed into one."""

    id: str
    label: str
    kind: str
    #: The id of the cluster that holds the node; None at the top level.
    cluster: str | None = None
    #: The resource ids findings name that this node stands for (its own id by default).
    resources: tuple[str, ...] = ()
    #: How many resources the node stands for (more than 1 when collapsed).
    count: int = 1
    #: Facts the builder kept for tests and readers: names, ARNs, the account...
    data: dict[str, Any] = field(default_factory=dict)
    #: FAIL findings on the node's resources, by severity (set by ``mark``).
    findings: dict[str, int] = field(default_factory=dict)
    #: Sorts the node among its cluster's nodes (e.g. its name); ties go by id.
    order: str = ""

    def __post_init__(self) -> None:
        if not self.resources:
            self.resources = (self.id,)


@dataclass
class Edge:
    """A directed link between two nodes (never clusters): ``kind`` says what it means."""

    source: str
    target: str
    kind: str = ""
    label: str = ""
    resources: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)
    findings: dict[str, int] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.target, self.kind)


@dataclass
class Cluster:
    """A box around nodes and other clusters: an OU, a VPC, a subnet, an account."""

    id: str
    label: str
    kind: str
    parent: str | None = None
    #: The resource ids findings name that mark the box itself (none by default: the box's
    #: resource is usually drawn as its anchor node).
    resources: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)
    findings: dict[str, int] = field(default_factory=dict)
    #: The node that heads the box (an OU's icon, a subnet's icon): the drawing places the
    #: box's other nodes and inner boxes after it.
    anchor: str | None = None
    #: Lay the box's other nodes out in rows of this many (long lists such as accounts).
    grid: int | None = None


class Graph:
    """Nodes, edges and clusters, addressed by id; ``draw.to_dot(graph)`` gives deterministic
    DOT (drawing is the layer above: this module imports nothing of it)."""

    def __init__(self, title: str, *, direction: str = "LR", kind: str = "") -> None:
        self.title = title
        self.direction = direction
        #: What the graph shows: ``org``, ``sso`` or ``network``.
        self.kind = kind
        self.nodes: dict[str, Node] = {}
        self.edges: dict[tuple[str, str, str], Edge] = {}
        self.clusters: dict[str, Cluster] = {}
        #: Extra lines under the title (what was collapsed, which findings are marked).
        self.notes: list[str] = []
        #: Parts drawn only in summary here, each with a page of its own (OU ids of an org).
        self.pages: list[str] = []
        #: What the graph was drawn for (account, region, VPC ids...).
        self.data: dict[str, Any] = {}

    # -- building ------------------------------------------------------------------------
    def add_node(self, node: Node) -> Node:
        if node.id in self.nodes:
            raise ValueError(f"node {node.id!r} is already in the graph")
        if node.cluster is not None and node.cluster not in self.clusters:
            raise ValueError(f"node {node.id!r} names an unknown cluster {node.cluster!r}")
        self.nodes[node.id] = node
        return node

    def add_cluster(self, cluster: Cluster) -> Cluster:
        if cluster.id in self.clusters:
            raise ValueError(f"cluster {cluster.id!r} is already in the graph")
        if cluster.parent is not None and cluster.parent not in self.clusters:
            raise ValueError(f"cluster {cluster.id!r} names an unknown parent {cluster.parent!r}")
        self.clusters[cluster.id] = cluster
        return cluster

    def add_edge(self, edge: Edge) -> Edge:
        """Add an edge; the same (source, target, kind) again merges labels and resources."""
        for end in (edge.source, edge.target):
            if end not in self.nodes:
                raise ValueError(f"edge {edge.key!r} names an unknown node {end!r}")
        known = self.edges.get(edge.key)
        if known is None:
            self.edges[edge.key] = edge
            return edge
        labels = [x for x in (known.label.split("\n") + edge.label.split("\n")) if x]
        known.label = "\n".join(dict.fromkeys(labels))
        known.resources = tuple(dict.fromkeys(known.resources + edge.resources))
        return known

    # -- reading -------------------------------------------------------------------------
    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]

    def sorted_nodes(self) -> list[Node]:
        return [self.nodes[k] for k in sorted(self.nodes)]

    def sorted_edges(self) -> list[Edge]:
        return [self.edges[k] for k in sorted(self.edges)]

    def sorted_clusters(self) -> list[Cluster]:
        return [self.clusters[k] for k in sorted(self.clusters)]

    def nodes_in(self, cluster_id: str | None) -> list[Node]:
        """The nodes directly in a cluster (None: at the top level), by order then id."""
        inside = [n for n in self.nodes.values() if n.cluster == cluster_id]
        return sorted(inside, key=lambda n: (n.order, n.id))

    def clusters_in(self, parent: str | None) -> list[Cluster]:
        """The clusters directly in a cluster (None: at the top level), sorted by id."""
        return [c for c in self.sorted_clusters() if c.parent == parent]

    def ancestors(self, node_id: str) -> list[str]:
        """The clusters around a node, innermost first."""
        chain = []
        current = self.nodes[node_id].cluster
        while current is not None:
            chain.append(current)
            current = self.clusters[current].parent
        return chain

    def edges_from(self, node_id: str, kind: str | None = None) -> list[Edge]:
        return [e for e in self.sorted_edges() if e.source == node_id and kind in (None, e.kind)]

    def edges_to(self, node_id: str, kind: str | None = None) -> list[Edge]:
        return [e for e in self.sorted_edges() if e.target == node_id and kind in (None, e.kind)]

    def find(self, kind: str | None = None, **data: Any) -> list[Node]:
        """Nodes of a kind whose ``data`` has every given value, sorted by id."""
        return [
            n
            for n in self.sorted_nodes()
            if kind in (None, n.kind) and all(n.data.get(k) == v for k, v in data.items())
        ]

    def items(self) -> Iterator[Node | Edge | Cluster]:
        """Every node, edge and cluster: what findings can mark."""
        yield from self.sorted_nodes()
        yield from self.sorted_edges()
        yield from self.sorted_clusters()

    def kinds(self) -> dict[str, int]:
        """How many nodes of each kind, and how many resources they stand for."""
        counts: dict[str, int] = {}
        for node in self.sorted_nodes():
            counts[node.kind] = counts.get(node.kind, 0) + 1
        return dict(sorted(counts.items()))

    def __repr__(self) -> str:
        return (
            f"<Graph {self.kind or self.title!r}: {len(self.nodes)} nodes, "
            f"{len(self.edges)} edges, {len(self.clusters)} clusters>"
        )


def flag(value: Any) -> bool:
    """A nullable boolean cell as a plain bool (missing is False)."""
    try:
        return bool(value) if value is not None and value == value else False
    except (TypeError, ValueError):
        return False


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 account``, ``37 accounts`` (``many`` for irregular plurals)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def severity_text(counts: dict[str, int]) -> str:
    """``2 critical, 1 high``: worst first, zero counts left out."""
    return ", ".join(f"{counts[s]} {s}" for s in SEVERITY_ORDER if counts.get(s))


def worst(counts: dict[str, int]) -> str | None:
    return next((s for s in SEVERITY_ORDER if counts.get(s)), None)


def join_limited(items: Iterable[str], limit: int, sep: str = "\n") -> str:
    """Up to ``limit`` items, then ``+N more``."""
    items = list(items)
    shown = items[:limit]
    if len(items) > limit:
        shown.append(f"+{len(items) - limit} more")
    return sep.join(shown)
