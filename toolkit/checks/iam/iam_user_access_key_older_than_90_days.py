from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DEACTIVATE_KEY_CLI, MAX_ACCESS_KEY_AGE_DAYS, USER, iam_users, user_keys

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title=f"IAM user access key older than {MAX_ACCESS_KEY_AGE_DAYS} days",
    severity="medium",
    service="iam",
    resource_type=USER,
    tables=["iam.users", "iam.access_keys"],
    description=f"The user has an active access key made more than {MAX_ACCESS_KEY_AGE_DAYS} "
    "days before the collection.",
    risk="The longer a key lives, the likelier it has leaked (code, laptops, CI logs).",
    remediation="Make a new key, move its users to it, then deactivate and delete the old one "
    "(better: replace the key with a role).",
    remediation_cli="aws iam create-access-key --user-name {resource_id} && "
    + DEACTIVATE_KEY_CLI.replace("ACCESS_KEY_ID", "OLD_ACCESS_KEY_ID"),
)
def iam_user_access_key_older_than_90_days(inv: Inventory) -> pd.DataFrame:
    keys = user_keys(inv)
    detail = ("active keys: " + keys["keys"]).where(keys["active"] > 0, "no active access key")
    return iam_users(inv, keys["old"] > 0, detail)
