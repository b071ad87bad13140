"""The Organizations chart: the root, nested OUs, accounts (name, id, email) and the SCPs
attached to each.

Each OU is a box (cluster ``<ou id>``) headed by its own node (``<ou id>``); its accounts
(nodes ``<account id>``) and inner OUs sit inside. Service control policies are nodes
``<policy id>`` with a dashed edge to every root, OU or account they are attached to; AWS's own
FullAWSAccess, attached everywhere by default, is left out unless ``aws_managed_scps=True``.

Large organizations stay legible:

* an OU with more than ``ORG_FOLD_ACCOUNTS`` accounts of its own shows them as one node
  (``<ou id>/accounts``, "37 accounts");
* a chart of more than ``ORG_SUMMARY_ACCOUNTS`` accounts is a summary: the OU tree, each OU
  with its number of accounts (own and below), the management account, and the SCPs on the root
  and OUs. ``result.pages()`` then gives one page per OU that has accounts of its own
  (``org_chart(inv, ou=...)``): that OU's accounts one by one, in a grid, and its inner OUs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import UsageError
from .findings import mark
from .graph import Cluster, Edge, Graph, Node, flag, plural
from .result import RenderResult

if TYPE_CHECKING:
    from ..inventory import Inventory

#: An OU with more accounts of its own than this shows them as one "N accounts" node.
ORG_FOLD_ACCOUNTS = 12
#: A chart of more accounts than this is a summary (OU tree with counts) plus per-OU pages.
ORG_SUMMARY_ACCOUNTS = 120
#: An OU's box with more accounts than this lays them out as a grid (about twice as many rows
#: as columns, the nodes being wider than tall).
ORG_GRID_AFTER = 4
#: A chart with more OUs without inner OUs than this is drawn left to right, not top down.
ORG_TB_MAX_LEAVES = 8

REQUIRED = ("organizations.accounts", "organizations.organizational_units", "organizations.roots")


def org_chart(
    inv: Inventory,
    findings: pd.DataFrame | None = None,
    *,
    ou: str | None = None,
    summary: bool | None = None,
    aws_managed_scps: bool = False,
) -> RenderResult:
    """The organization as nested boxes: root, OUs, accounts, attached SCPs.

    ``ou``: draw only this OU (id, name or path such as ``Root/Workloads``) and what is below
    it, every account of its own shown (a page of a large organization). ``summary``: force
    (True) or prevent (False) the summary view; by default a chart of more than
    ``ORG_SUMMARY_ACCOUNTS`` accounts is summarized. ``findings`` (from ``run_checks``): each
    account, OU and SCP is marked with its FAIL findings, an account with all of its own.
    """
    tree = _Tree(inv)
    start = tree.root_id if ou is None else tree.resolve_ou(ou)
    graph = build(tree, start, summary=summary, aws_managed_scps=aws_managed_scps)
    mark(graph, findings, by_account=True)
    folded = list(graph.pages)

    def pages() -> dict[str, RenderResult]:
        return {
            ou_id: org_chart(
                inv, findings, ou=ou_id, summary=summary, aws_managed_scps=aws_managed_scps
            )
            for ou_id in folded
        }

    return RenderResult(graph, pages=pages if folded else None)


class _Tree:
    """The organization's tables, indexed: OUs by parent, accounts by parent."""

    def __init__(self, inv: Inventory) -> None:
        missing = [t for t in REQUIRED if t not in inv.tables]
        if missing:
            raise UsageError(
                f"The inventory has no {', '.join(missing)}; collect the organizations service "
                "from the management account (toolkit collect --services organizations "
                "--accounts organization)."
            )
        roots = inv["organizations.roots"].drop_duplicates("id")
        ous = inv["organizations.organizational_units"].drop_duplicates("id")
        accounts = inv["organizations.accounts"].drop_duplicates("id")
        if roots.empty:
            raise UsageError(
                "The inventory holds no organization root; collect it from the management "
                "account (toolkit collect --services organizations)."
            )
        self.root_id = str(sorted(roots["id"].astype(str))[0])
        self.root_name = str(roots.set_index("id")["name"].get(self.root_id) or "Root")
        self.ous = ous.set_index("id", drop=False).sort_index()
        self.accounts = accounts.sort_values(["name", "id"], na_position="last")
        self.children: dict[str, list[str]] = {}
        for parent, child in sorted(zip(ous["parent_id"], ous["id"], strict=True)):
            self.children.setdefault(str(parent), []).append(str(child))
        self.accounts_of: dict[str, pd.DataFrame] = {
            str(parent): group for parent, group in self.accounts.groupby("parent_id", sort=True)
        }
        self.policies = (
            inv["organizations.policies"].drop_duplicates("id")
            if "organizations.policies" in inv.tables
            else None
        )
        self.targets = (
            inv["organizations.policy_targets"].drop_duplicates(["policy_id", "target_id"])
            if "organizations.policy_targets" in inv.tables
            else None
        )

    def name(self, container: str) -> str:
        if container == self.root_id:
            return self.root_name
        return str(self.ous.at[container, "name"])

    def resolve_ou(self, wanted: str) -> str:
        if wanted in self.ous.index or wanted == self.root_id:
            return wanted
        by_path = self.ous[self.ous["path"] == wanted]
        by_name = self.ous[self.ous["name"] == wanted]
        found = by_path if len(by_path) else by_name
        if len(found) == 1:
            return str(found.index[0])
        if len(found) > 1:
            raise UsageError(
                f"More than one OU is named {wanted!r} ({', '.join(sorted(found['path']))}); "
                "name it by id or by path."
            )
        known = ", ".join(
            f"{p} ({i})" for i, p in sorted(zip(self.ous.index, self.ous["path"], strict=True))
        )
        raise UsageError(
            f"No OU {wanted!r} in this organization; choose an OU id, name or path: "
            f"{known or 'it has no OU'}."
        )

    def subtree(self, start: str) -> list[str]:
        """The containers (root or OUs) from ``start`` down, parents before children."""
        order, level = [], [start]
        while level:
            order.extend(level)
            level = [c for parent in level for c in self.children.get(parent, [])]
        return order

    def direct(self, container: str) -> pd.DataFrame:
        return self.accounts_of.get(container, self.accounts.iloc[0:0])

    def totals(self, containers: list[str]) -> dict[str, int]:
        """Accounts in each container and below."""
        total = {c: len(self.direct(c)) for c in containers}
        for container in reversed(containers):
            for child in self.children.get(container, []):
                total[container] += total.get(child, 0)
        return total

    def ancestors(self, container: str) -> list[str]:
        chain = []
        while container != self.root_id and container in self.ous.index:
            container = str(self.ous.at[container, "parent_id"])
            chain.append(container)
        return chain


def build(
    tree: _Tree, start: str, *, summary: bool | None = None, aws_managed_scps: bool = False
) -> Graph:
    containers = tree.subtree(start)
    totals = tree.totals(containers)
    is_summary = totals[start] > ORG_SUMMARY_ACCOUNTS if summary is None else summary
    title = "Organization" if start == tree.root_id else f"OU {tree.name(start)} ({start})"
    leaves = sum(1 for c in containers if not tree.children.get(c))
    graph = Graph(
        f"{title}: {plural(totals[start], 'account')}",
        direction="TB" if leaves <= ORG_TB_MAX_LEAVES else "LR",
        kind="org",
    )
    shown_accounts: set[str] = set()
    for container in containers:
        is_root = container == tree.root_id
        parent = None if container == start else _parent(tree, container)
        accounts = tree.direct(container)
        label = _container_label(tree, container, totals[container], len(accounts), is_summary)
        graph.add_cluster(
            Cluster(
                container,
                label="" if is_root else tree.name(container),
                kind="root" if is_root else "ou",
                parent=parent,
                anchor=container,
                grid=_grid(len(accounts), graph.direction),
                data={"path": _path(tree, container)},
            )
        )
        # A page of an OU always draws that OU's own accounts, one by one.
        own_page = container == start and start != tree.root_id
        fold = not own_page and (is_summary or len(accounts) > ORG_FOLD_ACCOUNTS)
        management = accounts[accounts["is_management"].fillna(False).astype(bool)]
        members = tuple(accounts.loc[~accounts["id"].isin(management["id"]), "id"].astype(str))
        graph.add_node(
            Node(
                container,
                label=label,
                kind="root" if is_root else "ou",
                cluster=container,
                # In a summary, the OU's own accounts' findings land on the OU.
                resources=(container, *members) if is_summary else (container,),
                data={
                    "name": tree.name(container),
                    "path": _path(tree, container),
                    "accounts": totals[container],
                    "direct_accounts": len(accounts),
                },
                order="0",
            )
        )
        if fold and len(accounts):
            if not is_summary or len(accounts) > len(management):
                graph.pages.append(container)
            rest = accounts[~accounts["id"].isin(management["id"])] if is_summary else accounts
            if not is_summary:
                graph.add_node(_folded(container, rest))
                shown_accounts.update(rest["id"].astype(str))
            for row in management.itertuples():
                graph.add_node(_account(row, container))
                shown_accounts.add(str(row.id))
        else:
            for row in accounts.itertuples():
                graph.add_node(_account(row, container))
                shown_accounts.add(str(row.id))
    _scps(tree, graph, containers, shown_accounts, aws_managed_scps, is_summary)
    if start != tree.root_id:
        _inherited(tree, graph, start, aws_managed_scps)
    if graph.pages:
        graph.notes.append(
            f"Accounts of {plural(len(graph.pages), 'OU')} are counted, not drawn: "
            "result.pages() or org_chart(inv, ou=OU_ID) draws each"
        )
    return graph


def _grid(count: int, direction: str) -> int | None:
    """How many accounts a chain of the grid holds: a column top down, a row left to right."""
    if count <= ORG_GRID_AFTER:
        return None
    rows = math.ceil(math.sqrt(2 * count))
    return rows if direction == "TB" else max(1, math.ceil(count / rows))


def _parent(tree: _Tree, container: str) -> str:
    return str(tree.ous.at[container, "parent_id"])


def _path(tree: _Tree, container: str) -> str:
    if container == tree.root_id:
        return "Root"
    return str(tree.ous.at[container, "path"])


def _container_label(tree: _Tree, container: str, total: int, direct: int, summary: bool) -> str:
    head = f"{tree.name(container)}\n{container}"
    if summary or direct > ORG_FOLD_ACCOUNTS:
        below = total - direct
        extra = f" ({direct} own, {below} below)" if below and direct else ""
        return f"{head}\n{plural(total, 'account')}{extra}"
    return head


def _account(row: Any, container: str) -> Node:
    name = getattr(row, "name", None)
    name = str(name) if isinstance(name, str) else str(row.id)
    email = getattr(row, "email", None)
    status = getattr(row, "status", None)
    management = flag(getattr(row, "is_management", None))
    lines = [f"{name} (management)" if management else name, str(row.id)]
    if isinstance(email, str):
        lines.append(email)
    if isinstance(status, str) and status != "ACTIVE":
        lines.append(status)
    return Node(
        str(row.id),
        label="\n".join(lines),
        kind="account",
        cluster=container,
        data={
            "name": name,
            "email": email if isinstance(email, str) else None,
            "parent_id": container,
            "status": status if isinstance(status, str) else None,
            "is_management": management,
        },
        order=f"1{name.lower()}",
    )


def _folded(container: str, accounts: pd.DataFrame) -> Node:
    ids = tuple(accounts["id"].astype(str))
    return Node(
        f"{container}/accounts",
        label=f"{plural(len(ids), 'account')}\norg_chart(inv, ou='{container}')",
        kind="accounts",
        cluster=container,
        resources=ids,
        count=len(ids),
        data={"account_ids": list(ids), "parent_id": container},
        order="1",
    )


def _scps(
    tree: _Tree,
    graph: Graph,
    containers: list[str],
    shown_accounts: set[str],
    aws_managed: bool,
    summary: bool,
) -> None:
    if tree.policies is None or tree.targets is None:
        graph.notes.append("Service control policies were not collected")
        return
    policies = tree.policies
    if not aws_managed:
        policies = policies[~policies["aws_managed"].fillna(False).astype(bool)]
    targets = tree.targets[tree.targets["policy_id"].isin(policies["id"])]
    folded_into = {
        account: node.id
        for node in graph.nodes.values()
        if node.kind == "accounts"
        for account in node.data["account_ids"]
    }
    in_scope = set(containers)
    counted = _accounts_in(tree, containers) - shown_accounts if summary else set(folded_into)
    attachments: dict[str, list[str]] = {}
    on_accounts: dict[str, int] = {}
    for policy_id, target in zip(targets["policy_id"], targets["target_id"], strict=True):
        policy_id, target = str(policy_id), str(target)
        if target in in_scope or target in shown_accounts:
            node = folded_into.get(target, target)
            attachments.setdefault(policy_id, []).append(node)
        elif target in counted:
            on_accounts[policy_id] = on_accounts.get(policy_id, 0) + 1
    whole_org = containers[0] == tree.root_id
    for row in policies.sort_values("id").itertuples():
        policy_id = str(row.id)
        placed = sorted(set(attachments.get(policy_id, [])))
        if not placed and not on_accounts.get(policy_id) and not whole_org:
            continue
        lines = [str(row.name), policy_id]
        if on_accounts.get(policy_id) and summary:
            lines.append(f"also on {plural(on_accounts[policy_id], 'account')}")
        if not placed and not on_accounts.get(policy_id):
            lines.append("not attached")
        graph.add_node(
            Node(
                policy_id,
                "\n".join(lines),
                "scp",
                data={"name": str(row.name)},
                order=str(row.name),
            )
        )
        for target in placed:
            graph.add_edge(Edge(policy_id, target, kind="scp"))


def _accounts_in(tree: _Tree, containers: list[str]) -> set[str]:
    return {str(a) for c in containers for a in tree.direct(c)["id"]}


def _inherited(tree: _Tree, graph: Graph, start: str, aws_managed: bool) -> None:
    if tree.policies is None or tree.targets is None:
        return
    above = tree.ancestors(start)
    policies = tree.policies
    if not aws_managed:
        policies = policies[~policies["aws_managed"].fillna(False).astype(bool)]
    names: Mapping[str, str] = dict(zip(policies["id"], policies["name"], strict=True))
    rows = tree.targets[
        tree.targets["target_id"].isin(above) & tree.targets["policy_id"].isin(names)
    ]
    if len(rows):
        text = ", ".join(
            sorted(
                f"{names[p]} (on {tree.name(str(t))})"
                for p, t in zip(rows["policy_id"], rows["target_id"], strict=True)
            )
        )
        graph.notes.append(f"SCPs inherited from above: {text}")
