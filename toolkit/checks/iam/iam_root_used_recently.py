from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ...collectors.iam import ROOT_USER
from ..base import check, evaluate
from ._shared import ACCOUNT, as_of, is_true

if TYPE_CHECKING:
    from ...inventory import Inventory

#: CIS 1.7: root user activity within this many days of the collection fails.
ROOT_USE_WINDOW_DAYS = 90


def _report_root(inv: Inventory) -> pd.DataFrame:
    r = inv["iam.credential_report"]
    return r[is_true(r["user"] == ROOT_USER)]


@check(
    title="Root user was used recently",
    severity="medium",
    service="iam",
    resource_type=ACCOUNT,
    tables=["iam.credential_report"],
    description=f"The credential report shows the root user's password or an access key used "
    f"within {ROOT_USE_WINDOW_DAYS} days of the collection.",
    risk="Daily or administrative work as root escapes every IAM policy and exposes the one "
    "credential that cannot be restricted.",
    remediation="Use IAM roles (Identity Center) for administration; keep the root user for the "
    "few tasks that require it, and find out who used it and why.",
)
def iam_root_used_recently(inv: Inventory) -> pd.DataFrame:
    r = _report_root(inv)
    used = ["password_last_used", "access_key_1_last_used_date", "access_key_2_last_used_date"]
    days = (as_of(inv) - r[used].max(axis=1)).dt.days
    recent = is_true(days <= ROOT_USE_WINDOW_DAYS)
    detail = ("last used " + days.astype("Int64").astype(str) + " days ago").where(
        days.notna(), "no use recorded"
    )
    return evaluate(r, recent, r["account_id"], detail, r["arn"])
