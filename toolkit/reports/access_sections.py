"""The building blocks of the ``access`` report: who can get into each account and how, the
paths to administrator, the roles trusted from outside the Organization, and the gaps.

Each function takes what ``toolkit.access`` returns (``effective``, ``paths_to_admin``,
``outside_trust``, ``gaps``) and gives a DataFrame, a sentence or a figure, so the notebook
stays one line per cell and what the report says is tested here.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from ..accounts import account_names
from ..inventory import Inventory
from ..render.graph import plural
from .sections import figure_html

#: Tables the report collects beyond what ``toolkit.access`` models: functions (a role a
#: function runs as is one step away) and the resource policies ``who_can`` reads.
EXTRA_TABLES = ("lambda.functions", "s3.buckets", "kms.keys", "sqs.queues", "sns.topics")
#: Levels that change an account: their holders are the ones who can "get in" in earnest.
CHANGING = ("admin", "write")


def tables() -> list[str]:
    """The tables the report collects (those this installation has collectors for): a demo
    or live run reads a few dozen tables, not the whole estate."""
    from ..access.model import TABLES
    from ..collectors import REGISTRY

    return [name for name in (*TABLES, *EXTRA_TABLES) if name in REGISTRY]


def accounts(inventory: Inventory, held: pd.DataFrame) -> list[tuple[str, str]]:
    """(account id, name) of every account of the scope or with access in it, by name."""
    names = account_names(inventory)
    ids = {str(a) for a in inventory.meta.get("accounts", [])} | set(names)
    ids |= set(held["account_id"].dropna().astype(str))
    return sorted(((a, names.get(a, a)) for a in ids), key=lambda p: (p[1].lower(), p[0]))


def judged(held: pd.DataFrame) -> pd.DataFrame:
    """``held`` with admin and write rows whose actions all only read by name (Get, List...)
    counted as read: ReadOnlyAccess holds a few reading actions AWS files under Write."""
    if held.empty or "changing" not in held:
        return held
    reads = held["level"].isin(CHANGING) & (held["changing"].fillna(0) == 0)
    level = held["level"].mask(reads, "read")
    return held.assign(level=level.astype(held["level"].dtype))


def overview(inventory: Inventory, held: pd.DataFrame) -> pd.DataFrame:
    """Per account, how many principals hold each strongest level: administrators, those who
    can change something (write), those who can only read or list."""
    strongest = _strongest(judged(held))
    rows = []
    for account_id, name in accounts(inventory, held):
        mine = strongest[strongest["account_id"] == account_id]
        level = mine["level"].astype(str)
        rows.append(
            {
                "account": name,
                "account_id": account_id,
                "administrators": int(mine["account_admin"].sum()),
                "admin": int((level == "admin").sum()),
                "write": int((level == "write").sum()),
                "read or list": int(level.isin(["read", "list"]).sum()),
                "from other accounts": int((mine["principal_account"] != account_id).sum()),
            }
        )
    return pd.DataFrame(rows).set_index("account") if rows else pd.DataFrame()


def holders(held: pd.DataFrame, account_id: str) -> pd.DataFrame:
    """Who can change ``account_id``: one row per principal holding admin or write access
    there, strongest first, with the services it can change and how it gets in (``via``)."""
    held = judged(held)
    mine = held[(held["account_id"] == account_id) & held["level"].isin(CHANGING)]
    columns = ["principal", "type", "from account", "strongest level", "administrator"]
    columns += ["changes", "conditional", "via"]
    if mine.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for _, group in mine.groupby("principal", sort=False):
        first = group.iloc[0]
        services = sorted(set(group["service"].astype(str)))
        shown = ", ".join(services[:6]) + (
            f" +{len(services) - 6} more" if len(services) > 6 else ""
        )
        rows.append(
            {
                "principal": first["principal_name"],
                "type": first["principal_type"],
                "from account": first["principal_account"],
                "strongest level": group["level"].min(),
                "administrator": bool(group["account_admin"].any()),
                "changes": f"{plural(len(services), 'service')}: {shown}",
                "conditional": bool(group["conditional"].all()),
                "via": "; ".join(sorted(set(group["via"].dropna().astype(str)))),
            }
        )
    frame = pd.DataFrame(rows, columns=columns)
    frame["strongest level"] = frame["strongest level"].astype(held["level"].dtype)
    order = ["administrator", "strongest level", "principal"]
    frame = frame.sort_values(order, ascending=[False, True, True])
    return frame.reset_index(drop=True)


def holders_text(held: pd.DataFrame, account_id: str, name: str) -> str:
    """One sentence per account: how many administrators and writers it has."""
    table = holders(held, account_id)
    if table.empty:
        return f"No principal can change {name}: nobody holds write or admin access there."
    admins = int(table["administrator"].sum())
    return (
        f"{plural(len(table), 'principal')} can change {name}; "
        f"{plural(admins, 'is an administrator', 'are administrators')}."
    )


def access_chart(inventory: Inventory, held: pd.DataFrame) -> Any:
    """Principals per account by their strongest level (a matplotlib Figure, embedded as PNG)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    table = overview(inventory, held)
    levels = {"admin": "#7b0000", "write": "#d62728", "read or list": "#7f7f7f"}
    figure, axes = plt.subplots(figsize=(7, 0.45 * max(len(table), 2) + 1.2))
    left = pd.Series(0, index=table.index)
    for level, colour in levels.items():
        values = table[level] if len(table) else left
        axes.barh(list(table.index), values, left=left, color=colour, label=level)
        left = left + values
    axes.invert_yaxis()
    axes.set_xlabel("principals")
    axes.set_title("Who can get into each account, by strongest access")
    axes.legend(loc="lower right")
    figure.tight_layout()
    plt.close(figure)
    return figure


def access_chart_html(inventory: Inventory, held: pd.DataFrame) -> str:
    """The chart as an embedded PNG ``<img>``: the exported report carries it, offline."""
    return figure_html(access_chart(inventory, held))


def paths_text(paths: pd.DataFrame) -> str:
    """The paths to administrator in one sentence; says so plainly when there is none."""
    if paths.empty:
        return (
            "No path to administrator was found: no principal that is not an administrator "
            "can make itself one or act as one, with what the inventory shows."
        )
    starts = paths["start"].nunique()
    targets = paths["target_account"].nunique()
    text = (
        f"{plural(len(paths), 'path')} from {plural(starts, 'principal')} reach administrator "
        f"in {plural(targets, 'account')}"
    )
    cross = int(paths["cross_account"].fillna(False).sum())
    conditional = int(paths["conditional"].fillna(False).sum())
    return f"{text}; {cross} cross an account boundary, {conditional} hold only under a condition."


def paths_table(paths: pd.DataFrame) -> pd.DataFrame:
    """The paths for readers: who, which account they reach, how many steps, and the steps."""
    columns = {
        "start_name": "principal",
        "start_type": "type",
        "start_account": "from account",
        "target_account_name": "administrator of",
        "end_name": "as",
        "hops": "steps",
        "methods": "methods",
        "conditional": "conditional",
        "detail": "path",
    }
    table = paths[list(columns)].rename(columns=columns)
    table["methods"] = [", ".join(json.loads(m)) for m in paths["methods"]]
    return table.reset_index(drop=True)


def outside_text(outside: pd.DataFrame) -> str:
    """The roles principals outside the Organization can assume, in one sentence."""
    if outside.empty:
        return "No role trusts a principal outside the Organization."
    admins = int(outside["account_admin"].fillna(False).sum())
    return (
        f"{plural(outside['role'].nunique(), 'role')} in "
        f"{plural(outside['account_id'].nunique(), 'account')} can be assumed from outside "
        f"the Organization ({plural(outside['outsider'].nunique(), 'outside principal')}); "
        f"{plural(admins, 'is an administrator', 'are administrators')}."
    )


def outside_table(inventory: Inventory, outside: pd.DataFrame) -> pd.DataFrame:
    """Each role trusted from outside: its account by name, who, and what the role can do."""
    names = account_names(inventory)
    table = pd.DataFrame(
        {
            "role": outside["role_name"],
            "account": [names.get(a, a) for a in outside["account_id"]],
            "trusted principal": outside["outsider"],
            "conditional": outside["conditional"],
            "strongest access": outside["highest_level"].astype("string").fillna("none"),
            "changes": [", ".join(json.loads(w)) or "-" for w in outside["write_services"]],
            "administrator": outside["account_admin"],
        }
    )
    return table.reset_index(drop=True)


def gaps_markdown(gaps: list[str]) -> str:
    """The gaps of the analysis as a Markdown list (a gap is not looked at, never clean)."""
    if not gaps:
        return "None: every table the analysis reads was there, and every policy had its document."
    return "\n".join(f"- {gap}" for gap in gaps)


def _strongest(held: pd.DataFrame) -> pd.DataFrame:
    """One row per (account, principal): its strongest level there, and whether it is admin."""
    if held.empty:
        return pd.DataFrame(
            columns=["account_id", "principal", "principal_account", "level", "account_admin"]
        )
    grouped = held.groupby(["account_id", "principal"], observed=True, sort=True)
    return grouped.agg(
        principal_account=("principal_account", "first"),
        level=("level", "min"),
        account_admin=("account_admin", "any"),
    ).reset_index()
