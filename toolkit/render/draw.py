"""Drawing: a :class:`~toolkit.render.graph.Graph` handed to the ``diagrams`` package.

``diagrams`` (mingrammer) gives the AWS icons, its node and cluster defaults, and the Graphviz
DOT it builds with the ``graphviz`` package; Graphviz's ``dot`` lays out and renders PNG, SVG and
PDF. Nodes are created in sorted order with the graph's own ids (``nodeid=``) and clusters are
named after their ids, so the DOT text is the same for the same graph.

Rendering runs inside a ``tempfile.TemporaryDirectory``: ``Diagram(filename=<tmp>/diagram,
show=False)`` writes there, the bytes are read back, and the directory is removed; nothing is
written to the working directory and no viewer opens.

SVG from Graphviz points at each icon by its local file path (``<image
xlink:href="/.../site-packages/resources/aws/...png">``), which no other machine has.
:func:`embed_images` replaces those references with base64 data URIs, each distinct icon once,
in ``<defs>`` (``<symbol>`` + ``<use>``), so a saved SVG or an exported report shows its icons
anywhere.
"""

from __future__ import annotations

import base64
import hashlib
import html
import mimetypes
import os
import re
import struct
import tempfile
from importlib import import_module
from pathlib import Path
from typing import Any

from ..errors import ToolkitError
from .graph import Cluster, Edge, Graph, Node, severity_text, worst

FORMATS = ("svg", "png", "pdf", "dot")

#: The ``diagrams`` class drawn for each node kind; kinds not listed are plain text boxes.
ICONS: dict[str, tuple[str, str]] = {
    "root": ("diagrams.aws.management", "Organizations"),
    "ou": ("diagrams.aws.management", "OrganizationsOrganizationalUnit"),
    "account": ("diagrams.aws.management", "OrganizationsAccount"),
    "accounts": ("diagrams.aws.management", "OrganizationsAccount"),
    "scp": ("diagrams.aws.security", "IdentityAndAccessManagementIamPermissions"),
    "user": ("diagrams.aws.general", "User"),
    "users": ("diagrams.aws.general", "Users"),
    "group": ("diagrams.aws.general", "Users"),
    "permission_set": ("diagrams.aws.security", "SingleSignOn"),
    "internet": ("diagrams.aws.general", "InternetAlt1"),
    "internet_gateway": ("diagrams.aws.network", "InternetGateway"),
    "nat_gateway": ("diagrams.aws.network", "NATGateway"),
    "route_table": ("diagrams.aws.network", "RouteTable"),
    "subnet_public": ("diagrams.aws.network", "PublicSubnet"),
    "subnet_private": ("diagrams.aws.network", "PrivateSubnet"),
    "security_group": ("diagrams.aws.general", "GenericFirewall"),
    "security_groups": ("diagrams.aws.general", "GenericFirewall"),
    "instance": ("diagrams.aws.compute", "EC2Instance"),
    "instances": ("diagrams.aws.compute", "EC2Instances"),
    "database": ("diagrams.aws.database", "RDS"),
    "databases": ("diagrams.aws.database", "RDS"),
    "function": ("diagrams.aws.compute", "Lambda"),
    "functions": ("diagrams.aws.compute", "Lambda"),
    "load_balancer": ("diagrams.aws.network", "ElasticLoadBalancing"),
    "load_balancers": ("diagrams.aws.network", "ElasticLoadBalancing"),
    "vpc_endpoint": ("diagrams.aws.network", "Endpoint"),
    "vpc_endpoints": ("diagrams.aws.network", "Endpoint"),
    "vpc_peering": ("diagrams.aws.network", "VPCPeering"),
    "vpc_peerings": ("diagrams.aws.network", "VPCPeering"),
    "transit_gateway": ("diagrams.aws.network", "TransitGateway"),
    "iam_user": ("diagrams.aws.general", "User"),
    "iam_role": ("diagrams.aws.security", "IdentityAndAccessManagementIamRole"),
    "sso_user": ("diagrams.aws.security", "SingleSignOn"),
    "sso_session": ("diagrams.aws.security", "SingleSignOn"),
    "outside": ("diagrams.aws.general", "GenericOfficeBuilding"),
}

#: Border and fill of an item marked by findings, by its worst severity.
SEVERITY_COLORS: dict[str, tuple[str, str]] = {
    "critical": ("#7B241C", "#F2B8B5"),
    "high": ("#C0392B", "#FADBD8"),
    "medium": ("#CA6F1E", "#FDEBD0"),
    "low": ("#B7950B", "#FCF3CF"),
    "informational": ("#5D6D7E", "#EAEDED"),
}

GRAPH_ATTR = {
    "pad": "0.4",
    "splines": "spline",
    "nodesep": "0.35",
    "ranksep": "0.9",
    "fontsize": "18",
    "labelloc": "t",
    "labeljust": "l",
    # Edges may end on a box's border (``lhead``): a peering's edge to its VPC.
    "compound": "true",
}
NODE_ATTR = {"fontsize": "12"}
#: Icons are drawn this many points wide and high, whatever the label.
ICON_SIZE = 48
ICON_NODE_ATTR = {
    "shape": "none",
    "fixedsize": "false",
    "width": "0.3",
    "height": "0.3",
    "margin": "0.06,0.04",
}
TEXT_NODE_ATTR = {
    "shape": "box",
    "style": "rounded,dashed",
    "fixedsize": "false",
    "width": "0.3",
    "height": "0.5",
    "labelloc": "c",
    "margin": "0.15,0.08",
}
CLUSTER_ATTR: dict[str, dict[str, str]] = {
    "vpc": {"bgcolor": "#FFFFFF", "pencolor": "#8C4FFF", "penwidth": "2"},
    "subnet_public": {"bgcolor": "#EAF6E8", "pencolor": "#7AA116"},
    "subnet_private": {"bgcolor": "#E6F2F8", "pencolor": "#00A4A6"},
    "outside": {"bgcolor": "#F8F9F9", "pencolor": "#AEB6BE", "style": "dashed"},
    "account": {"bgcolor": "#FDF7E3", "pencolor": "#E7157B"},
}
EDGE_ATTR: dict[str, dict[str, str]] = {
    "scp": {"style": "dashed", "color": "#A569BD", "arrowhead": "odot"},
    "member": {"style": "dotted", "color": "#5D6D7E"},
    "assignment": {"color": "#2471A3"},
    "access": {"color": "#2471A3", "penwidth": "1.5"},
    "internet": {"color": "#C0392B", "penwidth": "2", "fontcolor": "#C0392B"},
    "public": {"color": "#C0392B", "penwidth": "2", "style": "dashed", "fontcolor": "#C0392B"},
    "route": {"style": "dashed", "color": "#7B8894", "constraint": "false"},
    "gateway": {"color": "#7B8894", "dir": "both"},
    "subnet_route": {"style": "dotted", "color": "#7B8894", "arrowhead": "none"},
    "protects": {"color": "#7B8894", "arrowhead": "vee"},
    "ingress": {"color": "#2471A3", "fontcolor": "#2471A3"},
    "peering": {"color": "#8C4FFF", "penwidth": "2", "dir": "both"},
    "escalation": {"color": "#C0392B", "penwidth": "1.8", "fontcolor": "#C0392B"},
    "escalation_conditional": {"color": "#CA6F1E", "style": "dashed", "fontcolor": "#CA6F1E"},
}
#: Nodes drawn highlighted whatever their findings: ``Node.data["highlight"]`` names the style.
HIGHLIGHTS: dict[str, dict[str, str]] = {
    "admin": {"peripheries": "2", "color": "#7B241C", "fontcolor": "#7B241C", "penwidth": "2"},
}
_DOT_NAME = "diagram"


# -- DOT ---------------------------------------------------------------------------------------
def to_dot(graph: Graph) -> str:
    """The DOT text ``diagrams`` builds for the graph (nothing is rendered or written)."""
    return _build(graph, filename=_DOT_NAME, outformat="svg").dot.source


def render(graph: Graph, fmt: str) -> bytes:
    """PNG, SVG or PDF bytes, rendered by Graphviz in a temporary directory; SVG as drawn
    (icons by local path: use :func:`embed_images` before sharing it)."""
    if fmt == "dot":
        return to_dot(graph).encode()
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    from graphviz import ExecutableNotFound

    with tempfile.TemporaryDirectory(prefix="toolkit-render-") as tmp:
        base = os.path.join(tmp, _DOT_NAME)
        diagram = _build(graph, filename=base, outformat=fmt)
        try:
            diagram.render()
        except ExecutableNotFound:
            raise ToolkitError(
                "Graphviz's 'dot' program is not installed; install Graphviz (apt-get install "
                "graphviz, brew install graphviz, or 'make graphviz') and try again."
            ) from None
        except Exception as exc:  # graphviz.CalledProcessError: dot failed on the input
            raise ToolkitError(
                f"Graphviz could not draw {graph.title!r} ({type(exc).__name__}: "
                f"{str(exc).strip()[:300]}); report it with the inventory that caused it."
            ) from None
        return Path(f"{base}.{fmt}").read_bytes()


def _build(graph: Graph, *, filename: str, outformat: str) -> Any:
    """A ``diagrams.Diagram`` holding the graph: clusters and nodes in id order, then edges."""
    import diagrams
    from diagrams import Diagram

    title = "\n".join([graph.title, *graph.notes])
    diagram = Diagram(
        name=title,
        filename=filename,
        direction=graph.direction,
        outformat=outformat,
        show=False,
        graph_attr=GRAPH_ATTR,
        node_attr=NODE_ATTR,
    )
    previous = (diagrams.getdiagram(), diagrams.getcluster())
    diagrams.setdiagram(diagram)
    diagrams.setcluster(None)
    try:
        made: dict[str, Any] = {}
        nodes: dict[str | None, list[Node]] = {}
        for node in graph.nodes.values():
            nodes.setdefault(node.cluster, []).append(node)
        children: dict[str | None, list[Cluster]] = {}
        for cluster in graph.sorted_clusters():
            children.setdefault(cluster.parent, []).append(cluster)
        _fill(graph, None, nodes, children, made)
        for edge in graph.sorted_edges():
            made[edge.source].connect(made[edge.target], _edge(edge))
    finally:
        diagrams.setdiagram(previous[0])
        diagrams.setcluster(previous[1])
    return diagram


def _fill(
    graph: Graph,
    cluster_id: str | None,
    nodes: dict[str | None, list[Node]],
    children: dict[str | None, list[Cluster]],
    made: dict[str, Any],
) -> None:
    """Create the nodes and inner clusters of one cluster, recursively, in a fixed order."""
    from diagrams import Cluster as DiagramCluster

    own = sorted(nodes.get(cluster_id, []), key=lambda n: (n.order, n.id))
    for node in own:
        made[node.id] = _node(node)
    inner = children.get(cluster_id, [])
    for child in inner:
        with DiagramCluster(child.id, direction=graph.direction, graph_attr=_cluster_attr(child)):
            _fill(graph, child.id, nodes, children, made)
    cluster = graph.clusters[cluster_id] if cluster_id is not None else None
    if cluster is not None and cluster.anchor in made:
        _layout(cluster, own, inner, made)


def _layout(cluster: Cluster, own: list[Node], inner: list[Cluster], made: dict[str, Any]) -> None:
    """Invisible edges (layout only, not in the graph): the anchor heads its box; long lists
    of nodes become rows of ``cluster.grid``."""
    from diagrams import Edge as DiagramEdge

    def invisible(source: str, target: str) -> None:
        made[source].connect(made[target], DiagramEdge(style="invis"))

    rest = [n.id for n in own if n.id != cluster.anchor]
    heads = rest
    if cluster.grid and len(rest) > 1:
        heads = rest[:: cluster.grid]
        for index in range(len(rest) - 1):
            if (index + 1) % cluster.grid:
                invisible(rest[index], rest[index + 1])
    for head in heads:
        invisible(str(cluster.anchor), head)
    for child in inner:
        if child.anchor in made:
            invisible(str(cluster.anchor), str(child.anchor))


def dot_id(node_id: str) -> str:
    """The node's DOT id: its graph id, with ':' (DOT's port separator) percent-encoded."""
    return node_id.replace("%", "%25").replace(":", "%3A")


def icon_path(kind: str) -> str | None:
    """The local file of the ``diagrams`` icon for a node kind (None: a text-only kind)."""
    if kind not in ICONS:
        return None
    module, name = ICONS[kind]
    cls = getattr(import_module(module), name)
    return str(cls._load_icon(cls))


def _label(item: Node | Cluster) -> str:
    text = severity_text(item.findings)
    return f"{item.label}\n{text}" if text else item.label


def _html_lines(text: str) -> str:
    return "<BR/>".join(html.escape(line, quote=True) for line in text.split("\n"))


def _node(node: Node) -> Any:
    """An icon above its label (an HTML-like table: the icon keeps its size whatever the
    label's length), or a text box for kinds without an icon."""
    from diagrams import Node as DiagramNode

    icon = icon_path(node.kind)
    severity = worst(node.findings)
    if icon is None:
        attrs = dict(TEXT_NODE_ATTR)
        label = _label(node)
    else:
        attrs = dict(ICON_NODE_ATTR)
        lines = _html_lines(node.label)
        counts = severity_text(node.findings)
        if counts:
            lines += f"<BR/><B>{html.escape(counts)}</B>"
        label = (
            '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
            f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{ICON_SIZE}" HEIGHT="{ICON_SIZE}">'
            f'<IMG SRC="{html.escape(icon, quote=True)}" SCALE="TRUE"/></TD></TR>'
            f"<TR><TD>{lines}</TD></TR></TABLE>>"
        )
    highlight = HIGHLIGHTS.get(str(node.data.get("highlight")))
    if highlight:
        attrs.update(shape="box", style="rounded", **highlight)
    if severity:
        border, fill = SEVERITY_COLORS[severity]
        attrs.update(
            shape="box",
            style="rounded,filled",
            color=border,
            fillcolor=fill,
            penwidth="2.5",
            fontcolor=border,
        )
    return DiagramNode(label, nodeid=dot_id(node.id), **attrs)


def _cluster_attr(cluster: Cluster) -> dict[str, str]:
    # Explicit defaults: a nested box must not inherit a marked parent's colours.
    attrs = {
        "label": _label(cluster),
        "fontsize": "13",
        "fontcolor": "#2D3436",
        "penwidth": "1",
        **CLUSTER_ATTR.get(cluster.kind, {}),
    }
    severity = worst(cluster.findings)
    if severity:
        border, _ = SEVERITY_COLORS[severity]
        attrs.update(pencolor=border, penwidth="3", fontcolor=border)
    return attrs


def _edge(edge: Edge) -> Any:
    from diagrams import Edge as DiagramEdge

    attrs = dict(EDGE_ATTR.get(edge.kind, {}))
    label = edge.label
    severity = worst(edge.findings)
    if severity:
        border, _ = SEVERITY_COLORS[severity]
        attrs.update(color=border, fontcolor=border, penwidth="3")
        label = "\n".join(x for x in (label, severity_text(edge.findings)) if x)
    direction = attrs.pop("dir", None)
    if edge.kind == "peering" and edge.data.get("vpc_id"):
        attrs["lhead"] = f"cluster_{edge.data['vpc_id']}"  # ends on the VPC's box
    made = DiagramEdge(forward=True, label=label, **attrs)
    if direction == "both":
        made.reverse = True
    return made


# -- self-contained SVG ------------------------------------------------------------------------
_IMAGE = re.compile(r"<image\b([^>]*?)(?:/>|>\s*</image>)", re.S)
_HREF = re.compile(r'\s(?:xlink:)?href="([^"]*)"')
_ATTR = re.compile(r'\s([\w:-]+)="([^"]*)"')
_SVG_OPEN = re.compile(r"<svg\b[^>]*>", re.S)


def embed_images(svg: str) -> str:
    """The SVG with every local image file inlined as a data URI (each file once, in <defs>),
    so it shows its icons on any machine. Remote and data URIs are left as they are."""
    symbols: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        attributes = match.group(1)
        href = _HREF.search(attributes)
        if href is None or href.group(1).startswith(("data:", "http:", "https:", "#")):
            return match.group(0)
        path = Path(href.group(1).removeprefix("file://"))
        try:
            content = path.read_bytes()
        except OSError:
            raise ToolkitError(
                f"The diagram references an icon that cannot be read ({path.name}); reinstall "
                "the 'diagrams' package."
            ) from None
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        uri = f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"
        others = {k: v for k, v in _ATTR.findall(attributes) if k not in ("href", "xlink:href")}
        size = _png_size(content)
        if size is None:  # not a PNG: inline it where it stands
            rest = "".join(f' {k}="{v}"' for k, v in others.items())
            return f'<image xlink:href="{uri}"{rest}/>'
        ident = "tk-icon-" + hashlib.sha1(content).hexdigest()[:12]
        if ident not in symbols:
            ratio = others.get("preserveAspectRatio", "xMidYMid meet")
            symbols[ident] = (
                f'<symbol id="{ident}" viewBox="0 0 {size[0]} {size[1]}" '
                f'preserveAspectRatio="{ratio}"><image width="{size[0]}" height="{size[1]}" '
                f'xlink:href="{uri}"/></symbol>'
            )
        placed = "".join(
            f' {k}="{others[k]}"' for k in ("x", "y", "width", "height") if k in others
        )
        return f'<use xlink:href="#{ident}"{placed}/>'

    body = _IMAGE.sub(replace, svg)
    if not symbols:
        return body
    opening = _SVG_OPEN.search(body)
    if opening is None:
        raise ToolkitError("Graphviz returned something that is not an SVG document.")
    head = opening.group(0)
    if "xmlns:xlink" not in head:
        head = head[:-1] + ' xmlns:xlink="http://www.w3.org/1999/xlink">'
    defs = "\n<defs>\n" + "\n".join(symbols[k] for k in sorted(symbols)) + "\n</defs>"
    return body[: opening.start()] + head + defs + body[opening.end() :]


def _png_size(content: bytes) -> tuple[int, int] | None:
    if content[:8] != b"\x89PNG\r\n\x1a\n" or len(content) < 24:
        return None
    width, height = struct.unpack(">II", content[16:24])
    return width, height
