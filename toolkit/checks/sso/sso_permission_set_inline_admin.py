from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ...policies import allows_full_admin
from ..base import check, evaluate
from ._shared import PERMISSION_SET

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Permission set's inline policy grants full administrator access",
    severity="high",
    service="sso",
    resource_type=PERMISSION_SET,
    tables=["sso.permission_sets"],
    description="The permission set's inline policy has a statement allowing every action "
    "(* or *:*) on every resource.",
    risk="Full administrator access hidden in an inline policy: reviews that look for the "
    "AdministratorAccess managed policy miss it, whatever the permission set is called.",
    remediation="Replace the inline statement with least-privilege actions, or use the "
    "AdministratorAccess managed policy in a permission set named for it.",
    remediation_cli="aws sso-admin delete-inline-policy-from-permission-set --instance-arn "
    "INSTANCE_ARN --permission-set-arn {resource_id}",
)
def sso_permission_set_inline_admin(inv: Inventory) -> pd.DataFrame:
    p = inv["sso.permission_sets"]
    inline_admin = (
        p["inline_policy"].fillna("").map(lambda doc: allows_full_admin(doc, conditional=True))
    )
    inline_admin = inline_admin.astype(bool)
    detail = (
        p["name"].fillna("")
        + ": "
        + inline_admin.map({True: "inline policy allows * on *", False: "no inline * on *"})
    )
    return evaluate(p, inline_admin, p["permission_set_arn"], detail, p["permission_set_arn"])
