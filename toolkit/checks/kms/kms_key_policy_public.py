from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, each
from ._shared import KEY, customer_keys, kms_keys, kms_named

if TYPE_CHECKING:
    from ...inventory import Inventory


def _is_public(document: str) -> bool:
    from policyuniverse.policy import Policy

    try:
        return bool(Policy(json.loads(document)).is_internet_accessible())
    except (ValueError, AttributeError, TypeError):
        return False


@check(
    title="KMS key policy is public",
    severity="critical",
    service="kms",
    resource_type=KEY,
    tables=["kms.keys"],
    description="The key policy allows a wildcard principal without a condition that narrows it "
    "to known accounts or organizations (judged by policyuniverse).",
    risk="Any AWS principal can use (or manage) the key: data encrypted under it can be "
    "decrypted from outside the organization.",
    remediation="Replace the wildcard principal with the account's and the roles' ARNs, or add "
    "a kms:CallerAccount / aws:PrincipalOrgID condition.",
    remediation_cli="aws kms put-key-policy --region {region} --key-id {resource_id} "
    "--policy-name default --policy file://policy.json",
)
def kms_key_policy_public(inv: Inventory) -> pd.DataFrame:
    k = customer_keys(inv)
    public = each(k["policy"], _is_public).fillna(False).astype(bool)
    return kms_keys(k, public, kms_named(k) + public.map({True: ": public", False: ": not public"}))
