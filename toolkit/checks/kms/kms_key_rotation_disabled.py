from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import KEY, customer_keys, kms_keys, kms_named

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="KMS key rotation is not enabled",
    severity="medium",
    service="kms",
    resource_type=KEY,
    tables=["kms.keys"],
    description="Automatic yearly rotation is off on an enabled customer managed symmetric key "
    "with KMS key material (the keys whose rotation can be turned on).",
    risk="The same key material protects data for years: more data is exposed if it ever leaks, "
    "and crypto-period requirements are not met.",
    remediation="Enable automatic key rotation on the key.",
    remediation_cli="aws kms enable-key-rotation --region {region} --key-id {resource_id}",
)
def kms_key_rotation_disabled(inv: Inventory) -> pd.DataFrame:
    k = customer_keys(inv)
    k = k[
        (k["key_spec"] == "SYMMETRIC_DEFAULT").fillna(False)
        & (k["key_state"] == "Enabled").fillna(False)
        & k["rotation_enabled"].notna()
    ]
    rotating = k["rotation_enabled"].fillna(False)
    detail = kms_named(k) + rotating.map({True: ": rotation on", False: ": rotation off"})
    return kms_keys(k, ~rotating, detail)
