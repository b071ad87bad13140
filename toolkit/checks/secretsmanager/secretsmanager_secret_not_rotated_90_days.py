from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import MAX_DAYS_SINCE_ROTATION, ROTATE_CLI, SECRET, day_text, days_since, secrets

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Secrets Manager secret not rotated in 90 days",
    severity="medium",
    service="secretsmanager",
    resource_type=SECRET,
    tables=["secretsmanager.secrets"],
    description="The secret was not rotated within the last 90 days (never rotated: created "
    "more than 90 days ago), whether or not rotation is turned on, as FSBP SecretsManager.4 "
    "evaluates it with its default parameter (maxDaysSinceRotation: "
    f"{MAX_DAYS_SINCE_ROTATION}).",
    risk="The same value has been valid for months: a copy taken any time since still works, "
    "and a rotation that is on but failing goes unnoticed.",
    remediation="Rotate the secret now; turn on automatic rotation at 90 days or less, and "
    "when it is on but late, fix the rotation function (its CloudWatch logs say why).",
    remediation_cli=ROTATE_CLI,
)
def secretsmanager_secret_not_rotated_90_days(inv: Inventory) -> pd.DataFrame:
    s = inv["secretsmanager.secrets"]
    rotated = s["last_rotated_date"].notna()
    age = days_since(inv, s["last_rotated_date"].where(rotated, s["created_date"]))
    overdue = (age > MAX_DAYS_SINCE_ROTATION).fillna(False).astype(bool)
    days = age.astype("string")
    detail = (
        "last rotated " + day_text(s["last_rotated_date"]) + " (" + days + " days before the "
        "collection)"
    ).where(
        rotated,
        "never rotated; created "
        + day_text(s["created_date"])
        + " ("
        + days
        + " days before the collection)",
    )
    return secrets(s, overdue, detail.fillna("no rotation or creation date reported"))
