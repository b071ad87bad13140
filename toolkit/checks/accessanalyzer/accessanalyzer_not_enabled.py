from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

TABLE = "accessanalyzer.analyzers"
#: The analyzers of external access (the others find unused or internal access).
EXTERNAL = ("ACCOUNT", "ORGANIZATION")


@check(
    title="IAM Access Analyzer is not enabled in the region",
    severity="medium",
    service="accessanalyzer",
    resource_type="AWS::::Account",
    tables=[TABLE],
    description="No active external access analyzer covers the account in this region: "
    "neither one of its own nor one of its organization (one result per account and region).",
    risk="Resources shared outside the account or organization (buckets, keys, roles, queues) "
    "in the region go unnoticed: no finding is raised when a policy opens them up.",
    remediation="Create an external access analyzer in every region: one with the organization "
    "as zone of trust from the management account or the delegated administrator, or one per "
    "account.",
    remediation_cli="aws accessanalyzer create-analyzer --region {region} "
    "--analyzer-name external-access --type ACCOUNT",
)
def accessanalyzer_not_enabled(inv: Inventory) -> pd.DataFrame:
    a = inv[TABLE]
    units = _units(inv, a)
    here = units["account_id"] + " " + units["region"]
    live = a[(a["status"] == "ACTIVE").fillna(False) & a["type"].isin(EXTERNAL)]
    own = _lookup(here, live["name"] + " (" + live["type"] + ")", live, by_account=True)
    org = live[live["type"] == "ORGANIZATION"]
    by_org = _lookup(units["region"], org["arn"] + " in " + org["account_id"], org)
    by_org = by_org.where(units["account_id"].isin(_members(inv, a)))
    others = a.drop(live.index)
    label = others["name"] + " (" + others["type"] + ", " + others["status"] + ")"
    seen = _lookup(here, label, others, by_account=True)
    detail = ("no active external access analyzer in " + units["region"]) + (
        "; analyzers there: " + seen
    ).fillna("")
    detail = detail.where(by_org.isna(), "covered by the organization analyzer " + by_org)
    detail = detail.where(own.isna(), "active analyzer " + own)
    covered = own.notna() | by_org.notna()
    keep = covered | ~_blind(inv, units)
    units = units[keep]
    return evaluate(units, ~covered[keep], units["account_id"], detail[keep].astype(object))


def _units(inv: Inventory, a: pd.DataFrame) -> pd.DataFrame:
    """Every (account, region) of the collection: its accounts by its regions, and any pair
    the table has rows for."""
    meta = getattr(inv, "meta", {}) or {}
    pairs = {
        (str(account), str(region))
        for account in meta.get("accounts") or []
        for region in meta.get("regions") or []
    }
    pairs |= set(zip(a["account_id"].astype(str), a["region"].astype(str), strict=True))
    ordered = sorted(pairs)
    return pd.DataFrame(
        {
            "account_id": pd.Series([p[0] for p in ordered], dtype="string"),
            "region": pd.Series([p[1] for p in ordered], dtype="string"),
        }
    )


def _lookup(
    keys: pd.Series, values: pd.Series, frame: pd.DataFrame, by_account: bool = False
) -> pd.Series:
    """For each key, ``values`` of its region (or 'account region') sorted and comma-joined;
    NA where there are none."""
    group = frame["account_id"] + " " + frame["region"] if by_account else frame["region"]
    joined = values.groupby(group).agg(lambda v: ", ".join(sorted(v.dropna().astype(str))))
    return keys.map(joined).astype("string")


def _members(inv: Inventory, a: pd.DataFrame) -> set[str]:
    """The accounts an organization analyzer covers: the organization's (organizations.accounts,
    when collected), else every account of the collection."""
    if "organizations.accounts" in inv.tables:
        members = set(inv["organizations.accounts"]["id"].dropna().astype(str))
    else:
        meta = getattr(inv, "meta", {}) or {}
        members = {str(account) for account in meta.get("accounts") or []}
        members |= set(a["account_id"].dropna().astype(str))
    holders = a.loc[a["type"] == "ORGANIZATION", "account_id"].dropna().astype(str)
    return members | set(holders)


def _blind(inv: Inventory, units: pd.DataFrame) -> pd.Series:
    """The (account, region)s whose analyzers could not be read ("*": every one)."""
    gaps = inv.gaps([TABLE])
    blind = set(zip(gaps["account_id"].astype(str), gaps["region"].astype(str), strict=True))
    return pd.Series(
        [
            any(ga in (account, "*") and gr in (region, "*", "global") for ga, gr in blind)
            for account, region in zip(units["account_id"], units["region"], strict=True)
        ],
        index=units.index,
        dtype=bool,
    )
