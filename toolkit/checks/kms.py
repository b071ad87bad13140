"""KMS checks: CIS AWS Foundations v3.0.0 3.6 (key rotation), and key hygiene beyond it.

Keys are named by their key id. Only customer managed keys are judged: AWS manages (and rotates)
its own keys. A key with an ``alias/aws/...`` alias counts as AWS managed whatever its
KeyManager says, since AWS reserves that prefix for the keys it makes for its services.
"""

from __future__ import annotations

import json

import pandas as pd

from ..inventory import Inventory
from .base import check, each, evaluate

KEY = "AWS::KMS::Key"


def _customer_keys(inv: Inventory) -> pd.DataFrame:
    k = inv["kms.keys"]
    aws_alias = k["aliases"].fillna("[]").str.contains('"alias/aws/', regex=False)
    return k[(k["key_manager"] == "CUSTOMER").fillna(False) & ~aws_alias]


def _keys(k: pd.DataFrame, failed, detail) -> pd.DataFrame:
    return evaluate(k, failed, k["key_id"], detail, k["arn"])


def _named(k: pd.DataFrame) -> pd.Series:
    """The key's aliases (JSON list) for the detail text, or 'no alias'."""
    aliases = k["aliases"].fillna("[]")
    return aliases.where(aliases != "[]", "no alias")


@check(
    title="KMS key rotation is not enabled",
    severity="medium",
    service="kms",
    resource_type=KEY,
    tables=["kms.keys"],
    description="Automatic yearly rotation is off on an enabled customer managed symmetric key "
    "with KMS key material (the keys whose rotation can be turned on).",
    risk="The same key material protects data for years: more data is exposed if it ever leaks, "
    "and crypto-period requirements are not met.",
    remediation="Enable automatic key rotation on the key.",
    remediation_cli="aws kms enable-key-rotation --region {region} --key-id {resource_id}",
    frameworks={"CIS-3.0": ["3.6"]},
)
def kms_key_rotation_disabled(inv: Inventory) -> pd.DataFrame:
    k = _customer_keys(inv)
    k = k[
        (k["key_spec"] == "SYMMETRIC_DEFAULT").fillna(False)
        & (k["key_state"] == "Enabled").fillna(False)
        & k["rotation_enabled"].notna()
    ]
    rotating = k["rotation_enabled"].fillna(False)
    detail = _named(k) + rotating.map({True: ": rotation on", False: ": rotation off"})
    return _keys(k, ~rotating, detail)


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
    frameworks={"AWS-FSBP": ["KMS.3"]},
)
def kms_key_pending_deletion(inv: Inventory) -> pd.DataFrame:
    k = _customer_keys(inv)
    pending = (k["key_state"] == "PendingDeletion").fillna(False)
    return _keys(k, pending, _named(k) + ": " + k["key_state"].fillna("state unknown"))


@check(
    title="KMS key is disabled",
    severity="low",
    service="kms",
    resource_type=KEY,
    tables=["kms.keys"],
    description="A customer managed key is in the Disabled state: no one can use it to encrypt "
    "or decrypt.",
    risk="Data and services that depend on the key fail to decrypt; a key disabled on purpose "
    "but kept is clutter that should be scheduled for deletion after review.",
    remediation="Re-enable the key if something still uses it; otherwise schedule its deletion.",
    remediation_cli="aws kms enable-key --region {region} --key-id {resource_id}",
)
def kms_key_disabled(inv: Inventory) -> pd.DataFrame:
    k = _customer_keys(inv)
    disabled = (k["key_state"] == "Disabled").fillna(False)
    return _keys(k, disabled, _named(k) + ": " + k["key_state"].fillna("state unknown"))


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
    frameworks={"AWS-FSBP": ["KMS.5"]},
)
def kms_key_policy_public(inv: Inventory) -> pd.DataFrame:
    k = _customer_keys(inv)
    public = each(k["policy"], _is_public).fillna(False).astype(bool)
    return _keys(k, public, _named(k) + public.map({True: ": public", False: ": not public"}))


def _is_public(document: str) -> bool:
    from policyuniverse.policy import Policy

    try:
        return bool(Policy(json.loads(document)).is_internet_accessible())
    except (ValueError, AttributeError, TypeError):
        return False
