from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import KEY, customer_keys, kms_keys, kms_named

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="KMS key is scheduled for deletion",
    severity="high",
    service="kms",
    resource_type=KEY,
    tables=["kms.keys"],
    description="A customer managed key is in the PendingDeletion state: KMS deletes it, and "
    "its key material, when the waiting period ends.",
    risk="Everything encrypted under the key becomes unreadable for good once it is deleted; an "
    "unintended deletion destroys data.",
    remediation="If the deletion is not intended, cancel it (then re-enable the key); otherwise "
    "make sure no data still depends on the key.",
    remediation_cli="aws kms cancel-key-deletion --region {region} --key-id {resource_id}",
)
def kms_key_pending_deletion(inv: Inventory) -> pd.DataFrame:
    k = customer_keys(inv)
    pending = (k["key_state"] == "PendingDeletion").fillna(False)
    return kms_keys(k, pending, kms_named(k) + ": " + k["key_state"].fillna("state unknown"))
