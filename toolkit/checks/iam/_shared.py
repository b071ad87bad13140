"""What the IAM checks share: resource types, the CIS thresholds (the password ones are the
fixers' too), remediation commands, and readers of the credential report and access keys."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from ...collectors.iam import ROOT_USER
from ...policies import covers_action, is_allow, resources, statements
from ..base import evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

USER = "AWS::IAM::User"
ROLE = "AWS::IAM::Role"
POLICY = "AWS::IAM::Policy"
ACCOUNT = "AWS::::Account"
#: CIS 1.8: passwords at least this long.
MIN_PASSWORD_LENGTH = 14
#: CIS 1.9: this many previous passwords may not be reused.
PASSWORD_REUSE_PREVENTION = 24
#: CIS 1.14 / FSBP IAM.3: active access keys older than this many days fail.
MAX_ACCESS_KEY_AGE_DAYS = 90
PASSWORD_POLICY_CLI = (
    f"aws iam update-account-password-policy --minimum-password-length {MIN_PASSWORD_LENGTH} "
    "--require-symbols --require-numbers --require-uppercase-characters "
    f"--require-lowercase-characters --password-reuse-prevention {PASSWORD_REUSE_PREVENTION} "
    "--allow-users-to-change-password"
)
DEACTIVATE_KEY_CLI = (
    "aws iam update-access-key --user-name {resource_id} --access-key-id ACCESS_KEY_ID "
    "--status Inactive"
)
NEW_POLICY_VERSION_CLI = (
    "aws iam create-policy-version --policy-arn {resource_id} "
    "--policy-document file://least-privilege.json --set-as-default"
)
TRUST_POLICY_CLI = (
    "aws iam update-assume-role-policy --role-name {resource_id} "
    "--policy-document file://trust.json"
)


def is_true(values: pd.Series) -> pd.Series:
    """A nullable boolean Series with unknown read as False."""
    return values.astype("boolean").fillna(False).astype(bool)


def as_of(inv: Inventory) -> pd.Timestamp:
    """When the inventory was collected (now, if it does not say)."""
    started = getattr(inv, "meta", {}).get("started")
    stamp = pd.Timestamp(started) if started else pd.Timestamp.now(tz="UTC")
    return stamp if stamp.tzinfo else stamp.tz_localize("UTC")


def reasons(index: pd.Index, *parts: tuple[pd.Series, Any], ok: str) -> pd.Series:
    """'reason; reason' for the conditions that hold on each row, ``ok`` where none does."""
    text = pd.Series("", index=index, dtype="object")
    for condition, reason in parts:
        reason = pd.Series(reason, index=index, dtype="object").astype(str)
        text = text + (reason + "; ").where(is_true(condition), "")
    text = text.str.removesuffix("; ")
    return text.where(text != "", ok)


def _join(frame: pd.DataFrame, other: pd.DataFrame, on: list[str]) -> pd.DataFrame:
    """``other`` (unique on ``on``) looked up for each row of ``frame``, on frame's index."""
    return frame[on].merge(other, how="left", on=on).set_axis(frame.index)


def iam_names(document: str) -> str:
    """A JSON list of names or ARNs as 'a, b' (ARNs shortened to their last part)."""
    try:
        items = json.loads(document)
    except (TypeError, ValueError):
        return ""
    return ", ".join(str(item).rsplit("/", 1)[-1] for item in items or [])


def iam_remembered(p: pd.DataFrame) -> pd.Series:
    """'remembers N passwords' from iam.password_policy, or 'no password reuse prevention'."""
    text = "remembers " + p["reuse_prevention"].astype("object").astype(str) + " passwords"
    return text.where(p["reuse_prevention"].fillna(0) > 0, "no password reuse prevention")


def iam_users(inv: Inventory, failed: pd.Series, detail: pd.Series | str) -> pd.DataFrame:
    u = inv["iam.users"]
    return evaluate(u, failed, u["user_name"], detail, u["arn"])


def report_users(inv: Inventory) -> pd.DataFrame:
    """The credential report without the root user's row."""
    r = inv["iam.credential_report"]
    return r[~is_true(r["user"] == ROOT_USER)]


def _active_keys(inv: Inventory) -> pd.DataFrame:
    """Per (account_id, user_name): active, old (active keys older than the limit) and ids."""
    k = inv["iam.access_keys"]
    k = k[is_true(k["status"] == "Active")].assign(
        old=lambda f: is_true(f["age_days"] > MAX_ACCESS_KEY_AGE_DAYS)
    )
    k = k.assign(label=k["access_key_id"] + " (" + k["age_days"].astype(str) + " days)")
    return k.groupby(["account_id", "user_name"], as_index=False).agg(
        active=("access_key_id", "size"),
        old=("old", "sum"),
        keys=("label", ", ".join),
    )


def user_keys(inv: Inventory) -> pd.DataFrame:
    """``_active_keys`` for each row of iam.users (0 and '' for users without active keys)."""
    found = _join(inv["iam.users"], _active_keys(inv), ["account_id", "user_name"])
    return found.assign(
        active=found["active"].fillna(0).astype(int),
        old=found["old"].fillna(0).astype(int),
        keys=found["keys"].fillna(""),
    )


def unused_credentials(inv: Inventory, days: int) -> pd.DataFrame:
    """Users whose console password or an active access key has gone unused for ``days``: last
    use, or creation when never used, before the collection minus ``days``."""
    r = report_users(inv)
    cutoff = as_of(inv) - pd.Timedelta(days=days)
    password_last = (
        r["password_last_used"].fillna(r["password_last_changed"]).fillna(r["user_creation_time"])
    )
    password = is_true(r["password_enabled"]) & is_true(password_last < cutoff)
    key_1 = is_true(r["access_key_1_active"]) & is_true(
        r["access_key_1_last_used_date"].fillna(r["access_key_1_last_rotated"]) < cutoff
    )
    key_2 = is_true(r["access_key_2_active"]) & is_true(
        r["access_key_2_last_used_date"].fillna(r["access_key_2_last_rotated"]) < cutoff
    )
    detail = reasons(
        r.index,
        (password, f"console password unused for {days}+ days"),
        (key_1, f"access key 1 unused for {days}+ days"),
        (key_2, f"access key 2 unused for {days}+ days"),
        ok=f"no credential unused for {days} days",
    )
    return evaluate(r, password | key_1 | key_2, r["user"], detail, r["arn"])


#: FSBP KMS.1 and KMS.2: the blockedActionsPatterns AWS fixes for both controls.
KMS_DECRYPT_ACTIONS = ("kms:Decrypt", "kms:ReEncryptFrom")
_KMS_ARN_HEAD = re.compile(r"^arn:aws[a-z-]*:kms:", re.IGNORECASE)


def names_every_kms_key(resource: str) -> bool:
    """Whether a Resource value covers every KMS key: '*', or a KMS ARN (or a prefix of one)
    with a wildcard, as AWS's rule counts any value that is not fixed."""
    if "*" not in resource and "?" not in resource:
        return False
    head = re.split(r"[*?]", resource, maxsplit=1)[0]
    return "arn:aws:kms:".startswith(head.lower()) or bool(_KMS_ARN_HEAD.match(head))


def kms_decrypt_on_every_key(document: Any) -> list[str]:
    """The KMS decryption actions (kms:Decrypt, kms:ReEncryptFrom) an Allow statement of the
    document grants on every KMS key, Conditions not evaluated (as AWS's rule does not)."""
    return [
        action
        for action in KMS_DECRYPT_ACTIONS
        if any(
            is_allow(s)
            and covers_action(s, action)
            and any(names_every_kms_key(r) for r in resources(s))
            for s in statements(document)
        )
    ]
