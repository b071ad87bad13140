"""FSBP KMS.2: IAM principals should not have IAM inline policies that allow decryption
actions on all KMS keys.

As AWS's control (Config rule iam-inline-policy-blocked-kms-actions, blockedActionsPatterns
kms:ReEncryptFrom, kms:Decrypt): every user, group and role with inline policies fails when one
of them has an Allow statement granting either action (by name, wildcard or NotAction) on
Resource '*' or a wildcard KMS ARN. Conditions are not evaluated, as AWS's rule does not.
Principals without inline policies have nothing to evaluate and no finding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import kms_decrypt_on_every_key

if TYPE_CHECKING:
    from ...inventory import Inventory

PRINCIPAL_KEY = ["account_id", "principal_arn"]


@check(
    title="IAM principal has an inline policy that allows KMS decryption on all keys",
    severity="medium",
    service="iam",
    resource_type="AWS::IAM::User, AWS::IAM::Group or AWS::IAM::Role",
    tables=["iam.policy_attachments"],
    description="An inline policy of the user, group or role has an Allow statement granting "
    "kms:Decrypt or kms:ReEncryptFrom on every KMS key (Resource '*' or a wildcard KMS ARN), as "
    "FSBP KMS.2 evaluates it (blockedActionsPatterns kms:ReEncryptFrom, kms:Decrypt; "
    "conditions not evaluated).",
    risk="The principal can decrypt data under any key whose key policy lets the account's "
    "IAM policies decide, including keys of data it was never meant to read.",
    remediation="Name the keys the principal needs in the inline policy's Resource element, "
    "or replace the inline policy with a reviewed managed policy.",
    remediation_cli="aws iam put-role-policy --role-name {resource_id} --policy-name "
    "POLICY_NAME --policy-document file://least-privilege.json",
)
def iam_inline_policy_allows_kms_decrypt_all_keys(inv: Inventory) -> pd.DataFrame:
    a = inv["iam.policy_attachments"]
    inline = a[(a["policy_type"] == "inline").fillna(False)]
    granted = [
        ", ".join(f"{name} allows {action}" for action in kms_decrypt_on_every_key(doc))
        for name, doc in zip(inline["policy_name"], inline["document"], strict=True)
    ]
    inline = inline.assign(granted=pd.Series(granted, index=inline.index, dtype="object"))
    principals = (
        inline.groupby(PRINCIPAL_KEY, sort=True)
        .agg(
            region=("region", "first"),
            principal_name=("principal_name", "first"),
            principal_type=("principal_type", "first"),
            granted=("granted", lambda texts: "; ".join(t for t in texts if t)),
        )
        .reset_index()
    )
    failed = principals["granted"] != ""
    detail = (
        principals["principal_type"] + " " + principals["granted"] + " on all KMS keys"
    ).where(failed, principals["principal_type"] + ": no inline KMS decryption on all keys")
    return evaluate(
        principals,
        failed,
        principals["principal_name"],
        detail,
        principals["principal_arn"],
    )
