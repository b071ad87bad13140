from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DEACTIVATE_KEY_CLI, USER, iam_users, user_keys

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="IAM user has more than one active access key",
    severity="medium",
    service="iam",
    resource_type=USER,
    tables=["iam.users", "iam.access_keys"],
    description="The user has more than one active access key.",
    risk="Two live keys double the exposure and usually mean a rotation was never finished.",
    remediation="Deactivate, then delete, the key that is no longer used.",
    remediation_cli=DEACTIVATE_KEY_CLI,
)
def iam_user_multiple_active_keys(inv: Inventory) -> pd.DataFrame:
    keys = user_keys(inv)
    detail = keys["active"].astype(str) + " active access key(s): " + keys["keys"]
    return iam_users(
        inv, keys["active"] > 1, detail.where(keys["active"] > 0, "no active access key")
    )
