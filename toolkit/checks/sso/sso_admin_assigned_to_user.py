from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import ASSIGNMENT, DELETE_ASSIGNMENT, assignment_ids, is_admin_set

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Administrator permission set assigned directly to a user",
    severity="medium",
    service="sso",
    resource_type=ASSIGNMENT,
    tables=["sso.account_assignments", "sso.permission_sets"],
    description="A permission set granting administrator access (AdministratorAccess, or an "
    "inline policy allowing * on *) is assigned on an account to a single user rather than "
    "to a group.",
    risk="Per-user admin grants escape group-based reviews and joiner/mover/leaver processes: "
    "they outlive the person's role and are easy to miss in an access review.",
    remediation="Add the user to the group that holds administrator access on the account (or "
    "create one), then delete the direct user assignment.",
    remediation_cli=DELETE_ASSIGNMENT + "--principal-type USER --principal-id USER_ID",
)
def sso_admin_assigned_to_user(inv: Inventory) -> pd.DataFrame:
    a = inv["sso.account_assignments"]
    admin = is_admin_set(inv, a["permission_set_arn"])
    to_user = a["principal_type"] == "USER"
    detail = (
        admin.map({True: "admin permission set", False: "non-admin permission set"})
        + " assigned to a "
        + a["principal_type"].str.lower()
    )
    return evaluate(a, admin & to_user, assignment_ids(a), detail, a["permission_set_arn"])
