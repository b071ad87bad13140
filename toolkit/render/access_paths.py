"""The paths-to-administrator diagram: every chain of steps ``toolkit.access.paths_to_admin``
found, drawn as principals boxed by account, one arrow per step labelled with its method.

Nodes are the principals the paths go through (IAM users and roles, Identity Center users and
their permission-set sessions, principals outside the Organization), with the escalation graph's
own ids (ARNs, ``sso:SET@ACCOUNT``, ``sso-user:NAME``). Each account is a box; outsiders share
one box. The administrators the paths reach are drawn with a double border; a step that holds
only under a policy condition is dashed. A step that makes a principal administrator of its own
account (a policy attached to itself) is a loop on that principal.

Drawn from the paths table alone (no inventory needed: the steps name their principals), so a
saved table draws the same picture; given the inventory, accounts are labelled by name.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..accounts import account_label, account_names
from ..errors import UsageError
from .graph import Cluster, Edge, Graph, Node, plural
from .result import RenderResult

if TYPE_CHECKING:
    from ..inventory import Inventory

#: The columns of ``paths_to_admin`` the drawing reads.
PATH_COLUMNS = (
    "start",
    "start_type",
    "start_name",
    "start_account",
    "end",
    "end_name",
    "target_account",
    "target_account_name",
    "steps",
)
#: How each principal kind of the escalation graph is drawn: node kind (icon) and caption.
PRINCIPAL_KINDS = {
    "user": ("iam_user", "IAM user"),
    "role": ("iam_role", "IAM role"),
    "sso_user": ("sso_user", "Identity Center user"),
    "sso_session": ("sso_session", "permission set"),
    "outside": ("outside", "outside the Organization"),
}
OUTSIDE_BOX = "outside"
NO_PATH = "No path to administrator was found"


def access_paths(
    paths: pd.DataFrame,
    inv: Inventory | None = None,
    *,
    account_id: str | None = None,
    inline: str = "svg",
) -> RenderResult:
    """Draw ``toolkit.access.paths_to_admin(inv)``: who can become administrator, and how.

    ``inv``: names the accounts (else the paths' own ``target_account_name``). ``account_id``:
    only the paths that reach administrator of that account. ``inline``: ``png`` for reports
    whose HTML must carry the picture as one image."""
    missing = [c for c in PATH_COLUMNS if c not in paths.columns]
    if missing:
        raise UsageError(
            f"The paths table lacks {', '.join(missing)}; pass the DataFrame "
            "toolkit.access.paths_to_admin(inventory) returns."
        )
    if account_id is not None:
        paths = paths[paths["target_account"] == account_id]
    names = dict(zip(paths["target_account"], paths["target_account_name"], strict=True))
    if inv is not None:
        names.update(account_names(inv))
    return RenderResult(build(paths, names, account_id=account_id), inline=inline)


def build(paths: pd.DataFrame, names: dict[str, str], *, account_id: str | None = None) -> Graph:
    """The graph of the paths: principals in account boxes, one edge per distinct step."""
    principals: dict[str, tuple[str, str, str]] = {}
    rows = paths.sort_values(["start", "end"]).to_dict("records") if len(paths) else []
    steps: list[dict[str, Any]] = []
    for row in rows:
        if row["start_type"] != "sso_session":
            principals[str(row["start"])] = (
                str(row["start_type"]),
                str(row["start_name"]),
                _text(row["start_account"]),
            )
        for step in json.loads(row["steps"]):
            steps.append(step)
            for end in (step["from"], step["to"]):
                principals.setdefault(str(end), describe(str(end)))
        kind, name, _ = principals.get(str(row["end"]), describe(str(row["end"])))
        if kind != "sso_session":  # its id names the permission set; the box, the account
            name = str(row["end_name"])
        principals[str(row["end"])] = (kind, name, _text(row["target_account"]))
    admins = {str(r["end"]) for r in rows}
    starts = {str(r["start"]) for r in rows}
    where = f" of {names.get(account_id, account_id)}" if account_id else ""
    title = f"Paths to administrator{where}: " + (
        f"{plural(len(rows), 'path')} from {plural(len(starts), 'principal')}" if rows else "none"
    )
    graph = Graph(title, direction="LR", kind="access_paths")
    for node_id in sorted(principals):
        kind, name, account = principals[node_id]
        _add_principal(graph, node_id, kind, name, account, names, admin=node_id in admins)
    for step in steps:
        conditional = bool(step.get("conditional"))
        graph.add_edge(
            Edge(
                str(step["from"]),
                str(step["to"]),
                kind="escalation_conditional" if conditional else "escalation",
                label=str(step["method"]),
                data={"method": step["method"], "conditional": conditional},
            )
        )
    if rows:
        graph.notes.append(
            "Double border: administrator reached; dashed: the step holds only under a condition"
        )
    else:
        graph.notes.append(NO_PATH + (f" to {names.get(account_id, account_id)}" if where else ""))
    return graph


def describe(node_id: str) -> tuple[str, str, str]:
    """(kind, name, account) of an escalation-graph node, read from its id alone."""
    if node_id.startswith("sso-user:"):
        return "sso_user", node_id.removeprefix("sso-user:"), ""
    if node_id.startswith("sso:"):
        name, _, account = node_id.removeprefix("sso:").rpartition("@")
        return "sso_session", name, account
    parts = node_id.split(":", 5)
    if len(parts) == 6 and parts[0] == "arn":
        account, resource = parts[4], parts[5]
        kind, _, rest = resource.partition("/")
        if kind in ("user", "role") and rest:
            return kind, rest.rsplit("/", 1)[-1], account
        return "outside", node_id, account
    return "outside", "anyone" if node_id == "*" else node_id, ""


def _text(value: object) -> str:
    return str(value) if isinstance(value, str) else ""


def _add_principal(
    graph: Graph,
    node_id: str,
    kind: str,
    name: str,
    account: str,
    names: dict[str, str],
    *,
    admin: bool,
) -> None:
    drawn, caption = PRINCIPAL_KINDS.get(kind, PRINCIPAL_KINDS["outside"])
    if kind == "outside" or not account:
        box = OUTSIDE_BOX if kind == "outside" else None
        if box and box not in graph.clusters:
            graph.add_cluster(Cluster(box, label="Outside the Organization", kind="outside"))
    else:
        box = f"account-{account}"
        if box not in graph.clusters:
            named = {account: names[account]} if names.get(account, account) != account else {}
            label = account_label(account, named)
            graph.add_cluster(Cluster(box, label=label, kind="account", data={"account": account}))
    lines = [name, caption]
    if admin:
        lines.append("administrator")
    graph.add_node(
        Node(
            node_id,
            label="\n".join(lines),
            kind=drawn,
            cluster=box,
            data={
                "principal_type": kind,
                "name": name,
                "account": account,
                "admin": admin,
                "highlight": "admin" if admin else None,
            },
            order=f"{'1' if admin else '0'}{name.lower()}",
        )
    )
