"""What the IAM Identity Center checks share: assignment ids as the console shows them, and
who can use an administrator permission set on which account."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from ...inventory import Inventory

ASSIGNMENT = "AWS::SSO::Assignment"
PERMISSION_SET = "AWS::SSO::PermissionSet"
DELETE_ASSIGNMENT = (
    "aws sso-admin delete-account-assignment --instance-arn INSTANCE_ARN --target-id ACCOUNT_ID "
    "--target-type AWS_ACCOUNT --permission-set-arn PERMISSION_SET_ARN "
)


def assignment_ids(a: pd.DataFrame) -> pd.Series:
    """ACCOUNT_ID/PERMISSION_SET_NAME/PRINCIPAL_TYPE/PRINCIPAL_NAME for each assignment."""
    return (
        a["target_account_id"]
        + "/" + a["permission_set_name"].fillna(a["permission_set_arn"])
        + "/" + a["principal_type"]
        + "/" + a["principal_name"].fillna(a["principal_id"])
    )  # fmt: skip


def is_admin_set(inv: Inventory, arns: pd.Series) -> pd.Series:
    """Whether each permission set ARN grants administrator access."""
    sets = inv["sso.permission_sets"]
    admin = sets.loc[sets["has_admin_access"].fillna(False), "permission_set_arn"]
    return arns.isin(admin)


def admin_reach(inv: Inventory) -> pd.DataFrame:
    """(user_id, user_name, target_account_id): every user who can use an admin permission set
    on an account, directly or as a member of an assigned group; deleted users and groups
    reach nobody."""
    a = inv["sso.account_assignments"]
    a = a[is_admin_set(inv, a["permission_set_arn"]) & a["principal_exists"].fillna(False)]
    direct = a.loc[
        a["principal_type"].eq("USER").fillna(False),
        ["principal_id", "principal_name", "target_account_id"],
    ].rename(columns={"principal_id": "user_id", "principal_name": "user_name"})
    members = inv["sso.group_memberships"]
    members = members.loc[members["user_name"].notna(), ["group_id", "user_id", "user_name"]]
    through_groups = a.loc[
        a["principal_type"].eq("GROUP").fillna(False), ["principal_id", "target_account_id"]
    ].merge(members, left_on="principal_id", right_on="group_id")
    reach = pd.concat(
        [direct, through_groups[["user_id", "user_name", "target_account_id"]]],
        ignore_index=True,
    )
    return reach.drop_duplicates(["user_id", "target_account_id"])


def listed(keys: pd.Series, frame: pd.DataFrame, by: str, values: str) -> pd.Series:
    """For each key (a value of ``frame[by]``), its distinct ``values`` sorted and joined with
    ', '; NA for a key with none."""
    distinct = frame[[by, values]].dropna().drop_duplicates().sort_values([by, values])
    return keys.map(distinct.groupby(by)[values].agg(", ".join)).astype("string")
