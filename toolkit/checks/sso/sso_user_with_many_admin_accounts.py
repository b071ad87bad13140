from __future__ import annotations

import pandas as pd

from ...inventory import Inventory
from ..base import check, evaluate
from ._shared import admin_reach, listed

#: Users who can administer more accounts than this fail sso_user_with_many_admin_accounts.
MAX_ADMIN_ACCOUNTS = 3


@check(
    title="User can administer many accounts",
    severity="low",
    service="sso",
    resource_type="AWS::IdentityStore::User",
    tables=[
        "sso.users",
        "sso.group_memberships",
        "sso.account_assignments",
        "sso.permission_sets",
    ],
    description="Through direct assignments and group memberships, the user holds an "
    f"administrator permission set on more than {MAX_ADMIN_ACCOUNTS} accounts.",
    risk="One phished or compromised identity gives standing administrator access to a large "
    "part of the organization.",
    remediation="Split administrator groups by account or environment, and grant broad "
    "administrator access just in time (e.g. AWS TEAM) instead of standing.",
)
def sso_user_with_many_admin_accounts(inv: Inventory) -> pd.DataFrame:
    u = inv["sso.users"]
    reach = admin_reach(inv)
    count = u["user_id"].map(reach.groupby("user_id")["target_account_id"].nunique())
    count = count.fillna(0).astype(int)
    accounts = listed(u["user_id"], reach, "user_id", "target_account_id")
    detail = (
        u["user_name"].fillna(u["user_id"]) + ": admin on " + count.astype(str) + " account(s)"
        + (": " + accounts).fillna("")
    )  # fmt: skip
    return evaluate(u, count > MAX_ADMIN_ACCOUNTS, u["user_id"], detail)
