from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, each
from ._shared import USER, iam_names, iam_users, reasons

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="IAM user has policies attached directly",
    severity="low",
    service="iam",
    resource_type=USER,
    tables=["iam.users"],
    description="The user has managed policies attached or inline policies embedded, instead of "
    "receiving permissions only through groups.",
    risk="Per-user permissions drift, pile up and escape review.",
    remediation="Move the permissions to groups (or roles) and detach the user's own policies.",
    remediation_cli="aws iam detach-user-policy --user-name {resource_id} --policy-arn POLICY_ARN",
)
def iam_user_policy_attached_directly(inv: Inventory) -> pd.DataFrame:
    u = inv["iam.users"]
    managed = each(u["attached_policy_arns"], iam_names).fillna("")
    inline = each(u["inline_policy_names"], iam_names).fillna("")
    detail = reasons(
        u.index,
        (managed != "", "managed: " + managed),
        (inline != "", "inline: " + inline),
        ok="permissions through groups only",
    )
    return iam_users(inv, (managed != "") | (inline != ""), detail)
