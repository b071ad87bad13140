from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import ASSIGNMENT, DELETE_ASSIGNMENT, assignment_ids

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Account assignment to a user or group that no longer exists",
    severity="low",
    service="sso",
    resource_type=ASSIGNMENT,
    tables=["sso.account_assignments"],
    description="The assignment's principal is not in the identity store any more: the user "
    "or group was deleted but its account assignment was not.",
    risk="Stale assignments hide who had access and come back to life if the IdP provisions "
    "a principal with the same id (e.g. SCIM re-sync); they also clutter access reviews.",
    remediation="Delete the orphaned account assignment.",
    remediation_cli=DELETE_ASSIGNMENT
    + "--principal-type USER_OR_GROUP --principal-id PRINCIPAL_ID",
)
def sso_assignment_orphaned_principal(inv: Inventory) -> pd.DataFrame:
    a = inv["sso.account_assignments"]
    exists = a["principal_exists"].fillna(False)
    detail = exists.map(
        {True: "principal exists", False: "principal deleted from the identity store"}
    ) + (" (id " + a["principal_id"] + ")")
    return evaluate(a, ~exists, assignment_ids(a), detail, a["permission_set_arn"])
