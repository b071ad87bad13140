from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import ACCOUNT, PASSWORD_POLICY_CLI, is_true

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Account has no IAM password policy",
    severity="medium",
    service="iam",
    resource_type=ACCOUNT,
    tables=["iam.password_policy"],
    description="No custom password policy is set: IAM users' console passwords follow AWS's "
    "default (8 characters, no reuse prevention).",
    risk="Users can choose short, guessable or reused passwords.",
    remediation="Set a password policy: at least 14 characters, all character classes, 24 "
    "passwords remembered.",
    remediation_cli=PASSWORD_POLICY_CLI,
)
def iam_password_policy_missing(inv: Inventory) -> pd.DataFrame:
    p = inv["iam.password_policy"]
    configured = is_true(p["configured"])
    detail = configured.map({True: "password policy set", False: "no password policy"})
    return evaluate(p, ~configured, p["account_id"], detail)
