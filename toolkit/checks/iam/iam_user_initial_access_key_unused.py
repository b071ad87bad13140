from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import USER, is_true, reasons, report_users

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="IAM user with a console password has an access key never used",
    severity="low",
    service="iam",
    resource_type=USER,
    tables=["iam.credential_report"],
    description="The user has a console password and an active access key that has never been "
    "used: the sign of a key made by default at user setup rather than on need.",
    risk="Unneeded long-lived keys widen the attack surface and tend to be forgotten.",
    remediation="Delete access keys that were made at setup and never used; make keys only "
    "when the user needs programmatic access.",
    remediation_cli="aws iam delete-access-key --user-name {resource_id} "
    "--access-key-id ACCESS_KEY_ID",
)
def iam_user_initial_access_key_unused(inv: Inventory) -> pd.DataFrame:
    r = report_users(inv)
    console = is_true(r["password_enabled"])
    key_1 = is_true(r["access_key_1_active"]) & r["access_key_1_last_used_date"].isna()
    key_2 = is_true(r["access_key_2_active"]) & r["access_key_2_last_used_date"].isna()
    detail = reasons(
        r.index,
        (console & key_1, "console user's access key 1 never used"),
        (console & key_2, "console user's access key 2 never used"),
        ok="no unused access key on a console user",
    )
    return evaluate(r, console & (key_1 | key_2), r["user"], detail, r["arn"])
