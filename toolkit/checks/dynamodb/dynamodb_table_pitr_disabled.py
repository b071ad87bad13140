from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import TABLE, dynamodb_tables, live_tables

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="DynamoDB table does not have point-in-time recovery enabled",
    severity="medium",
    service="dynamodb",
    resource_type=TABLE,
    tables=["dynamodb.tables"],
    description="Point-in-time recovery (continuous backups) is not enabled for the table, as "
    "FSBP DynamoDB.2 evaluates it (AWS Config rule dynamodb-pitr-enabled; it has no "
    "parameters). A table whose recovery status AWS did not report fails too.",
    risk="Data deleted or overwritten by mistake, by a faulty deployment or by an attacker "
    "cannot be restored to the second before it happened; only on-demand backups, if any, "
    "remain.",
    remediation="Turn on point-in-time recovery for the table (it restores to any second of "
    "the last 1 to 35 days, 35 by default).",
    remediation_cli="aws dynamodb update-continuous-backups --region {region} --table-name "
    "{resource_id} --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true",
)
def dynamodb_table_pitr_disabled(inv: Inventory) -> pd.DataFrame:
    t = live_tables(inv)
    enabled = t["point_in_time_recovery_enabled"].astype("boolean").fillna(False).astype(bool)
    days = t["recovery_period_in_days"].astype("Int64").astype("string").fillna("35")
    status = t["point_in_time_recovery_status"].astype("string")
    detail = pd.Series(
        ("point-in-time recovery enabled, restorable " + days + " days back").where(
            enabled,
            ("point-in-time recovery " + status.str.lower()).fillna(
                "point-in-time recovery status not reported"
            ),
        ),
        index=t.index,
    )
    return dynamodb_tables(t, ~enabled, detail)
