from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import ROTATE_CLI, SECRET, secrets

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Secrets Manager secret does not have automatic rotation enabled",
    severity="medium",
    service="secretsmanager",
    resource_type=SECRET,
    tables=["secretsmanager.secrets"],
    description="Automatic rotation is not enabled for the secret, as FSBP SecretsManager.1 "
    "evaluates it with its default parameter (maximumAllowedRotationFrequency: no default, so "
    "any rotation interval passes).",
    risk="A secret that never changes stays valid for as long as whoever copied it, leaked it "
    "or stole it keeps it.",
    remediation="Turn on automatic rotation with a rotation function (AWS provides them for "
    "RDS, Redshift and DocumentDB credentials) and an interval of 90 days or less.",
    remediation_cli=ROTATE_CLI,
)
def secretsmanager_secret_rotation_disabled(inv: Inventory) -> pd.DataFrame:
    s = inv["secretsmanager.secrets"]
    enabled = s["rotation_enabled"].astype("boolean").fillna(False).astype(bool)
    every = s["rotation_every_days"].astype("Int64").astype("string")
    detail = pd.Series("automatic rotation disabled", index=s.index).where(
        ~enabled,
        ("automatic rotation enabled, every " + every + " days").fillna(
            "automatic rotation enabled"
        ),
    )
    return secrets(s, ~enabled, detail)
