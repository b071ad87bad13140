from __future__ import annotations

import pandas as pd

from ...inventory import Inventory
from ..base import check, each
from ._shared import USER, _names, _reasons, _users


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
    frameworks={"CIS-3.0": ["1.15"], "AWS-FSBP": ["IAM.2"]},
)
def iam_user_policy_attached_directly(inv: Inventory) -> pd.DataFrame:
    u = inv["iam.users"]
    managed = each(u["attached_policy_arns"], _names).fillna("")
    inline = each(u["inline_policy_names"], _names).fillna("")
    detail = _reasons(
        u.index,
        (managed != "", "managed: " + managed),
        (inline != "", "inline: " + inline),
        ok="permissions through groups only",
    )
    return _users(inv, (managed != "") | (inline != ""), detail)
