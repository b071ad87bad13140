"""What the Secrets Manager checks share: the resource type, the controls' default parameters,
and "how long since" over a date that may be missing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import evaluate
from ..iam._shared import as_of

if TYPE_CHECKING:
    from ...inventory import Inventory

SECRET = "AWS::SecretsManager::Secret"
#: FSBP SecretsManager.3: unusedForDays, default 90.
UNUSED_FOR_DAYS = 90
#: FSBP SecretsManager.4: maxDaysSinceRotation, default 90.
MAX_DAYS_SINCE_ROTATION = 90
ROTATE_CLI = (
    "aws secretsmanager rotate-secret --region {region} --secret-id {resource_id} "
    "--rotation-lambda-arn ROTATION_FUNCTION_ARN --rotation-rules AutomaticallyAfterDays=30"
)


def days_since(inv: Inventory, dates: pd.Series) -> pd.Series:
    """Whole days from each date to the collection (nullable integers; null for no date)."""
    age = as_of(inv) - pd.to_datetime(dates, utc=True)
    return age.dt.days.astype("Int64")


def day_text(dates: pd.Series) -> pd.Series:
    return pd.to_datetime(dates, utc=True).dt.strftime("%Y-%m-%d").astype("string")


def secrets(s: pd.DataFrame, failed: pd.Series, detail: pd.Series) -> pd.DataFrame:
    return evaluate(s, failed, s["name"], detail, s["arn"])
