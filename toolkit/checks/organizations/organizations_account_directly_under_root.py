from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Account sits directly under the organization root",
    severity="medium",
    service="organizations",
    resource_type="AWS::Organizations::Account",
    tables=["organizations.accounts", "organizations.roots"],
    description="A member account is attached to the root rather than to an OU.",
    risk="Accounts under the root miss the guardrails (SCPs) that OUs carry.",
    remediation="Move the account into the OU that matches its purpose.",
    remediation_cli="aws organizations move-account --account-id {resource_id} "
    "--source-parent-id ROOT_ID --destination-parent-id OU_ID",
)
def organizations_account_directly_under_root(inv: Inventory) -> pd.DataFrame:
    accounts = inv["organizations.accounts"]
    members = accounts[~accounts["is_management"].fillna(False)]
    under_root = members["parent_id"].isin(inv["organizations.roots"]["id"])
    return evaluate(
        members, under_root, members["id"], "path: " + members["ou_path"], members["arn"]
    )
