"""Diagrams of an inventory: the Organizations chart, the Identity Center access map and the
VPC network map, built as plain graphs (``.graph``) and drawn with the ``diagrams`` package.

``org_chart(inv)``, ``sso_access(inv, account_id=..., principal=...)``,
``network(inv, account_id, region)`` and ``access_paths(paths, inv)`` (the paths to
administrator that ``toolkit.access.paths_to_admin`` finds) each return a
:class:`RenderResult` that shows inline in Jupyter and saves as PNG, SVG (icons embedded),
PDF or DOT. Given ``findings=`` (from ``toolkit.run_checks``), resources with failing checks
are marked by severity. Named ``render``, never ``diagrams``: that is the package it builds on.
"""

from __future__ import annotations

from .access_paths import access_paths
from .graph import Cluster, Edge, Graph, Node
from .network_map import network
from .org import org_chart
from .result import RenderResult
from .sso import sso_access

__all__ = [
    "Cluster",
    "Edge",
    "Graph",
    "Node",
    "RenderResult",
    "access_paths",
    "network",
    "org_chart",
    "sso_access",
]
