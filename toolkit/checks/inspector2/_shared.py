"""What the Inspector scan-type checks share: one result per account and region, FAIL unless
the scan type's status is ENABLED.

An organization's delegated Inspector administrator turns scanning on in each member, whose own
account status then says so: every account answers for itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import evaluate
from ..securityhub._shared import regional_arn

if TYPE_CHECKING:
    from ...inventory import Inventory

TABLE = "inspector2.account_status"


def scan_enabled(inv: Inventory, column: str, name: str) -> pd.DataFrame:
    """FAIL where ``column`` (the scan type called ``name`` in the detail) is not ENABLED."""
    a = inv[TABLE]
    on = (a[column] == "ENABLED").fillna(False).astype(bool)
    status = a[column].astype("string").fillna("unknown")
    detail = f"{name} is " + status + " in " + a["region"].astype("string")
    arn = regional_arn(a, "inspector2", "account")
    return evaluate(a, ~on, arn, detail, arn)
