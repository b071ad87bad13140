"""Findings on the picture: each item (node, edge or cluster) whose resources have FAIL
findings gets their count by severity, and the drawing colours it by the worst one.

An item names the resource ids it stands for (``Node.resources``: an account id, an ``sg-...``,
the instance ids of a collapsed node); a FAIL finding marks every item naming its
``resource_id``. The org chart also gathers an account's other findings (its buckets, users,
trails...) onto the account: ``by_account=True`` places a finding that names no drawn resource
on the account it was read from, except for organization-wide services, whose rows are all read
from the management account (they are placed only through the resource they name, or the account
an SSO assignment id starts with).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from .graph import SEVERITY_ORDER, Cluster, Edge, Graph, Node, severity_text

#: Services whose findings are all read from the management account, whatever they are about.
ORG_WIDE_SERVICES = frozenset({"organizations", "sso"})
_ACCOUNT_PREFIX = re.compile(r"^(\d{12})/")


def failed(
    findings: pd.DataFrame,
    *,
    account_id: str | None = None,
    region: str | None = None,
    services: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The FAIL rows (MUTED and ERROR rows are not risk on the picture), optionally for one
    account, one region (global rows included) or some services."""
    missing = {"status", "severity", "resource_id", "account_id"} - set(findings.columns)
    if missing:
        from ..errors import UsageError

        raise UsageError(
            f"The findings lack the column(s) {', '.join(sorted(missing))}; pass the "
            "DataFrame toolkit.run_checks(inventory) returns."
        )
    rows = findings[findings["status"].astype("string") == "FAIL"]
    if account_id is not None:
        rows = rows[rows["account_id"] == account_id]
    if region is not None and "region" in rows:
        rows = rows[rows["region"].isin([region, "global"]).fillna(False)]
    if services is not None and "service" in rows:
        rows = rows[rows["service"].isin(list(services)).fillna(False)]
    rows = rows[rows["resource_id"].notna()]
    return pd.DataFrame(
        {
            "resource_id": rows["resource_id"].astype(str).to_numpy(),
            "account_id": rows["account_id"].astype("string").to_numpy(),
            "service": (rows["service"] if "service" in rows else pd.Series("", index=rows.index))
            .astype("string")
            .to_numpy(),
            "severity": rows["severity"].astype(str).to_numpy(),
        }
    )


def mark(
    graph: Graph,
    findings: pd.DataFrame | None,
    *,
    account_id: str | None = None,
    region: str | None = None,
    services: Iterable[str] | None = None,
    by_account: bool = False,
) -> dict[str, int]:
    """Count FAIL findings onto the graph's items; returns the totals placed, by severity."""
    if findings is None:
        return {}
    rows = failed(findings, account_id=account_id, region=region, services=services)
    claims: dict[str, list[Node | Edge | Cluster]] = {}
    for item in graph.items():
        for resource in item.resources:
            claims.setdefault(resource, []).append(item)
    if by_account:
        rows = rows.assign(target=_owners(rows, claims))
    else:
        rows = rows.assign(target=rows["resource_id"])
    placed = rows[rows["target"].isin(list(claims))]
    counts = placed.groupby(["target", "severity"]).size()
    for (target, severity), count in counts.items():
        for item in claims[target]:
            item.findings[severity] = item.findings.get(severity, 0) + int(count)
    for item in graph.items():
        item.findings = {s: item.findings[s] for s in SEVERITY_ORDER if item.findings.get(s)}
    totals = placed["severity"].value_counts().to_dict()
    totals = {s: int(totals[s]) for s in SEVERITY_ORDER if totals.get(s)}
    marked = sum(1 for item in graph.items() if item.findings)
    if totals:
        graph.notes.append(
            f"Failing checks: {severity_text(totals)} on {marked} item(s); colour = worst "
            "severity (dark red critical, red high, orange medium, yellow low)"
        )
    else:
        graph.notes.append("Failing checks: none on what is drawn here")
    left = len(rows) - len(placed)
    if left:
        graph.notes.append(f"{left} other failing finding(s) concern resources not drawn here")
    return totals


def _owners(rows: pd.DataFrame, claims: dict[str, list[Node | Edge | Cluster]]) -> pd.Series:
    """Where each finding goes on an org chart: the resource it names if drawn, else the
    account an SSO assignment id starts with, else (for per-account services) its account."""
    resource = rows["resource_id"]
    drawn = resource.isin(list(claims))
    prefix = resource.str.extract(_ACCOUNT_PREFIX, expand=False)
    per_account = ~rows["service"].isin(list(ORG_WIDE_SERVICES)).fillna(False)
    fallback = prefix.where(prefix.notna(), rows["account_id"].where(per_account))
    return resource.where(drawn, fallback)
