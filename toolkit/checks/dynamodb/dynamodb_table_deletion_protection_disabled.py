from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import TABLE, dynamodb_tables, live_tables

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="DynamoDB table does not have deletion protection enabled",
    severity="medium",
    service="dynamodb",
    resource_type=TABLE,
    tables=["dynamodb.tables"],
    description="Deletion protection is off for the table, as FSBP DynamoDB.6 evaluates it "
    "(AWS Config rule dynamodb-table-deletion-protection-enabled; it has no parameters).",
    risk="One DeleteTable call, by mistake, by an automation run against the wrong account or "
    "by an attacker, removes the table and its point-in-time recovery window with it.",
    remediation="Turn on deletion protection for the table; turn it off only for the change "
    "that really deletes it.",
    remediation_cli="aws dynamodb update-table --region {region} --table-name {resource_id} "
    "--deletion-protection-enabled",
)
def dynamodb_table_deletion_protection_disabled(inv: Inventory) -> pd.DataFrame:
    t = live_tables(inv)
    protected = t["deletion_protection_enabled"].astype("boolean").fillna(False).astype(bool)
    detail = pd.Series("deletion protection enabled", index=t.index).where(
        protected, "deletion protection disabled: DeleteTable succeeds without a second step"
    )
    return dynamodb_tables(t, ~protected, detail)
