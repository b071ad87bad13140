from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import admin_reach, listed

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Account cannot be administered through Identity Center",
    severity="medium",
    service="sso",
    resource_type="AWS::Organizations::Account",
    tables=[
        "organizations.accounts",
        "sso.account_assignments",
        "sso.permission_sets",
        "sso.group_memberships",
    ],
    description="No existing user can use an administrator permission set on this active "
    "member account: no admin permission set is assigned there, or only to deleted "
    "principals or empty groups. The management account is not evaluated: access to it should "
    "be kept to a minimum, not widened.",
    risk="Administration falls back to the account's root user or to long-lived IAM users, "
    "outside central identity, MFA and logging; incident response on the account is slowed.",
    remediation="Assign an administrator permission set on the account to the group that "
    "administers it.",
    remediation_cli="aws sso-admin create-account-assignment --instance-arn INSTANCE_ARN "
    "--target-id {resource_id} --target-type AWS_ACCOUNT --permission-set-arn "
    "ADMIN_PERMISSION_SET_ARN --principal-type GROUP --principal-id GROUP_ID",
)
def sso_account_without_administrator(inv: Inventory) -> pd.DataFrame:
    accounts = inv["organizations.accounts"]
    members = accounts[
        ~accounts["is_management"].fillna(False) & (accounts["status"] == "ACTIVE").fillna(False)
    ]
    admins = listed(members["id"], admin_reach(inv), "target_account_id", "user_name")
    detail = ("administrators: " + admins).fillna("no user can use an admin permission set here")
    return evaluate(members, admins.isna(), members["id"], detail, members["arn"])
