"""``access.paths_to_admin``: every way a principal that is not an administrator can become
one, as rows with their steps; and ``access.outside_trust``: what principals outside the
Organization can reach through the roles that trust them.
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from typing import TYPE_CHECKING

import networkx as nx
import pandas as pd

from . import catalogue
from .effective import frame_of
from .evaluate import permissions
from .graph import ADMIN, escalation_graph
from .model import model_of

if TYPE_CHECKING:
    from ..inventory import Inventory

PATH_COLUMNS = {
    "path_id": "string",
    "start": "string",
    "start_type": "string",
    "start_name": "string",
    "start_account": "string",
    "end": "string",
    "end_name": "string",
    "target_account": "string",
    "target_account_name": "string",
    "hops": "Int64",
    "methods": "string",
    "steps": "string",
    "cross_account": "boolean",
    "conditional": "boolean",
    "detail": "string",
}
STARTS = ("user", "role", "sso_user", "outside")


def paths_to_admin(inv: Inventory, graph: nx.DiGraph | None = None) -> pd.DataFrame:
    """One row per (start, administrator reached): the shortest chain of steps from a principal
    that administers no account to a principal that administers one. A path stops at the first
    administrator on its way. An administrator of one account that can reach another is
    lateral movement, not escalation: ``escalation_graph`` shows it."""
    graph = escalation_graph(inv) if graph is None else graph
    names = model_of(inv).account_names
    rows = []
    for start, data in graph.nodes(data=True):
        if data["kind"] not in STARTS or start.endswith(ADMIN):
            continue
        if data["kind"] == "role" and graph.out_degree(start) == 0:
            continue
        if _administered(graph, start):
            continue
        rows += [_row(graph, chain, names) for chain in _shortest_to_admins(graph, start)]
    frame = pd.DataFrame(rows, columns=list(PATH_COLUMNS)).astype(PATH_COLUMNS)
    return frame.sort_values(["start_account", "start", "end"], ignore_index=True)


def _administered(graph: nx.DiGraph, start: str) -> set[str]:
    """Accounts the start administers: its own if it is an administrator; for an Identity
    Center user, those where one of its permission sets is."""
    data = graph.nodes[start]
    if data["admin"]:
        return {data["account"]}
    if data["kind"] == "sso_user":
        return {
            graph.nodes[s]["account"]
            for s in graph.successors(start)
            if graph.nodes[s]["admin"] and "IdentityCenter" in graph.edges[start, s]["methods"]
        }
    return set()


def _shortest_to_admins(graph: nx.DiGraph, start: str) -> list[list[str]]:
    """Breadth first from ``start``; administrators end a chain (nothing beyond them adds)."""
    parent: dict[str, str | None] = {start: None}
    queue = deque([start])
    found = []
    while queue:
        node = queue.popleft()
        if node != start and graph.nodes[node]["admin"]:
            chain = [node]
            while parent[chain[-1]] is not None:
                chain.append(parent[chain[-1]])
            found.append(chain[::-1])
            continue
        for nxt in graph.successors(node):
            if nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    return found


def _row(graph: nx.DiGraph, chain: list[str], names: dict[str, str]) -> dict:
    start, end_node = chain[0], chain[-1]
    end = end_node.removesuffix(ADMIN)
    steps = [
        {
            "from": a,
            "to": b.removesuffix(ADMIN),
            "method": graph.edges[a, b]["methods"][0],
            "conditional": bool(graph.edges[a, b]["conditional"]),
        }
        for a, b in zip(chain, chain[1:], strict=False)
    ]
    s, e = graph.nodes[start], graph.nodes[end_node]
    accounts = {graph.nodes[n]["account"] for n in chain}
    sentence = " -> ".join(
        [graph.nodes[start]["name"]]
        + [f"[{st['method']}] {graph.nodes[st['to']]['name']}" for st in steps]
    )
    if end_node.endswith(ADMIN):
        sentence += " (administrator of its own account)"
    return {
        "path_id": hashlib.sha1("|".join(chain).encode()).hexdigest()[:12],
        "start": start,
        "start_type": s["kind"],
        "start_name": s["name"],
        "start_account": s["account"],
        "end": end,
        "end_name": e["name"],
        "target_account": e["account"],
        "target_account_name": names.get(e["account"], e["account"]),
        "hops": len(steps),
        "methods": json.dumps([st["method"] for st in steps]),
        "steps": json.dumps(steps),
        "cross_account": len(accounts - {""}) > 1 or s["kind"] == "outside",
        "conditional": any(st["conditional"] for st in steps),
        "detail": sentence,
    }


OUTSIDE_COLUMNS = {
    "role": "string",
    "role_name": "string",
    "account_id": "string",
    "outsider": "string",
    "outsider_account": "string",
    "conditional": "boolean",
    "highest_level": pd.CategoricalDtype(["admin", "write", "read", "list"], ordered=True),
    "write_services": "string",
    "account_admin": "boolean",
}


def outside_trust(inv: Inventory, graph: nx.DiGraph | None = None) -> pd.DataFrame:
    """One row per (role, principal outside the Organization that its trust lets in), with the
    strongest access level the role holds and the services it can change: write, tagging or
    permissions-management actions allowed with no condition, leaving out those whose name says
    they read (AWS files a few Get and List actions under Write)."""
    graph = escalation_graph(inv) if graph is None else graph
    model = model_of(inv)
    trusted = {
        role
        for node, kind in graph.nodes(data="kind")
        if kind == "outside"
        for role in graph.successors(node)
    }
    held = frame_of(model, graph, [model.principals[r] for r in sorted(trusted)])
    names = catalogue.actions()
    rows = []
    for outsider, data in graph.nodes(data=True):
        if data["kind"] != "outside":
            continue
        for role in graph.successors(outsider):
            # Admin and write rows count only when some action changes resources by name too.
            mine = held[held["principal"] == role]
            mine = mine[(mine["changing"] > 0) | ~mine["level"].isin(["admin", "write"])]
            certain = permissions(model, model.principals[role]).certain
            changing = {
                names[i].partition(":")[0] for i in certain if catalogue.changes_resources(i)
            }
            rows.append(
                {
                    "role": role,
                    "role_name": graph.nodes[role]["name"],
                    "account_id": graph.nodes[role]["account"],
                    "outsider": outsider,
                    "outsider_account": data["account"] or "*",
                    "conditional": bool(graph.edges[outsider, role]["conditional"]),
                    "highest_level": mine["level"].min() if len(mine) else None,
                    "write_services": json.dumps(sorted(changing)),
                    "account_admin": bool(graph.nodes[role]["admin"]),
                }
            )
    frame = pd.DataFrame(rows, columns=list(OUTSIDE_COLUMNS)).astype(OUTSIDE_COLUMNS)
    return frame.sort_values(["account_id", "role", "outsider"], ignore_index=True)
