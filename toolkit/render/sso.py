"""The Identity Center access map: groups and users, the permission sets they hold, and the
accounts those sets open.

Every account assignment is drawn as principal -> permission set -> account. A permission set
is drawn once per account it is used on (node ``<account id>/<ps-id>``, inside the
account's box ``<account id>``), so the picture never suggests access that was not granted.
Principals are ``user/<id>`` and ``group/<id>``; a dotted edge joins a user to each group
drawn that they belong to (beyond ``SSO_MEMBERS_PER_GROUP`` members, one ``N members`` node).

Read it for one account (``account_id=``: who can get in here?), for one principal
(``principal=``: where can this group go? For a user: directly and through their groups), or
whole. In the whole view of more than ``SSO_FOLD_ACCOUNTS`` accounts, accounts whose
assignments are identical (same principals, same permission sets) share one box ("37 accounts").
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..accounts import account_choice, account_label, account_names, find_account
from ..errors import UsageError
from .findings import mark
from .graph import Cluster, Edge, Graph, Node, join_limited, plural
from .result import RenderResult

if TYPE_CHECKING:
    from ..inventory import Inventory

#: A group with more members than this shows them as one "N members" node.
SSO_MEMBERS_PER_GROUP = 8
#: In the whole view of more accounts than this, accounts with identical assignments share a box.
SSO_FOLD_ACCOUNTS = 25

ASSIGNMENTS = "sso.account_assignments"


def sso_access(
    inv: Inventory,
    account_id: str | None = None,
    principal: str | None = None,
    findings: pd.DataFrame | None = None,
    *,
    members: bool = True,
) -> RenderResult:
    """Who can use which permission set on which account.

    ``account_id``: one account (id or name). ``principal``: one user or group (id, user name
    or group name; ``user:NAME`` or ``group:NAME`` when a user and a group share a name).
    ``members``: draw the users of each group drawn. ``findings``: mark principals, permission
    sets, accounts and assignments (edges) with their failing Identity Center checks.
    """
    graph = build(inv, account_id=account_id, principal=principal, members=members)
    mark(graph, findings, services=["sso"])
    return RenderResult(graph)


def build(
    inv: Inventory,
    *,
    account_id: str | None = None,
    principal: str | None = None,
    members: bool = True,
) -> Graph:
    if ASSIGNMENTS not in inv.tables:
        raise UsageError(
            f"The inventory has no {ASSIGNMENTS}; collect the sso service from the management "
            "account (toolkit collect --services sso,organizations)."
        )
    a = inv[ASSIGNMENTS].drop_duplicates(
        ["target_account_id", "permission_set_arn", "principal_type", "principal_id"]
    )
    names = account_names(inv)
    users = _table(inv, "sso.users", ["user_id", "user_name", "display_name"])
    groups = _table(inv, "sso.groups", ["group_id", "display_name", "member_count"])
    memberships = _table(inv, "sso.group_memberships", ["group_id", "user_id", "user_name"])
    title = "Identity Center access"
    focus_user: str | None = None
    focus: tuple[str, str, str] | None = None
    if account_id is not None:
        account_id = _resolve_account(account_id, a, names)
        a = a[a["target_account_id"] == account_id]
        title = f"Who can get into {_account_label(account_id, names, one_line=True)}"
    if principal is not None:
        kind, pid, pname = _resolve_principal(principal, inv[ASSIGNMENTS], users, groups)
        focus = (kind, pid, pname)
        ids = {pid}
        if kind == "USER":
            focus_user = pid
            ids |= set(memberships.loc[memberships["user_id"] == pid, "group_id"].astype(str))
        a = a[a["principal_id"].isin(ids)]
        where = "go" if kind == "GROUP" else "get in"
        title = f"Where can {kind.lower()} {pname} {where}" + (
            f" in {_account_label(account_id, names, one_line=True)}" if account_id else ""
        )
    a = a.sort_values(
        ["target_account_id", "permission_set_name", "principal_type", "principal_id"]
    )
    graph = Graph(f"{title}: {plural(len(a), 'assignment')}", direction="LR", kind="sso")
    boxes = _boxes(a, names, fold=account_id is None and principal is None)
    for box_id, accounts in boxes.items():
        label = _box_label(accounts, names)
        graph.add_cluster(
            Cluster(
                box_id, label=label.split("\n")[0], kind="account", data={"account_ids": accounts}
            )
        )
        graph.add_node(
            Node(
                box_id,
                label=label,
                kind="account" if len(accounts) == 1 else "accounts",
                cluster=box_id,
                resources=tuple(accounts),
                count=len(accounts),
                data={
                    "account_ids": accounts,
                    "name": names.get(accounts[0]) if len(accounts) == 1 else None,
                },
                order="9",
            )
        )
    box_of = {acct: box for box, accounts in boxes.items() for acct in accounts}
    if account_id is not None and account_id not in box_of:
        graph.add_cluster(
            Cluster(account_id, label=names.get(account_id, account_id), kind="account")
        )
        graph.add_node(
            Node(
                account_id,
                _account_label(account_id, names),
                "account",
                cluster=account_id,
                data={"account_ids": [account_id]},
            )
        )
        graph.notes.append("No one is assigned on this account")
    _principals(graph, a, users, groups)
    if focus is not None:
        display = dict(zip(users["user_id"].astype(str), users["display_name"], strict=True))
        _add_principal(graph, focus[0], focus[1], focus[2], True, None, display.get(focus[1]))
    for row in a.itertuples():
        box = box_of[str(row.target_account_id)]
        pset_id = f"{box}/{str(row.permission_set_arn).rsplit('/', 1)[-1]}"
        if pset_id not in graph.nodes:
            graph.add_node(
                Node(
                    pset_id,
                    label=str(row.permission_set_name or row.permission_set_arn),
                    kind="permission_set",
                    cluster=box,
                    resources=(str(row.permission_set_arn),),
                    data={
                        "permission_set_arn": str(row.permission_set_arn),
                        "permission_set_name": row.permission_set_name,
                        "account_ids": boxes[box],
                    },
                    order=str(row.permission_set_name or ""),
                )
            )
            graph.add_edge(Edge(pset_id, box, kind="access"))
        principal_node = _principal_id(str(row.principal_type), str(row.principal_id))
        assignment_ids = tuple(_assignment_id(acct, row) for acct in boxes[box])
        graph.add_edge(Edge(principal_node, pset_id, kind="assignment", resources=assignment_ids))
    if members:
        _members(graph, memberships, users, focus_user)
    return graph


def _table(inv: Inventory, name: str, columns: list[str]) -> pd.DataFrame:
    if name in inv.tables:
        return inv[name]
    return pd.DataFrame({c: pd.Series(dtype="string") for c in columns})


def _resolve_account(wanted: str, a: pd.DataFrame, names: dict[str, str]) -> str:
    known = set(a["target_account_id"].astype(str)) | set(names)
    found = find_account(wanted, known, names)
    if found is not None:
        return found
    choices = ", ".join(account_choice(i, names) for i in sorted(known)[:30])
    raise UsageError(
        f"No account {wanted!r} in this inventory's Identity Center assignments or "
        f"organization; choose an account id or name: {choices or 'none collected'}."
    )


def _resolve_principal(
    wanted: str, a: pd.DataFrame, users: pd.DataFrame, groups: pd.DataFrame
) -> tuple[str, str, str]:
    """(USER|GROUP, id, name) of a principal given by id, name, or user:/group: name."""
    kind_wanted, _, name = (
        wanted.partition(":") if wanted.startswith(("user:", "group:")) else ("", "", wanted)
    )
    candidates: dict[tuple[str, str], str] = {}
    for uid, uname in zip(users["user_id"], users["user_name"], strict=True):
        candidates[("USER", str(uid))] = str(uname) if isinstance(uname, str) else str(uid)
    for gid, gname in zip(groups["group_id"], groups["display_name"], strict=True):
        candidates[("GROUP", str(gid))] = str(gname) if isinstance(gname, str) else str(gid)
    for ptype, pid, pname in zip(
        a["principal_type"], a["principal_id"], a["principal_name"], strict=True
    ):
        candidates.setdefault(
            (str(ptype), str(pid)), str(pname) if isinstance(pname, str) else str(pid)
        )
    found = [
        (kind, pid, pname)
        for (kind, pid), pname in sorted(candidates.items())
        if (name in (pid, pname)) and kind_wanted.upper() in ("", kind)
    ]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise UsageError(
            f"Both a user and a group are named {wanted!r}; say user:{name} or group:{name}."
        )
    listed = sorted(f"{k.lower()}:{n}" for (k, _), n in candidates.items())
    raise UsageError(
        f"No user or group {wanted!r} in this inventory's Identity Center; choose one of: "
        f"{', '.join(listed[:30]) or 'none collected'}{' ...' if len(listed) > 30 else ''}."
    )


def _account_label(account: str, names: dict[str, str], *, one_line: bool = False) -> str:
    if one_line:
        return account_label(account, names)
    name = names.get(account)
    return f"{name}\n{account}" if name else account


def _boxes(a: pd.DataFrame, names: dict[str, str], *, fold: bool) -> dict[str, list[str]]:
    """Box id -> the accounts it holds: one box per account, or (whole view of many accounts)
    one per set of accounts with identical assignments."""
    accounts = sorted(set(a["target_account_id"].astype(str)))
    if not fold or len(accounts) <= SSO_FOLD_ACCOUNTS:
        return {acct: [acct] for acct in accounts}
    pairs = (
        a["principal_type"].astype(str)
        + ":"
        + a["principal_id"].astype(str)
        + "@"
        + a["permission_set_arn"].astype(str)
    )
    signature = pairs.groupby(a["target_account_id"].astype(str)).agg(
        lambda s: "\n".join(sorted(s))
    )
    boxes: dict[str, list[str]] = {}
    for sig, group in signature.groupby(signature, sort=True):
        members = sorted(group.index)
        if len(members) == 1:
            boxes[members[0]] = members
        else:
            digest = hashlib.sha1(str(sig).encode()).hexdigest()[:10]
            boxes[f"accounts-{digest}"] = members
    return dict(sorted(boxes.items()))


def _box_label(accounts: list[str], names: dict[str, str]) -> str:
    if len(accounts) == 1:
        return _account_label(accounts[0], names)
    shown = [names.get(a, a) for a in accounts]
    return f"{plural(len(accounts), 'account')} with the same access\n" + join_limited(shown, 4)


def _principal_id(ptype: str, pid: str) -> str:
    return f"{ptype.lower()}/{pid}"


def _assignment_id(account: str, row: Any) -> str:
    """ACCOUNT/PERMISSION_SET_NAME/TYPE/NAME, as the sso checks name an assignment."""
    pset = row.permission_set_name
    pset = pset if isinstance(pset, str) else str(row.permission_set_arn)
    name = row.principal_name
    name = name if isinstance(name, str) else str(row.principal_id)
    return f"{account}/{pset}/{row.principal_type}/{name}"


def _principals(graph: Graph, a: pd.DataFrame, users: pd.DataFrame, groups: pd.DataFrame) -> None:
    counts = dict(zip(groups["group_id"].astype(str), groups["member_count"], strict=True))
    display = dict(zip(users["user_id"].astype(str), users["display_name"], strict=True))
    seen = a.drop_duplicates(["principal_type", "principal_id"])
    for row in seen.itertuples():
        ptype, pid = str(row.principal_type), str(row.principal_id)
        exists = bool(row.principal_exists) if pd.notna(row.principal_exists) else True
        name = row.principal_name if isinstance(row.principal_name, str) else None
        _add_principal(graph, ptype, pid, name, exists, counts.get(pid), display.get(pid))


def _add_principal(
    graph: Graph,
    ptype: str,
    pid: str,
    name: str | None,
    exists: bool,
    member_count: object = None,
    display_name: object = None,
) -> str:
    node_id = _principal_id(ptype, pid)
    if node_id in graph.nodes:
        return node_id
    kind = "group" if ptype == "GROUP" else "user"
    if not exists:
        label = f"deleted {kind}\n{pid}"
    elif kind == "group":
        count = f"\n{plural(int(member_count), 'member')}" if pd.notna(member_count) else ""
        label = f"{name or pid}\ngroup{count}"
    else:
        full = f"\n{display_name}" if isinstance(display_name, str) and display_name != name else ""
        label = f"{name or pid}{full}"
    graph.add_node(
        Node(
            node_id,
            label=label,
            kind=kind,
            resources=(pid,),
            data={"principal_type": ptype, "principal_id": pid, "name": name, "exists": exists},
            order=f"{kind}{(name or pid).lower()}",
        )
    )
    return node_id


def _members(
    graph: Graph, memberships: pd.DataFrame, users: pd.DataFrame, focus_user: str | None
) -> None:
    drawn_groups = [n for n in graph.sorted_nodes() if n.kind == "group"]
    display = dict(zip(users["user_id"].astype(str), users["display_name"], strict=True))
    by_group = {str(g): m for g, m in memberships.groupby("group_id", sort=True)}
    for group in drawn_groups:
        rows = by_group.get(group.data["principal_id"])
        if rows is None or rows.empty:
            continue
        rows = rows.sort_values(["user_name", "user_id"], na_position="last")
        if focus_user is not None:
            rows = rows[rows["user_id"] == focus_user]
        if len(rows) > SSO_MEMBERS_PER_GROUP:
            node = Node(
                f"{group.id}/members",
                label=f"{plural(len(rows), 'member')}\n"
                + join_limited(
                    [
                        n if isinstance(n, str) else i
                        for n, i in zip(rows["user_name"], rows["user_id"], strict=True)
                    ],
                    3,
                    ", ",
                ),
                kind="users",
                resources=tuple(rows["user_id"].astype(str)),
                count=len(rows),
                data={
                    "user_ids": list(rows["user_id"].astype(str)),
                    "group_id": group.data["principal_id"],
                },
            )
            graph.add_node(node)
            graph.add_edge(Edge(node.id, group.id, kind="member"))
            continue
        for uid, uname in zip(rows["user_id"].astype(str), rows["user_name"], strict=True):
            name = uname if isinstance(uname, str) else None
            user = _add_principal(
                graph, "USER", uid, name, name is not None, None, display.get(uid)
            )
            graph.add_edge(Edge(user, group.id, kind="member"))
