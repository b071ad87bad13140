from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DEACTIVATE_KEY_CLI, USER, iam_users, is_true, user_keys

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="IAM user with an active access key has no MFA",
    severity="medium",
    service="iam",
    resource_type=USER,
    tables=["iam.users", "iam.access_keys"],
    description="The user has an active access key and no MFA device: it cannot get "
    "MFA-authenticated sessions (sts get-session-token with a serial number), so no "
    "aws:MultiFactorAuthPresent condition can guard its sensitive actions and a leaked key is "
    "enough on its own.",
    risk="Long-lived keys are the most leaked AWS credential; with no MFA the user has no "
    "second factor to fall back on or to require for sensitive actions.",
    remediation="Replace the key with a role (IAM Roles Anywhere, OIDC federation, instance "
    "profiles); if a human uses it, assign MFA and require it for sensitive actions.",
    remediation_cli=DEACTIVATE_KEY_CLI,
)
def iam_user_access_key_without_mfa(inv: Inventory) -> pd.DataFrame:
    u, keys = inv["iam.users"], user_keys(inv)
    has_key, mfa = keys["active"] > 0, is_true(u["mfa_active"])
    detail = ("active keys " + keys["keys"] + ", no MFA").where(
        has_key & ~mfa, has_key.map({True: "has MFA", False: "no active access key"})
    )
    return iam_users(inv, has_key & ~mfa, detail)
