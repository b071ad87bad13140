from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DEACTIVATE_KEY_CLI, USER, unused_credentials

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="IAM user credentials unused for 90 days or more",
    severity="medium",
    service="iam",
    resource_type=USER,
    tables=["iam.credential_report"],
    description="The user's console password or an active access key has not been used for 90 "
    "days (or, never used, was made 90 days ago or more).",
    risk="Dormant credentials belong to people or systems that no longer need them; their "
    "compromise goes unnoticed.",
    remediation="Remove the console password and delete the access keys that went unused.",
    remediation_cli=DEACTIVATE_KEY_CLI,
)
def iam_user_credentials_unused_90_days(inv: Inventory) -> pd.DataFrame:
    return unused_credentials(inv, 90)
