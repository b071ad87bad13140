from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import (
    ACCOUNT,
    MIN_PASSWORD_LENGTH,
    PASSWORD_POLICY_CLI,
    PASSWORD_REUSE_PREVENTION,
    iam_remembered,
    is_true,
    reasons,
)

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="IAM password policy is weak",
    severity="medium",
    service="iam",
    resource_type=ACCOUNT,
    tables=["iam.password_policy"],
    description=f"The account's password policy asks for fewer than {MIN_PASSWORD_LENGTH} "
    f"characters, does not require all four character classes, or remembers fewer than "
    f"{PASSWORD_REUSE_PREVENTION} passwords. Accounts without a policy are judged by "
    "iam_password_policy_missing.",
    risk="Weak passwords are guessed, sprayed or reused from other breaches.",
    remediation="Strengthen the policy: 14+ characters, upper and lower case, digits, symbols, "
    "24 passwords remembered.",
    remediation_cli=PASSWORD_POLICY_CLI,
)
def iam_password_policy_weak(inv: Inventory) -> pd.DataFrame:
    p = inv["iam.password_policy"]
    p = p[is_true(p["configured"])]
    short = p["minimum_length"].fillna(0) < MIN_PASSWORD_LENGTH
    reuse = p["reuse_prevention"].fillna(0) < PASSWORD_REUSE_PREVENTION
    classes = (
        ("require_symbols", "symbols"),
        ("require_numbers", "digits"),
        ("require_uppercase", "uppercase"),
        ("require_lowercase", "lowercase"),
    )
    missing = [(~is_true(p[column]), f"{name} not required") for column, name in classes]
    detail = reasons(
        p.index,
        (short, "minimum length " + p["minimum_length"].astype(str)),
        *missing,
        (reuse, iam_remembered(p)),
        ok="strong",
    )
    weak = short | reuse | pd.concat([m for m, _ in missing], axis=1).any(axis=1)
    return evaluate(p, weak, p["account_id"], detail)
