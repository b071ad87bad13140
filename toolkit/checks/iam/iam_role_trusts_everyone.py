from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import ROLE, TRUST_POLICY_CLI, is_true

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="IAM role can be assumed by anyone",
    severity="critical",
    service="iam",
    resource_type=ROLE,
    tables=["iam.roles"],
    description="The role's trust policy allows the principal '*' (or AWS '*'); only its "
    "conditions, if any, stand between any AWS identity and the role.",
    risk="Any AWS principal in any account may assume the role unless a condition stops it.",
    remediation="Name the trusted principals explicitly in the trust policy.",
    remediation_cli=TRUST_POLICY_CLI,
)
def iam_role_trusts_everyone(inv: Inventory) -> pd.DataFrame:
    r = inv["iam.roles"]
    everyone = is_true(r["trusts_everyone"])
    detail = everyone.map({True: "trusts principal *", False: "no wildcard principal"})
    return evaluate(r, everyone, r["role_name"], detail, r["arn"])
