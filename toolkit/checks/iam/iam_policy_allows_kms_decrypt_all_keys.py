"""FSBP KMS.1: IAM customer managed policies should not allow decryption actions on all KMS
keys.

As AWS's control (Config rule iam-customer-policy-blocked-kms-actions, blockedActionsPatterns
kms:ReEncryptFrom, kms:Decrypt): the default version of every customer managed policy, attached
or not, fails when an Allow statement grants either action (by name, wildcard or NotAction) on
Resource '*' or a wildcard KMS ARN. Conditions are not evaluated, as AWS's rule does not. AWS
also leaves out policies used only as permissions boundaries (excludePermissionBoundaryPolicy
true); the inventory does not say which those are, so they are evaluated here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, each, evaluate
from ._shared import NEW_POLICY_VERSION_CLI, POLICY, kms_decrypt_on_every_key

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Customer managed policy allows KMS decryption on all keys",
    severity="medium",
    service="iam",
    resource_type=POLICY,
    tables=["iam.policies"],
    description="An Allow statement of the policy's default version grants kms:Decrypt or "
    "kms:ReEncryptFrom on every KMS key (Resource '*' or a wildcard KMS ARN), as FSBP KMS.1 "
    "evaluates it (blockedActionsPatterns kms:ReEncryptFrom, kms:Decrypt; conditions not "
    "evaluated).",
    risk="Whoever holds the policy can decrypt data under any key whose key policy lets the "
    "account's IAM policies decide, including keys of data they were never meant to read.",
    remediation="Name the keys the policy's users need in the Resource element instead of '*'.",
    remediation_cli=NEW_POLICY_VERSION_CLI,
)
def iam_policy_allows_kms_decrypt_all_keys(inv: Inventory) -> pd.DataFrame:
    p = inv["iam.policies"]
    found = each(p["document"], lambda doc: ", ".join(kms_decrypt_on_every_key(doc))).fillna("")
    detail = ("allows " + found + " on all KMS keys").where(
        found != "", "no KMS decryption on all keys"
    )
    return evaluate(p, found != "", p["arn"], detail, p["arn"])
