from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

#: Workload tables read by organizations_management_account_workloads: (table, label).
WORKLOADS = (
    ("ec2.instances", "EC2 instance"),
    ("rds.db_instances", "RDS DB instance"),
    ("lambda.functions", "Lambda function"),
)


@check(
    title="Management account runs workloads",
    severity="medium",
    service="organizations",
    resource_type="AWS::Organizations::Account",
    tables=["organizations.accounts", *(name for name, _ in WORKLOADS)],
    description="The organization's management account has EC2 instances (not terminated), RDS "
    "DB instances or Lambda functions.",
    risk="SCPs never apply to the management account, and it can control every member: code "
    "and data running there are one compromise away from the whole organization.",
    remediation="Move the workloads to member accounts and keep the management account for "
    "organization, billing and identity administration only.",
)
def organizations_management_account_workloads(inv: Inventory) -> pd.DataFrame:
    accounts = inv["organizations.accounts"]
    management = accounts[accounts["is_management"].fillna(False)]
    total = pd.Series(0, index=management.index)
    detail = pd.Series("", index=management.index, dtype="string")
    for name, label in WORKLOADS:  # three tables, not rows; a table not collected is skipped
        if name not in inv:
            continue
        frame = inv[name]
        if "state" in frame:
            frame = frame[~frame["state"].isin(["terminated", "shutting-down"]).fillna(False)]
        count = management["id"].map(frame["account_id"].value_counts()).fillna(0).astype(int)
        total += count
        detail += count.astype(str) + f" {label}(s); "
    detail = detail.str.rstrip("; ")
    return evaluate(management, total > 0, management["id"], detail, management["arn"])
