from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ...policies import aws_managed_policy_pattern
from ..base import check, evaluate
from ._shared import ACCOUNT, is_true

if TYPE_CHECKING:
    from ...inventory import Inventory

SUPPORT_ACCESS = aws_managed_policy_pattern("AWSSupportAccess")


@check(
    title="No support role for AWS Support",
    severity="low",
    service="iam",
    resource_type=ACCOUNT,
    tables=["iam.account_summary", "iam.policy_attachments"],
    description="No IAM role in the account has the AWSSupportAccess managed policy attached.",
    risk="During an incident nobody may be allowed to open or follow AWS Support cases without "
    "broader privileges.",
    remediation="Create a role trusted by your incident responders and attach AWSSupportAccess.",
    remediation_cli="aws iam create-role --role-name AWSSupportRole "
    "--assume-role-policy-document file://trust.json && aws iam attach-role-policy "
    "--role-name AWSSupportRole --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess",
)
def iam_support_role_missing(inv: Inventory) -> pd.DataFrame:
    s, a = inv["iam.account_summary"], inv["iam.policy_attachments"]
    support = a[
        is_true(a["principal_type"] == "role") & is_true(a["policy_arn"].str.match(SUPPORT_ACCESS))
    ]
    roles = s["account_id"].map(support.groupby("account_id")["principal_name"].agg(", ".join))
    detail = ("support role(s): " + roles.astype("object")).fillna(
        "no role has AWSSupportAccess attached"
    )
    return evaluate(s, roles.isna(), s["account_id"], detail)
