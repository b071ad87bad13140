from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import SET_UP_CLI, TABLE, best_per_region, recorder_names, recorder_problems

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="AWS Config is not enabled in all regions",
    severity="medium",
    service="config",
    resource_type="AWS::::Account",
    tables=[TABLE],
    description="In this account and region no AWS Config recorder is on that records every "
    "supported resource type and delivers to a delivery channel (its last recording attempt "
    "not failed); or no region read of the account records global resources (IAM). One result "
    "per account and region. AWS Config is per account: an organization aggregator or a "
    "delegated administrator records nothing itself, so no member passes centrally.",
    risk="Changes to resources in the region go unrecorded: no configuration history for "
    "investigations, audits or drift detection, and AWS Config rules and Security Hub "
    "controls have nothing to evaluate.",
    remediation="In every region of every account, create a recorder recording all supported "
    "resource types (global resources in one region), a delivery channel to an S3 bucket "
    "(the log archive's), and start recording; AWS Organizations and CloudFormation StackSets "
    "(or Control Tower) can do it for every account.",
    remediation_cli=SET_UP_CLI,
)
def config_recorder_not_enabled(inv: Inventory) -> pd.DataFrame:
    r = inv[TABLE]
    has, ok, problems = recorder_problems(r)
    named = recorder_names(r)
    bucket = r["delivery_bucket"].fillna(r["delivery_channel_name"]).astype("string")
    good = named + ": records all supported resource types, delivers to " + bucket
    none = pd.Series("no configuration recorder in this region", index=r.index, dtype="string")
    regional = none.where(~has, (named + ": " + problems).where(~ok, good))
    best = best_per_region(r, ok, has)
    global_regions = (
        r[ok & r["include_global_resource_types"].fillna(False)]
        .groupby("account_id")["region"]
        .agg(lambda v: ", ".join(sorted(v)))
        .astype("string")
    )
    where_global = best["account_id"].map(global_regions).astype("string")
    unread = set(inv.gaps([TABLE])["account_id"])  # "*": every account
    blind = best["account_id"].isin(unread) | ("*" in unread)
    no_global = where_global.isna() & ~blind
    note = ("; global resources recorded in " + where_global).fillna(
        no_global.map({True: "; no region read records global resources (IAM)", False: ""})
    )
    detail = regional[best.index] + note
    failed = ~ok[best.index] | no_global
    return evaluate(best, failed, best["account_id"], detail)
