from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, each
from ._shared import USER, iam_names, iam_users

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="IAM user has inline policies",
    severity="low",
    service="iam",
    resource_type=USER,
    tables=["iam.users"],
    description="Policies are embedded in the user rather than managed and attached.",
    risk="Inline policies are invisible in policy listings, cannot be reused or versioned, and "
    "are easily forgotten when the user's role changes.",
    remediation="Replace the inline policy with a managed policy attached to a group, then "
    "delete it.",
    remediation_cli="aws iam delete-user-policy --user-name {resource_id} --policy-name POLICY_NAME",
)
def iam_user_inline_policy(inv: Inventory) -> pd.DataFrame:
    u = inv["iam.users"]
    inline = each(u["inline_policy_names"], iam_names).fillna("")
    return iam_users(inv, inline != "", ("inline: " + inline).where(inline != "", "none"))
