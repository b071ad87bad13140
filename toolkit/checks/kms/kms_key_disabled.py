from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import KEY, customer_keys, kms_keys, kms_named

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="KMS key is disabled",
    severity="low",
    service="kms",
    resource_type=KEY,
    tables=["kms.keys"],
    description="A customer managed key is in the Disabled state: no one can use it to encrypt "
    "or decrypt.",
    risk="Data and services that depend on the key fail to decrypt; a key disabled on purpose "
    "but kept is clutter that should be scheduled for deletion after review.",
    remediation="Re-enable the key if something still uses it; otherwise schedule its deletion.",
    remediation_cli="aws kms enable-key --region {region} --key-id {resource_id}",
)
def kms_key_disabled(inv: Inventory) -> pd.DataFrame:
    k = customer_keys(inv)
    disabled = (k["key_state"] == "Disabled").fillna(False)
    return kms_keys(k, disabled, kms_named(k) + ": " + k["key_state"].fillna("state unknown"))
