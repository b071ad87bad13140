from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ...policies import aws_managed_policy_pattern
from ..base import check, evaluate
from ._shared import is_true

if TYPE_CHECKING:
    from ...inventory import Inventory

CLOUDSHELL_FULL_ACCESS = aws_managed_policy_pattern("AWSCloudShellFullAccess")


@check(
    title="IAM identity has AWSCloudShellFullAccess attached",
    severity="medium",
    service="iam",
    resource_type="AWS::IAM::User, AWS::IAM::Group or AWS::IAM::Role",
    tables=["iam.users", "iam.groups", "iam.roles", "iam.policy_attachments"],
    description="A user, group or role has the AWSCloudShellFullAccess managed policy attached. "
    "The resource id is the principal's name; the detail says which kind it is.",
    risk="CloudShell full access allows uploading and downloading files from a shell inside the "
    "account: a data exfiltration path outside other controls.",
    remediation="Detach the policy (aws iam detach-user-policy / detach-group-policy / "
    "detach-role-policy --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess) and grant "
    "a narrower CloudShell policy where it is needed.",
)
def iam_cloudshell_full_access_attached(inv: Inventory) -> pd.DataFrame:
    kinds = (("iam.users", "user"), ("iam.groups", "group"), ("iam.roles", "role"))
    principals = pd.concat(
        [
            inv[t][["account_id", "region", "arn", f"{kind}_name"]]
            .rename(columns={f"{kind}_name": "name"})
            .assign(kind=kind)
            for t, kind in kinds
        ],
        ignore_index=True,
    )
    a = inv["iam.policy_attachments"]
    holders = a.loc[is_true(a["policy_arn"].str.match(CLOUDSHELL_FULL_ACCESS)), "principal_arn"]
    failed = principals["arn"].isin(holders)
    detail = principals["kind"] + failed.map(
        {True: " has AWSCloudShellFullAccess", False: " without AWSCloudShellFullAccess"}
    )
    return evaluate(principals, failed, principals["name"], detail, principals["arn"])
