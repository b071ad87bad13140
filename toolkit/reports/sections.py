"""The building blocks of the report notebooks: each returns a DataFrame, text or a figure.

Notebook cells stay one line each (``sections.top_risks(findings)``), so what a report says is
tested here, in plain Python, and the notebooks only arrange it.
"""

from __future__ import annotations

import base64
import io
from typing import Any

import pandas as pd

from ..accounts import account_names
from ..checks.base import SEVERITIES
from ..inventory import Inventory

FAILING = ("FAIL",)


def coverage(inventory: Inventory) -> pd.DataFrame:
    """What was looked at: accounts, regions, tables, rows, API calls and the number of gaps."""
    meta = inventory.meta
    facts = {
        "accounts": len(meta.get("accounts", [])),
        "regions": ", ".join(meta.get("regions", [])),
        "tables": len(inventory.tables),
        "rows": int(sum(len(frame) for frame in inventory.values())),
        "api_calls": meta.get("api_calls_total", 0),
        "collected": meta.get("finished", meta.get("started", "")),
        "gaps": len(inventory.errors),
    }
    return pd.DataFrame({"value": [str(v) for v in facts.values()]}, index=list(facts))


def gaps_text(inventory: Inventory) -> str:
    """One sentence on the gaps, for readers who skip tables."""
    if inventory.errors.empty:
        return "No gaps: every table was read in every account and region of the scope."
    errors = inventory.errors
    whole = errors[errors["table"] == "*"]  # an account, region or endpoint stopped whole
    tables = errors.loc[errors["table"] != "*", "table"].nunique()
    text = f"{len(errors)} parts could not be read"
    if len(whole):
        text += f" ({len(whole)} of them a whole account, region or service endpoint"
        text += f", and {tables} single tables)" if tables else ")"
    else:
        text += f" ({tables} tables in {errors['account_id'].nunique()} accounts)"
    return text + "; their checks report ERROR, not PASS. Details below."


def gaps(inventory: Inventory) -> pd.DataFrame:
    """One row per (account, region, table) that could not be read, with AWS's answer."""
    columns = ["account_id", "region", "table", "error_code", "message"]
    return inventory.errors[columns].sort_values(columns[:3], ignore_index=True)


def severity_counts(findings: pd.DataFrame) -> pd.DataFrame:
    """FAIL, MUTED and ERROR counts per severity, most severe first, every severity shown."""
    table = pd.crosstab(findings["severity"], findings["status"])
    for status in ("FAIL", "MUTED", "ERROR", "PASS"):
        if status not in table:
            table[status] = 0
    table = table.reindex(list(SEVERITIES), fill_value=0)[["FAIL", "MUTED", "ERROR", "PASS"]]
    table.index = table.index.astype(str)
    table.index.name = "severity"
    table.columns.name = None
    return table.astype(int)


def severity_chart(findings: pd.DataFrame) -> Any:
    """A bar chart of FAILs by severity (a matplotlib Figure; shown inline, embedded in HTML)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    counts = severity_counts(findings)["FAIL"]
    colours = ["#7b0000", "#d62728", "#ff7f0e", "#f2c12e", "#7f7f7f"]
    figure, axes = plt.subplots(figsize=(6, 2.6))
    axes.barh(counts.index[::-1], counts.to_numpy()[::-1], color=colours[::-1])
    for y, value in enumerate(counts.to_numpy()[::-1]):
        axes.text(value, y, f" {value}", va="center")
    axes.set_xlabel("failing resources")
    axes.set_title("Findings by severity")
    figure.tight_layout()
    plt.close(figure)
    return figure


def figure_png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()


def figure_html(figure: Any) -> str:
    encoded = base64.b64encode(figure_png(figure)).decode()
    return f'<img alt="chart" src="data:image/png;base64,{encoded}"/>'


def top_risks(findings: pd.DataFrame, limit: int = 10) -> pd.DataFrame:
    """The worst problems in plain words: one line per check, most severe and widest first."""
    failed = findings[findings["status"] == "FAIL"]
    if failed.empty:
        return pd.DataFrame(columns=["severity", "risk", "resources", "accounts", "example"])
    grouped = failed.groupby("check_id", observed=True).agg(
        severity=("severity", "max"),
        risk=("title", "first"),
        resources=("resource_id", "nunique"),
        accounts=("account_id", "nunique"),
        example=("resource_id", "first"),
    )
    grouped["rank"] = grouped["severity"].cat.codes
    ordered = grouped.sort_values(["rank", "resources"], ascending=[False, False])
    return ordered.drop(columns="rank").head(limit).reset_index(drop=True)


def by_service(findings: pd.DataFrame) -> pd.DataFrame:
    """FAILs per service and severity."""
    return _pivot(findings, "service")


def by_account(findings: pd.DataFrame) -> pd.DataFrame:
    """FAILs per account and severity."""
    return _pivot(findings, "account_id")


def _pivot(findings: pd.DataFrame, index: str) -> pd.DataFrame:
    failed = findings[findings["status"] == "FAIL"]
    table = pd.crosstab(failed[index], failed["severity"].astype(str))
    table = table.reindex(columns=list(SEVERITIES), fill_value=0)
    table["total"] = table.sum(axis=1)
    table.columns.name = None
    return table.sort_values("total", ascending=False)


def compliance_table(
    findings: pd.DataFrame, framework: str = "cis-3.0", *, services_seen_only: bool = False
) -> pd.DataFrame:
    """Every control of ``framework`` in the standard's order, judged from the findings:
    MANUAL, NO CHECK and NOT EVALUATED rows show what the checks do not settle, so the
    table answers for the whole standard (see ``toolkit.compliance``).

    ``services_seen_only``: only controls of services some check looks at (FSBP names its
    controls ``<Service>.<n>``; its 369 controls would bury a report otherwise)."""
    from ..checks import select
    from ..compliance import compliance

    table = compliance(findings, framework)
    if services_seen_only:
        services = {entry.service.rstrip("_").lower() for entry in select()}
        prefix = table["control_id"].str.split(".").str[0].str.lower()
        table = table[prefix.isin(services)].reset_index(drop=True)
    return table


def remediation_plan(findings: pd.DataFrame) -> pd.DataFrame:
    """What to fix, most severe first: one row per check with its resources and the fix."""
    from ..checks import REGISTRY

    failed = findings[findings["status"] == "FAIL"]
    if failed.empty:
        return pd.DataFrame(columns=["severity", "check_id", "resources", "remediation", "cli"])
    grouped = failed.groupby("check_id", observed=True).agg(
        severity=("severity", "max"),
        resources=("resource_id", lambda s: ", ".join(sorted(set(s.dropna()))[:5])),
        count=("resource_id", "nunique"),
        remediation=("remediation", "first"),
    )
    grouped["cli"] = [REGISTRY[c].remediation_cli if c in REGISTRY else "" for c in grouped.index]
    grouped["rank"] = grouped["severity"].cat.codes
    ordered = grouped.sort_values(["rank", "count"], ascending=[False, False]).drop(columns="rank")
    return ordered.reset_index()[
        ["severity", "check_id", "count", "resources", "remediation", "cli"]
    ]


def catalogue() -> pd.DataFrame:
    """Every check that ran: id, severity, service and frameworks."""
    from ..checks import select

    return pd.DataFrame(
        [
            {
                "check_id": c.check_id,
                "severity": c.severity,
                "service": c.service,
                "frameworks": c.framework_text,
                "title": c.title,
            }
            for c in sorted(select(), key=lambda c: (c.service, c.check_id))
        ]
    )


def muted(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings that mutes hid, with the mute noted in their detail."""
    rows = findings[findings["status"] == "MUTED"]
    return rows[["check_id", "account_id", "region", "resource_id", "detail"]].reset_index(
        drop=True
    )


def status_counts(findings: pd.DataFrame) -> dict[str, int]:
    """Counts per status: what `toolkit checks run` prints, to compare with."""
    counts = findings["status"].astype(str).value_counts()
    return {status: int(counts.get(status, 0)) for status in ("FAIL", "MUTED", "ERROR", "PASS")}


# -- documentation ----------------------------------------------------------------------------
def account_name(inventory: Inventory, account_id: str) -> str:
    """The account's name in the organization, else its id."""
    return account_names(inventory).get(account_id, account_id)


def accounts_table(inventory: Inventory) -> pd.DataFrame:
    """Every account of the organization: name, id, email, OU path, status."""
    accounts = inventory["organizations.accounts"]
    columns = ["name", "id", "email", "ou_path", "status", "is_management"]
    return accounts[columns].sort_values(["ou_path", "name"], ignore_index=True)


def assigned_accounts(inventory: Inventory) -> list[tuple[str, str]]:
    """(account id, name) of every account with an Identity Center assignment."""
    if "sso.account_assignments" not in inventory:
        return []
    ids = sorted(set(inventory["sso.account_assignments"]["target_account_id"].dropna()))
    return [(a, account_name(inventory, a)) for a in ids]


def assigned_groups(inventory: Inventory) -> list[str]:
    """Names of the groups that hold at least one assignment."""
    if "sso.account_assignments" not in inventory:
        return []
    a = inventory["sso.account_assignments"]
    groups = a.loc[
        (a["principal_type"] == "GROUP") & a["principal_exists"].fillna(False), "principal_name"
    ]
    return sorted(set(groups.dropna()))


def network_targets(inventory: Inventory) -> list[tuple[str, str]]:
    """(account, region) pairs with at least one VPC that is not a default VPC."""
    if "ec2.vpcs" not in inventory:
        return []
    vpcs = inventory["ec2.vpcs"]
    own = vpcs[~vpcs["is_default"].fillna(False)]
    return sorted(set(zip(own["account_id"], own["region"], strict=True)))


def inventory_accounts(inventory: Inventory) -> list[tuple[str, str]]:
    """(account id, name) of every account of the scope, or with rows in the inventory, by
    name: the accounts the documentation describes one by one."""
    ids = {str(a) for a in inventory.meta.get("accounts", [])}
    for frame in inventory.values():
        if "account_id" in frame:
            ids |= set(frame["account_id"].dropna().astype(str))
    named = [(a, account_name(inventory, a)) for a in ids]
    return sorted(named, key=lambda pair: (pair[1].lower(), pair[0]))


def _rows_per_account(inventory: Inventory) -> pd.DataFrame:
    """Rows per (service, table, account), every table of the inventory included."""
    parts = []
    for name in sorted(inventory.tables):
        frame = inventory[name]
        counts = (
            frame["account_id"].dropna().astype(str).value_counts()
            if "account_id" in frame
            else pd.Series(dtype=int)
        )
        service, _, short = name.partition(".")
        parts += [
            {"service": service, "table": short, "account_id": a, "rows": int(n)}
            for a, n in counts.items()
        ] or [{"service": service, "table": short, "account_id": None, "rows": 0}]
    return pd.DataFrame(parts, columns=["service", "table", "account_id", "rows"])


def services_by_account(inventory: Inventory) -> pd.DataFrame:
    """Resources (rows of every table) per service (rows) in each account (columns, by name):
    a service collected whose tables are empty everywhere shows zeros, not nothing."""
    counts = _rows_per_account(inventory)
    accounts = inventory_accounts(inventory)
    table = counts.pivot_table(
        index="service", columns="account_id", values="rows", aggfunc="sum", fill_value=0
    )
    table = table.reindex(columns=[a for a, _ in accounts], fill_value=0)
    table.columns = [name for _, name in accounts]
    table.columns.name = None
    return table.reindex(sorted(set(counts["service"]))).fillna(0).astype(int)


def account_services(inventory: Inventory, account_id: str) -> pd.DataFrame:
    """One account's resources by service: every table of the service with its rows in this
    account (``load_balancers 2, listeners 3``) and the service's total. Built from the
    inventory's tables, so a new table or service shows without editing the report."""
    counts = _rows_per_account(inventory)
    mine = counts[counts["account_id"] == account_id]
    rows = []
    for service in sorted(set(counts["service"])):
        tables = sorted(set(counts.loc[counts["service"] == service, "table"]))
        here = mine[mine["service"] == service].set_index("table")["rows"]
        per_table = {t: int(here.get(t, 0)) for t in tables}
        rows.append(
            {
                "service": service,
                "resources": sum(per_table.values()),
                "tables": ", ".join(f"{t} {n}" for t, n in per_table.items()),
            }
        )
    return pd.DataFrame(rows, columns=["service", "resources", "tables"]).set_index("service")


# -- the full findings list -------------------------------------------------------------------
#: The columns of the interactive findings list, in reading order.
FINDING_COLUMNS = [
    "severity",
    "status",
    "check_id",
    "service",
    "account_id",
    "region",
    "resource_id",
    "detail",
]


def findings_list(findings: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    """Every finding that is not a PASS (FAIL, ERROR, MUTED), most severe first, with the
    account's name beside its id: what a reader searches and filters. PASS rows are counted
    by ``pass_summary`` instead, so that 100,000 findings still make a page a browser opens."""
    rows = findings[findings["status"] != "PASS"]
    rows = rows.assign(_rank=rows["severity"].cat.codes).sort_values(
        ["_rank", "check_id", "account_id", "resource_id"],
        ascending=[False, True, True, True],
    )
    frame = rows[[c for c in FINDING_COLUMNS if c in rows]].reset_index(drop=True)
    frame = frame.astype({"severity": "string", "status": "string"})
    if names is not None:
        position = frame.columns.get_loc("account_id") + 1
        frame.insert(position, "account", frame["account_id"].map(names).fillna(""))
    return frame


def pass_summary(findings: pd.DataFrame) -> pd.DataFrame:
    """PASS findings counted per check and account (the passing resources themselves are in
    the findings file, not in the page)."""
    passed = findings[findings["status"] == "PASS"]
    counts = (
        passed.groupby(["check_id", "account_id"], observed=True)
        .size()
        .rename("passing")
        .reset_index()
    )
    return counts.sort_values(["check_id", "account_id"], ignore_index=True)
