from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import DELETE_ASSIGNMENT

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Group with no members is assigned to accounts",
    severity="low",
    service="sso",
    resource_type="AWS::IdentityStore::Group",
    tables=["sso.groups", "sso.account_assignments"],
    description="A group that has account assignments has no members.",
    risk="The assignment is dormant access: whoever is later added to the group (by mistake, "
    "or by an IdP sync) silently gets it, and it suggests coverage that does not exist.",
    remediation="Delete the group's account assignments if the group is no longer used, or add "
    "its intended members.",
    remediation_cli=DELETE_ASSIGNMENT + "--principal-type GROUP --principal-id {resource_id}",
)
def sso_group_without_members(inv: Inventory) -> pd.DataFrame:
    g = inv["sso.groups"]
    a = inv["sso.account_assignments"]
    to_groups = a[a["principal_type"].eq("GROUP").fillna(False)]
    accounts = to_groups.groupby("principal_id")["target_account_id"].nunique()
    assigned_on = g["group_id"].map(accounts).fillna(0).astype(int)
    empty = g["member_count"].fillna(0) == 0
    detail = (
        g["display_name"].fillna(g["group_id"])
        + ": " + g["member_count"].fillna(0).astype(str) + " member(s), assigned on "
        + assigned_on.astype(str) + " account(s)"
    )  # fmt: skip
    return evaluate(g, empty & (assigned_on > 0), g["group_id"], detail)
