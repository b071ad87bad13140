from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import (
    ACCOUNT,
    PASSWORD_POLICY_CLI,
    PASSWORD_REUSE_PREVENTION,
    iam_remembered,
    is_true,
)

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="IAM password policy does not prevent password reuse",
    severity="medium",
    service="iam",
    resource_type=ACCOUNT,
    tables=["iam.password_policy"],
    description=f"The password policy remembers fewer than {PASSWORD_REUSE_PREVENTION} "
    "previous passwords, or there is no policy.",
    risk="Users cycle back to old, possibly leaked, passwords.",
    remediation=f"Set password reuse prevention to {PASSWORD_REUSE_PREVENTION}.",
    remediation_cli=PASSWORD_POLICY_CLI,
)
def iam_password_policy_reuse_prevention(inv: Inventory) -> pd.DataFrame:
    p = inv["iam.password_policy"]
    configured = is_true(p["configured"])
    failed = ~configured | is_true(p["reuse_prevention"].fillna(0) < PASSWORD_REUSE_PREVENTION)
    return evaluate(
        p, failed, p["account_id"], iam_remembered(p).where(configured, "no password policy")
    )
