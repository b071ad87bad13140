"""What the DynamoDB checks share: the resource type and the tables worth judging."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

TABLE = "AWS::DynamoDB::Table"
#: Table states with nothing left to protect.
GONE = ("DELETING",)


def live_tables(inv: Inventory) -> pd.DataFrame:
    t = inv["dynamodb.tables"]
    return t[~t["table_status"].isin(GONE).fillna(False)]


def dynamodb_tables(t: pd.DataFrame, failed: pd.Series, detail: pd.Series) -> pd.DataFrame:
    return evaluate(t, failed, t["table_name"], detail, t["arn"])
