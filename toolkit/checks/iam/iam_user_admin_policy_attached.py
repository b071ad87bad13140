from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ...policies import allows_full_admin, aws_managed_policy_pattern
from ..base import check, each
from ._shared import USER, iam_users, is_true

if TYPE_CHECKING:
    from ...inventory import Inventory

ADMINISTRATOR_ACCESS = aws_managed_policy_pattern("AdministratorAccess")


@check(
    title="IAM user has administrator access attached directly",
    severity="high",
    service="iam",
    resource_type=USER,
    tables=["iam.users", "iam.policy_attachments", "iam.policies"],
    description="AdministratorAccess, a customer managed policy that allows '*' on '*', or an "
    "inline policy that does, is attached to the user itself (policies of the user's groups "
    "are not counted).",
    risk="A user's long-lived credentials (password, access keys) become full control of the "
    "account.",
    remediation="Detach the policy; give administrators short sessions through roles or IAM "
    "Identity Center instead.",
    remediation_cli="aws iam detach-user-policy --user-name {resource_id} "
    "--policy-arn arn:aws:iam::aws:policy/AdministratorAccess",
)
def iam_user_admin_policy_attached(inv: Inventory) -> pd.DataFrame:
    a, p = inv["iam.policy_attachments"], inv["iam.policies"]
    a = a[is_true(a["principal_type"] == "user")]
    full_admin = p.loc[is_true(p["allows_full_admin"]), "arn"]
    admin = (
        is_true(a["policy_arn"].str.match(ADMINISTRATOR_ACCESS))
        | is_true(a["policy_arn"].isin(full_admin))
        | is_true(each(a["document"], allows_full_admin))
    )
    found = inv["iam.users"]["arn"].map(
        a[admin].groupby("principal_arn")["policy_name"].agg(", ".join)
    )
    detail = ("admin policies: " + found.astype("object")).fillna("no admin policy on the user")
    return iam_users(inv, found.notna(), detail)
