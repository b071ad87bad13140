"""run_checks: every check over the inventory, as one findings DataFrame.

One row per (check, resource) evaluated, status PASS or FAIL (MUTED where a mute matches), and
ERROR rows where an input table is missing or could not be read for an (account, region): a
reader can always tell "clean" from "not looked at".

``skip_unused=True`` leaves out the findings on resources nothing uses: a table with an
``in_use`` column says, for the resource its first key column names (``ec2.vpcs``: ``vpc_id``),
whether anything uses it; a finding of a check that reads that table is left out when its
``resource_id`` is such a resource, of the same account and region, with ``in_use`` False.
The runner knows no service: any table (a plugin's too) opts in by declaring ``in_use``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import UsageError
from .base import SEVERITIES, Check, select
from .mutes import Mute, load_mutes

if TYPE_CHECKING:
    from ..inventory import Inventory

STATUSES = ("FAIL", "ERROR", "MUTED", "PASS")
FINDINGS_COLUMNS = [
    "check_id",
    "title",
    "severity",
    "status",
    "service",
    "account_id",
    "region",
    "resource_id",
    "resource_arn",
    "detail",
    "remediation",
    "frameworks",
]
SEVERITY_DTYPE = pd.CategoricalDtype(list(reversed(SEVERITIES)), ordered=True)
STATUS_DTYPE = pd.CategoricalDtype(list(STATUSES), ordered=False)


def run_checks(
    inventory: Inventory,
    checks: Iterable[str] | str | None = None,
    mutes: str | Path | list[dict[str, Any]] | list[Mute] | None = None,
    *,
    today: dt.date | None = None,
    skip_unused: bool = False,
) -> pd.DataFrame:
    """Findings: one row per (check, resource); severity is an ordered categorical.

    ``skip_unused``: leave out findings on resources whose ``in_use`` is False (default
    VPCs, groups and ACLs nothing runs in); without it they are evaluated, their detail says
    "unused"."""
    chosen = select(checks)
    mute_list = _mutes(mutes)
    today = today or dt.date.today()
    unused = _unused(inventory, chosen) if skip_unused else {}
    parts = [_run_one(entry, inventory, unused) for entry in chosen]
    # Columns become strings once, over the whole frame: per check, it was most of the time.
    findings = pd.concat(parts, ignore_index=True).astype(_TEXT) if parts else _empty()
    findings = _apply_mutes(findings, [m for m in mute_list if not m.expired(today)])
    findings["severity"] = findings["severity"].astype(SEVERITY_DTYPE)
    findings["status"] = findings["status"].astype(STATUS_DTYPE)
    findings = findings.sort_values(
        ["severity", "check_id", "account_id", "region", "resource_id"],
        ascending=[False, True, True, True, True],
        ignore_index=True,
    )
    findings.attrs["expired_mutes"] = [m.__dict__ for m in mute_list if m.expired(today)]
    return findings


Unused = dict[str, set[tuple[str, str, str]]]


def _unused(inventory: Inventory, chosen: list[Check]) -> Unused:
    """Per table the chosen checks read that declares ``in_use``: the (account, region,
    resource id) of its rows with in_use False. A table that declares the column but lacks it
    in this inventory (an older snapshot, or collected with fewer columns) is refused: the
    option would silently keep everything."""
    from ..collectors import REGISTRY as TABLES

    read = dict.fromkeys(t for entry in chosen for t in entry.tables if t in inventory.tables)
    unused: Unused = {}
    lacking = []
    for name in read:
        table = TABLES.get(name)
        if table is None or "in_use" not in table.dtypes or not table.key:
            continue
        frame = inventory[name]
        if "in_use" not in frame.columns:
            lacking.append(name)
            continue
        rows = frame[frame["in_use"].astype("boolean").eq(False).fillna(False)]
        ids = rows[table.key[0]]
        unused[name] = set(zip(rows["account_id"], rows["region"], ids, strict=True))
    if lacking:
        raise UsageError(
            f"Cannot skip unused resources: this inventory's {', '.join(lacking)} has no "
            "in_use column (a snapshot from before it, or collected without it); collect "
            "again with it, or run the checks without skip_unused."
        )
    return unused


def _without_unused(entry: Check, result: pd.DataFrame, unused: Unused) -> pd.DataFrame:
    """``result`` without the rows on a resource an input table of the check says unused."""
    skipped: set[tuple[str, str, str]] = set()
    for name in entry.tables:
        skipped |= unused.get(name, set())
    if not skipped or result.empty:
        return result
    keys = zip(result["account_id"], result["region"], result["resource_id"], strict=True)
    return result[[key not in skipped for key in keys]]


def _run_one(entry: Check, inventory: Inventory, unused: Unused | None = None) -> pd.DataFrame:
    missing = [t for t in entry.tables if t not in inventory.tables]
    if missing:
        return _rows(
            entry,
            pd.DataFrame(
                {
                    "account_id": [None],
                    "region": [None],
                    "resource_id": [None],
                    "resource_arn": [None],
                    "detail": [f"not evaluated: table {', '.join(missing)} was not collected"],
                    "status": ["ERROR"],
                }
            ),
        )
    evaluated = _without_unused(entry, entry(inventory), unused or {})
    result = evaluated.assign(status=evaluated["failed"].map({True: "FAIL", False: "PASS"}))
    gaps = inventory.gaps(entry.tables) if len(inventory.errors) else ()
    if len(gaps):
        # Nothing read there, so nothing there may pass: drop PASS rows and name the gap.
        # "*" (a whole account, region or endpoint that failed) stands for every one.
        blind = set(zip(gaps["account_id"], gaps["region"], strict=True))
        accounts_blind = {a for a, r in blind if r in ("global", "*")}
        regions_blind = {r for a, r in blind if a == "*"}
        covered = [
            (a, r) in blind or a in accounts_blind or r in regions_blind or "*" in regions_blind
            for a, r in zip(result["account_id"], result["region"], strict=True)
        ]
        result = result[~(pd.Series(covered, index=result.index) & (result["status"] == "PASS"))]
        gap_rows = pd.DataFrame(
            {
                "account_id": gaps["account_id"].to_numpy(),
                "region": gaps["region"].to_numpy(),
                "resource_id": None,
                "resource_arn": None,
                "detail": [
                    f"not evaluated: {t} could not be read ({c}: {m})"
                    for t, c, m in zip(
                        gaps["table"], gaps["error_code"], gaps["message"], strict=True
                    )
                ],
                "status": "ERROR",
            }
        )
        result = pd.concat([result, gap_rows], ignore_index=True)
    return _rows(entry, result)


def _rows(entry: Check, result: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "check_id": entry.check_id,
            "title": entry.title,
            "severity": entry.severity,
            "status": result["status"].to_numpy(),
            "service": entry.service,
            "account_id": result["account_id"].to_numpy(),
            "region": result["region"].to_numpy(),
            "resource_id": result["resource_id"].to_numpy(),
            "resource_arn": result["resource_arn"].to_numpy(),
            "detail": result["detail"].to_numpy(),
            "remediation": entry.remediation,
            "frameworks": entry.framework_text,
        },
        columns=FINDINGS_COLUMNS,
    )
    return frame


def findings_as_text(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings with severity and status as text: categories need not match across runs, and
    DuckDB would make them ENUMs that compare by position."""
    return findings.astype({c: "string" for c in ("severity", "status") if c in findings})


def with_severity_order(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its severity column (if any) the ordered categorical ``run_checks`` gives."""
    if "severity" in frame:
        frame["severity"] = frame["severity"].astype("string").astype(SEVERITY_DTYPE)
    return frame


#: The findings' text columns (all but severity and status, which are categoricals).
_TEXT = {c: "string" for c in FINDINGS_COLUMNS if c not in ("severity", "status")}


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="string") for c in FINDINGS_COLUMNS})


def _mutes(mutes: Any) -> list[Mute]:
    if mutes is None:
        return []
    if isinstance(mutes, list) and all(isinstance(m, Mute) for m in mutes):
        return list(mutes)
    return load_mutes(mutes)


def _apply_mutes(findings: pd.DataFrame, mutes: list[Mute]) -> pd.DataFrame:
    if not mutes or findings.empty:
        return findings
    failed = findings["status"] == "FAIL"
    muted = pd.Series(False, index=findings.index)
    for mute in mutes:
        hit = failed.copy()
        if mute.check != "*":
            hit &= findings["check_id"] == mute.check
        if mute.account != "*":
            hit &= findings["account_id"] == mute.account
        if mute.region != "*":
            hit &= findings["region"] == mute.region
        hit &= findings["resource_id"].fillna("").str.match(mute.matcher())
        muted |= hit.fillna(False)
    findings = findings.copy()
    findings.loc[muted, "status"] = "MUTED"
    findings.loc[muted, "detail"] = findings.loc[muted, "detail"].fillna("") + " (muted)"
    return findings
