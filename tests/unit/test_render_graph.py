"""The graph model, the drawing and the result object: deterministic DOT, self-contained SVG,
saving by extension, nothing written to the working directory."""

from __future__ import annotations

import base64
import os
import re
import tempfile
from pathlib import Path

import pytest

from toolkit.errors import UsageError
from toolkit.render import Cluster, Edge, Graph, Node, RenderResult, org_chart
from toolkit.render import _synthetic as synthetic
from toolkit.render.draw import dot_id, embed_images, icon_path, to_dot
from toolkit.render.graph import join_limited, severity_text, worst

PNG = b"\x89PNG\r\n\x1a\n"


def _graph() -> Graph:
    graph = Graph("Test", direction="LR", kind="test")
    graph.add_cluster(Cluster("box", "A box", "vpc"))
    graph.add_node(Node("b", "B", "instance", cluster="box"))
    graph.add_node(Node("a:1", "A", "security_group", cluster="box"))
    graph.add_node(Node("net", "Internet", "internet"))
    graph.add_node(Node("note", "plain text", "note"))
    graph.add_edge(Edge("net", "a:1", kind="internet", label="tcp 22"))
    graph.add_edge(Edge("a:1", "b", kind="protects"))
    return graph


def test_graph_rejects_unknown_ends_and_duplicates() -> None:
    graph = _graph()
    with pytest.raises(ValueError, match="already"):
        graph.add_node(Node("b", "again", "instance"))
    with pytest.raises(ValueError, match="unknown cluster"):
        graph.add_node(Node("c", "C", "instance", cluster="nowhere"))
    with pytest.raises(ValueError, match="unknown node"):
        graph.add_edge(Edge("b", "nowhere"))
    with pytest.raises(ValueError, match="unknown parent"):
        graph.add_cluster(Cluster("inner", "x", "subnet_public", parent="nowhere"))


def test_same_edge_twice_merges_labels_and_resources() -> None:
    graph = _graph()
    graph.add_edge(Edge("net", "a:1", kind="internet", label="tcp 80", resources=("r1",)))
    graph.add_edge(Edge("net", "a:1", kind="internet", label="tcp 22", resources=("r1",)))
    edge = graph.edges[("net", "a:1", "internet")]
    assert edge.label == "tcp 22\ntcp 80"
    assert edge.resources == ("r1",)
    assert len(graph.edges) == 2


def test_reading_helpers() -> None:
    graph = _graph()
    assert [n.id for n in graph.nodes_in("box")] == ["a:1", "b"]
    assert graph.ancestors("b") == ["box"]
    assert [e.target for e in graph.edges_from("net")] == ["a:1"]
    assert [e.source for e in graph.edges_to("b", "protects")] == ["a:1"]
    assert graph.kinds()["instance"] == 1
    assert graph.nodes["b"].resources == ("b",)
    assert graph.clusters["box"].resources == ()
    assert severity_text({"low": 1, "critical": 2}) == "2 critical, 1 low"
    assert worst({"low": 1, "high": 1}) == "high"
    assert join_limited(["a", "b", "c"], 2, ", ") == "a, b, +1 more"


def test_dot_is_deterministic_and_independent_of_insertion_order() -> None:
    first = to_dot(_graph())
    reordered = Graph("Test", direction="LR", kind="test")
    reordered.add_node(Node("note", "plain text", "note"))
    reordered.add_node(Node("net", "Internet", "internet"))
    reordered.add_cluster(Cluster("box", "A box", "vpc"))
    reordered.add_node(Node("a:1", "A", "security_group", cluster="box"))
    reordered.add_node(Node("b", "B", "instance", cluster="box"))
    reordered.add_edge(Edge("a:1", "b", kind="protects"))
    reordered.add_edge(Edge("net", "a:1", kind="internet", label="tcp 22"))
    assert first == to_dot(_graph()) == to_dot(reordered)
    assert first.startswith("digraph")
    assert "subgraph cluster_box" in first or 'subgraph "cluster_box"' in first
    # ':' is DOT's port separator: ids are encoded so an edge never lands on a port.
    assert dot_id("a:1") == "a%3A1"
    assert '"a%3A1" -> b' in first
    assert "uuid" not in first


def test_findings_change_colour_and_label() -> None:
    graph = _graph()
    graph.nodes["b"].findings = {"critical": 2, "low": 1}
    dot = to_dot(graph)
    assert "2 critical, 1 low" in dot
    assert "#F2B8B5" in dot  # the critical fill


def test_every_icon_kind_has_an_icon_file() -> None:
    from toolkit.render.draw import ICONS

    for kind in ICONS:
        path = icon_path(kind)
        assert path is not None and Path(path).is_file(), kind
    assert icon_path("note") is None


def test_embed_images_inlines_local_files_once(tmp_path: Path) -> None:
    icon = Path(str(icon_path("instance")))
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        f'<image xlink:href="{icon}" width="46px" height="46px" '
        'preserveAspectRatio="xMinYMin meet" x="1" y="2"/>'
        f'<image xlink:href="{icon}" width="46px" height="46px" x="3" y="4"/>'
        '<image xlink:href="https://example.com/x.png" x="0" y="0"/></svg>'
    )
    out = embed_images(svg)
    assert str(icon.parent) not in out
    assert out.count("data:image/png;base64,") == 1
    assert out.count("<use ") == 2
    assert 'x="3" y="4"' in out
    assert "https://example.com/x.png" in out
    data = re.search(r'href="data:image/png;base64,([^"]+)"', out)
    assert data is not None and base64.b64decode(data.group(1)) == icon.read_bytes()


def test_result_formats_and_save(tmp_path: Path) -> None:
    result = RenderResult(_graph())
    svg = result.svg()
    assert svg.lstrip().startswith(("<?xml", "<svg"))
    assert all(h.startswith(("data:", "#")) for h in re.findall(r'href="([^"]*)"', svg))
    assert result.png().startswith(PNG)
    assert result.pdf().startswith(b"%PDF")
    assert result._repr_svg_() == svg
    assert result._repr_png_() == result.png()
    for name, start in [("d.svg", b"<"), ("d.png", PNG), ("d.pdf", b"%PDF"), ("d.dot", b"digraph")]:
        written = result.save(tmp_path / "out" / name)
        assert written.read_bytes().lstrip().startswith(start), name
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "d.dot",
        "d.pdf",
        "d.png",
        "d.svg",
    ]
    assert "nodes" in repr(result)


def test_bad_extension_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"\.svg"):
        RenderResult(_graph()).save(tmp_path / "diagram.jpeg")
    assert not any(tmp_path.iterdir())


def test_inline_display_renders_one_format(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda data, raw: shown.append(data))
    result = RenderResult(_graph())
    result._ipython_display_()
    assert set(shown[0]) == {"text/plain", "image/svg+xml", "text/html"}
    assert "png" not in result._cache
    # the HTML is the same picture, fitted to the page, that opens full size on a click
    assert shown[0]["text/html"].count("<svg") == shown[0]["image/svg+xml"].count("<svg") == 1
    assert (
        'onclick="window.tkZoom' in shown[0]["text/html"]
        and "max-width:100%" in shown[0]["text/html"]
    )
    RenderResult(_graph(), inline="png")._ipython_display_()
    assert set(shown[1]) == {"text/plain", "image/png", "text/html"}
    assert "data:image/png;base64," in shown[1]["text/html"]
    with pytest.raises(UsageError):
        RenderResult(_graph(), inline="gif")


def test_rendering_leaves_no_file_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cwd = tmp_path / "cwd"
    scratch = tmp_path / "scratch"
    cwd.mkdir()
    scratch.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    result = org_chart(synthetic.small_estate())
    result.svg()
    result.png()
    result.pdf()
    assert result.dot
    assert list(cwd.iterdir()) == []
    assert list(scratch.iterdir()) == []  # the temporary directories are gone too
    assert os.getcwd() == str(cwd)
