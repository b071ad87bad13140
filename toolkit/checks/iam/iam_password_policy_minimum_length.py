from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import ACCOUNT, MIN_PASSWORD_LENGTH, PASSWORD_POLICY_CLI, is_true

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title=f"IAM password policy allows passwords shorter than {MIN_PASSWORD_LENGTH}",
    severity="medium",
    service="iam",
    resource_type=ACCOUNT,
    tables=["iam.password_policy"],
    description=f"The password policy's minimum length is below {MIN_PASSWORD_LENGTH}, or there "
    "is no policy (AWS's default minimum is 8).",
    risk="Short passwords fall to brute force and password spraying.",
    remediation=f"Set the minimum password length to {MIN_PASSWORD_LENGTH} or more.",
    remediation_cli=PASSWORD_POLICY_CLI,
)
def iam_password_policy_minimum_length(inv: Inventory) -> pd.DataFrame:
    p = inv["iam.password_policy"]
    configured = is_true(p["configured"])
    short = ~configured | is_true(p["minimum_length"].fillna(0) < MIN_PASSWORD_LENGTH)
    detail = ("minimum length " + p["minimum_length"].astype(str)).where(
        configured, "no password policy"
    )
    return evaluate(p, short, p["account_id"], detail)
