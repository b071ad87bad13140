from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import admin_reach, listed

if TYPE_CHECKING:
    from ...inventory import Inventory

#: Users who can administer more accounts than this fail sso_user_with_many_admin_accounts,
#: unless the environment variable below sets another number.
MAX_ADMIN_ACCOUNTS = 3
MAX_ADMIN_ACCOUNTS_VARIABLE = "TOOLKIT_MAX_ADMIN_ACCOUNTS"


def max_admin_accounts() -> int:
    """The threshold in force: TOOLKIT_MAX_ADMIN_ACCOUNTS when set to a whole number."""
    value = os.environ.get(MAX_ADMIN_ACCOUNTS_VARIABLE, "").strip()
    return int(value) if value.isdigit() else MAX_ADMIN_ACCOUNTS


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
    f"administrator permission set on more than {MAX_ADMIN_ACCOUNTS} accounts (another "
    f"number with the environment variable {MAX_ADMIN_ACCOUNTS_VARIABLE}).",
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
    return evaluate(u, count > max_admin_accounts(), u["user_id"], detail)
