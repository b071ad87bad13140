from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DEACTIVATE_KEY_CLI, USER, unused_credentials

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="IAM user credentials unused for 45 days or more",
    severity="medium",
    service="iam",
    resource_type=USER,
    tables=["iam.credential_report"],
    description="The user's console password or an active access key has not been used for 45 "
    "days (or, never used, was made 45 days ago or more).",
    risk="Dormant credentials belong to people or systems that no longer need them; their "
    "compromise goes unnoticed.",
    remediation="Disable the console password and deactivate the access keys that went unused.",
    remediation_cli=DEACTIVATE_KEY_CLI,
)
def iam_user_credentials_unused_45_days(inv: Inventory) -> pd.DataFrame:
    return unused_credentials(inv, 45)
