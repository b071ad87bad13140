from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import NEW_POLICY_VERSION_CLI, POLICY, is_true

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Customer managed policy allows full administrative privileges",
    severity="high",
    service="iam",
    resource_type=POLICY,
    tables=["iam.policies"],
    description="The policy's default version allows Action '*' on Resource '*' with no "
    "Condition (attached or not: an unattached one is a ready-made escalation).",
    risk="Whoever holds the policy controls the whole account.",
    remediation="Replace the policy's document with the least privilege its users need, or "
    "detach and delete it.",
    remediation_cli=NEW_POLICY_VERSION_CLI,
)
def iam_policy_allows_full_admin(inv: Inventory) -> pd.DataFrame:
    p = inv["iam.policies"]
    admin = is_true(p["allows_full_admin"])
    attached = "attached " + p["attachment_count"].fillna(0).astype(str) + " time(s)"
    detail = ("allows * on *, " + attached).where(admin, "no full admin statement")
    return evaluate(p, admin, p["arn"], detail, p["arn"])
