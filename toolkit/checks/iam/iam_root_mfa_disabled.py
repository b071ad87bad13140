from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import ACCOUNT, is_true

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Root user has no MFA",
    severity="critical",
    service="iam",
    resource_type=ACCOUNT,
    tables=["iam.account_summary"],
    description="The account's root user has no MFA device (AccountMFAEnabled is 0).",
    risk="The root user, which no policy can restrict, is protected by a password alone.",
    remediation="Sign in as the root user and assign an MFA device (a hardware key preferably) "
    "under Security credentials; root MFA cannot be set through the API.",
)
def iam_root_mfa_disabled(inv: Inventory) -> pd.DataFrame:
    s = inv["iam.account_summary"]
    mfa = is_true(s["root_mfa_enabled"])
    detail = mfa.map({True: "root MFA enabled", False: "root MFA not enabled"})
    return evaluate(s, ~mfa, s["account_id"], detail, "arn:aws:iam::" + s["account_id"] + ":root")
