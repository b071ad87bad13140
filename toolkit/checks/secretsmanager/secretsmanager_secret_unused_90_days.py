from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import SECRET, UNUSED_FOR_DAYS, day_text, days_since, secrets

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Secrets Manager secret not accessed in 90 days",
    severity="medium",
    service="secretsmanager",
    resource_type=SECRET,
    tables=["secretsmanager.secrets"],
    description="The secret was last read more than 90 days ago (never read: created more "
    "than 90 days ago), as FSBP SecretsManager.3 evaluates it with its default parameter "
    f"(unusedForDays: {UNUSED_FOR_DAYS}).",
    risk="An unused secret still opens what it was made for: whoever kept a copy keeps the "
    "access, and nobody would notice its use.",
    remediation="Confirm nothing needs the secret, revoke the credential it holds where it is "
    "accepted, then delete the secret (with a recovery window).",
    remediation_cli="aws secretsmanager delete-secret --region {region} --secret-id "
    "{resource_id} --recovery-window-in-days 30",
)
def secretsmanager_secret_unused_90_days(inv: Inventory) -> pd.DataFrame:
    s = inv["secretsmanager.secrets"]
    read = s["last_accessed_date"].notna()
    age = days_since(inv, s["last_accessed_date"].where(read, s["created_date"]))
    unused = (age > UNUSED_FOR_DAYS).fillna(False).astype(bool)
    days = age.astype("string")
    detail = (
        "last read " + day_text(s["last_accessed_date"]) + " (" + days + " days before the "
        "collection)"
    ).where(
        read,
        "never read; created " + day_text(s["created_date"]) + " (" + days + " days "
        "before the collection)",
    )
    return secrets(s, unused, detail.fillna("no read or creation date reported"))
