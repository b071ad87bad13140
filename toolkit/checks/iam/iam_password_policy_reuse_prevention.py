from __future__ import annotations

import pandas as pd

from ...inventory import Inventory
from ..base import check, evaluate
from ._shared import _PASSWORD_POLICY_CLI, ACCOUNT, PASSWORD_REUSE_PREVENTION, _remembered, _true


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
    remediation_cli=_PASSWORD_POLICY_CLI,
    frameworks={"CIS-3.0": ["1.9"]},
)
def iam_password_policy_reuse_prevention(inv: Inventory) -> pd.DataFrame:
    p = inv["iam.password_policy"]
    configured = _true(p["configured"])
    failed = ~configured | _true(p["reuse_prevention"].fillna(0) < PASSWORD_REUSE_PREVENTION)
    return evaluate(
        p, failed, p["account_id"], _remembered(p).where(configured, "no password policy")
    )
