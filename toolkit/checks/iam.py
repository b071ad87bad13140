"""IAM checks: CIS AWS Foundations v3.0.0 section 1 (every control the collected tables can
decide), the FSBP IAM controls, and IAM risks beyond them.

Resource ids: the user's name for users, the role's name for roles, the policy's ARN for customer
managed policies, the account id for account-level settings (root user, password policy, support
role). Checks that compare dates with "now" use the collection's start (``inv.meta['started']``),
so a snapshot judged later gives the same findings; access key ages come from ``age_days``, which
the collector already counts from the collection.

Not decided here, for want of data: 1.1-1.3 (contact details, security questions), 1.18
(instance roles: an EC2 question), 1.19 (IAM server certificates), 1.20 (Access Analyzer) and
1.21 (central identity management: a manual review).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pandas as pd

from ..collectors.iam import ROOT_USER
from ..inventory import Inventory
from .base import check, each, evaluate

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
#: CIS 1.7: root user activity within this many days of the collection fails.
ROOT_USE_WINDOW_DAYS = 90

_AWS_POLICY = r"^arn:aws[a-z-]*:iam::aws:policy/"
ADMINISTRATOR_ACCESS = _AWS_POLICY + r"AdministratorAccess$"
SUPPORT_ACCESS = _AWS_POLICY + r"AWSSupportAccess$"
CLOUDSHELL_FULL_ACCESS = _AWS_POLICY + r"AWSCloudShellFullAccess$"
_SERVICE_WILDCARD = re.compile(r"^[a-z0-9-]+:\*$", re.IGNORECASE)

_PASSWORD_POLICY_CLI = (
    "aws iam update-account-password-policy --minimum-password-length 14 --require-symbols "
    "--require-numbers --require-uppercase-characters --require-lowercase-characters "
    "--password-reuse-prevention 24 --allow-users-to-change-password"
)
_DEACTIVATE_KEY_CLI = (
    "aws iam update-access-key --user-name {resource_id} --access-key-id ACCESS_KEY_ID "
    "--status Inactive"
)
_NEW_POLICY_VERSION_CLI = (
    "aws iam create-policy-version --policy-arn {resource_id} "
    "--policy-document file://least-privilege.json --set-as-default"
)
_TRUST_POLICY_CLI = (
    "aws iam update-assume-role-policy --role-name {resource_id} "
    "--policy-document file://trust.json"
)


# -- shared ----------------------------------------------------------------------------------
def _true(values: pd.Series) -> pd.Series:
    """A nullable boolean Series with unknown read as False."""
    return values.astype("boolean").fillna(False).astype(bool)


def _as_of(inv: Inventory) -> pd.Timestamp:
    """When the inventory was collected (now, if it does not say)."""
    started = getattr(inv, "meta", {}).get("started")
    stamp = pd.Timestamp(started) if started else pd.Timestamp.now(tz="UTC")
    return stamp if stamp.tzinfo else stamp.tz_localize("UTC")


def _reasons(index: pd.Index, *parts: tuple[pd.Series, Any], ok: str) -> pd.Series:
    """'reason; reason' for the conditions that hold on each row, ``ok`` where none does."""
    text = pd.Series("", index=index, dtype="object")
    for condition, reason in parts:
        reason = pd.Series(reason, index=index, dtype="object").astype(str)
        text = text + (reason + "; ").where(_true(condition), "")
    text = text.str.removesuffix("; ")
    return text.where(text != "", ok)


def _join(frame: pd.DataFrame, other: pd.DataFrame, on: list[str]) -> pd.DataFrame:
    """``other`` (unique on ``on``) looked up for each row of ``frame``, on frame's index."""
    return frame[on].merge(other, how="left", on=on).set_axis(frame.index)


def _names(document: str) -> str:
    """A JSON list of names or ARNs as 'a, b' (ARNs shortened to their last part)."""
    try:
        items = json.loads(document)
    except (TypeError, ValueError):
        return ""
    return ", ".join(str(item).rsplit("/", 1)[-1] for item in items or [])


def _statements(document: str) -> list[dict[str, Any]]:
    try:
        parsed = json.loads(document)
    except (TypeError, ValueError):
        return []
    statements = parsed.get("Statement", []) if isinstance(parsed, dict) else []
    statements = statements if isinstance(statements, list) else [statements]
    return [s for s in statements if isinstance(s, dict)]


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _allows_full_admin(document: str) -> bool:
    """An Allow of Action '*' on Resource '*' with no Condition."""
    return any(
        s.get("Effect") == "Allow"
        and not s.get("Condition")
        and {"*", "*:*"} & {str(a) for a in _as_list(s.get("Action"))}
        and "*" in _as_list(s.get("Resource"))
        for s in _statements(document)
    )


def _service_wildcards(document: str) -> str:
    """The 'service:*' actions a document's Allow statements grant, as 'ec2:*, s3:*'."""
    found = {
        str(action)
        for s in _statements(document)
        if s.get("Effect") == "Allow"
        for action in _as_list(s.get("Action"))
        if _SERVICE_WILDCARD.match(str(action))
    }
    return ", ".join(sorted(found))


def _remembered(p: pd.DataFrame) -> pd.Series:
    """'remembers N passwords' from iam.password_policy, or 'no password reuse prevention'."""
    text = "remembers " + p["reuse_prevention"].astype("object").astype(str) + " passwords"
    return text.where(p["reuse_prevention"].fillna(0) > 0, "no password reuse prevention")


def _users(inv: Inventory, failed: pd.Series, detail: pd.Series | str) -> pd.DataFrame:
    u = inv["iam.users"]
    return evaluate(u, failed, u["user_name"], detail, u["arn"])


def _report_users(inv: Inventory) -> pd.DataFrame:
    """The credential report without the root user's row."""
    r = inv["iam.credential_report"]
    return r[~_true(r["user"] == ROOT_USER)]


def _report_root(inv: Inventory) -> pd.DataFrame:
    r = inv["iam.credential_report"]
    return r[_true(r["user"] == ROOT_USER)]


def _active_keys(inv: Inventory) -> pd.DataFrame:
    """Per (account_id, user_name): active, old (active keys older than the limit) and ids."""
    k = inv["iam.access_keys"]
    k = k[_true(k["status"] == "Active")].assign(
        old=lambda f: _true(f["age_days"] > MAX_ACCESS_KEY_AGE_DAYS)
    )
    k = k.assign(label=k["access_key_id"] + " (" + k["age_days"].astype(str) + " days)")
    return k.groupby(["account_id", "user_name"], as_index=False).agg(
        active=("access_key_id", "size"),
        old=("old", "sum"),
        keys=("label", ", ".join),
    )


def _user_keys(inv: Inventory) -> pd.DataFrame:
    """``_active_keys`` for each row of iam.users (0 and '' for users without active keys)."""
    found = _join(inv["iam.users"], _active_keys(inv), ["account_id", "user_name"])
    return found.assign(
        active=found["active"].fillna(0).astype(int),
        old=found["old"].fillna(0).astype(int),
        keys=found["keys"].fillna(""),
    )


def _unused_credentials(inv: Inventory, days: int) -> pd.DataFrame:
    """Users whose console password or an active access key has gone unused for ``days``: last
    use, or creation when never used, before the collection minus ``days``."""
    r = _report_users(inv)
    cutoff = _as_of(inv) - pd.Timedelta(days=days)
    password_last = (
        r["password_last_used"].fillna(r["password_last_changed"]).fillna(r["user_creation_time"])
    )
    password = _true(r["password_enabled"]) & _true(password_last < cutoff)
    key_1 = _true(r["access_key_1_active"]) & _true(
        r["access_key_1_last_used_date"].fillna(r["access_key_1_last_rotated"]) < cutoff
    )
    key_2 = _true(r["access_key_2_active"]) & _true(
        r["access_key_2_last_used_date"].fillna(r["access_key_2_last_rotated"]) < cutoff
    )
    detail = _reasons(
        r.index,
        (password, f"console password unused for {days}+ days"),
        (key_1, f"access key 1 unused for {days}+ days"),
        (key_2, f"access key 2 unused for {days}+ days"),
        ok=f"no credential unused for {days} days",
    )
    return evaluate(r, password | key_1 | key_2, r["user"], detail, r["arn"])


# -- root user -------------------------------------------------------------------------------
@check(
    title="Root user has access keys",
    severity="critical",
    service="iam",
    resource_type=ACCOUNT,
    tables=["iam.account_summary"],
    description="The account's root user has at least one access key (AccountAccessKeysPresent).",
    risk="Root access keys give unrestricted, unrestrictable programmatic access to the account; "
    "a leaked key is a full account takeover.",
    remediation="Delete the root user's access keys (IAM console, signed in as root, Security "
    "credentials, or the CLI with the root user's own credentials) and use IAM roles for "
    "automation.",
    remediation_cli="aws iam delete-access-key --access-key-id ROOT_ACCESS_KEY_ID",
    frameworks={"CIS-3.0": ["1.4"], "AWS-FSBP": ["IAM.4"]},
)
def iam_root_access_keys_present(inv: Inventory) -> pd.DataFrame:
    s = inv["iam.account_summary"]
    present = _true(s["root_access_keys_present"])
    detail = present.map({True: "root user has access keys", False: "no root access keys"})
    return evaluate(
        s, present, s["account_id"], detail, "arn:aws:iam::" + s["account_id"] + ":root"
    )


@check(
    title="Root user has no MFA",
    severity="critical",
    service="iam",
    resource_type=ACCOUNT,
    tables=["iam.account_summary"],
    description="The account's root user has no MFA device (AccountMFAEnabled is 0).",
    risk="The root user, which no policy can restrict, is protected by a password alone.",
    remediation="Sign in as the root user and assign an MFA device (a hardware key preferably) "
    "under Security credentials; root MFA cannot be set through the API.",
    frameworks={"CIS-3.0": ["1.5"]},
)
def iam_root_mfa_disabled(inv: Inventory) -> pd.DataFrame:
    s = inv["iam.account_summary"]
    mfa = _true(s["root_mfa_enabled"])
    detail = mfa.map({True: "root MFA enabled", False: "root MFA not enabled"})
    return evaluate(s, ~mfa, s["account_id"], detail, "arn:aws:iam::" + s["account_id"] + ":root")


@check(
    title="Root user has no hardware MFA",
    severity="high",
    service="iam",
    resource_type=ACCOUNT,
    tables=["iam.account_summary", "iam.mfa_devices"],
    description="The root user has no MFA, or its MFA is a virtual device (a virtual device "
    "assigned to the root user is listed by ListVirtualMFADevices; root MFA without one is a "
    "hardware token or security key).",
    risk="A virtual MFA lives on a phone or laptop that can be lost, cloned or compromised; the "
    "root user deserves a dedicated hardware device.",
    remediation="Sign in as the root user, remove the virtual MFA device and assign a hardware "
    "TOTP token or FIDO security key (console only).",
    frameworks={"CIS-3.0": ["1.6"], "AWS-FSBP": ["IAM.6"]},
)
def iam_root_hardware_mfa_disabled(inv: Inventory) -> pd.DataFrame:
    s = inv["iam.account_summary"]
    m = inv["iam.mfa_devices"]
    virtual = m[_true(m["user_name"] == ROOT_USER) & _true(m["type"] == "virtual")]
    serial = s["account_id"].map(virtual.groupby("account_id")["serial_number"].first())
    mfa = _true(s["root_mfa_enabled"])
    detail = (
        ("virtual MFA device " + serial.astype("object"))
        .where(serial.notna(), "MFA without a virtual device (hardware)")
        .where(mfa, "root user has no MFA")
    )
    return evaluate(
        s,
        ~mfa | serial.notna(),
        s["account_id"],
        detail,
        "arn:aws:iam::" + s["account_id"] + ":root",
    )


@check(
    title="Root user was used recently",
    severity="medium",
    service="iam",
    resource_type=ACCOUNT,
    tables=["iam.credential_report"],
    description=f"The credential report shows the root user's password or an access key used "
    f"within {ROOT_USE_WINDOW_DAYS} days of the collection.",
    risk="Daily or administrative work as root escapes every IAM policy and exposes the one "
    "credential that cannot be restricted.",
    remediation="Use IAM roles (Identity Center) for administration; keep the root user for the "
    "few tasks that require it, and find out who used it and why.",
    frameworks={"CIS-3.0": ["1.7"]},
)
def iam_root_used_recently(inv: Inventory) -> pd.DataFrame:
    r = _report_root(inv)
    used = ["password_last_used", "access_key_1_last_used_date", "access_key_2_last_used_date"]
    days = (_as_of(inv) - r[used].max(axis=1)).dt.days
    recent = _true(days <= ROOT_USE_WINDOW_DAYS)
    detail = ("last used " + days.astype("Int64").astype(str) + " days ago").where(
        days.notna(), "no use recorded"
    )
    return evaluate(r, recent, r["account_id"], detail, r["arn"])


# -- password policy -------------------------------------------------------------------------
@check(
    title="Account has no IAM password policy",
    severity="medium",
    service="iam",
    resource_type=ACCOUNT,
    tables=["iam.password_policy"],
    description="No custom password policy is set: IAM users' console passwords follow AWS's "
    "default (8 characters, no reuse prevention).",
    risk="Users can choose short, guessable or reused passwords.",
    remediation="Set a password policy: at least 14 characters, all character classes, 24 "
    "passwords remembered.",
    remediation_cli=_PASSWORD_POLICY_CLI,
    frameworks={"AWS-FSBP": ["IAM.7"]},
)
def iam_password_policy_missing(inv: Inventory) -> pd.DataFrame:
    p = inv["iam.password_policy"]
    configured = _true(p["configured"])
    detail = configured.map({True: "password policy set", False: "no password policy"})
    return evaluate(p, ~configured, p["account_id"], detail)


@check(
    title="IAM password policy is weak",
    severity="medium",
    service="iam",
    resource_type=ACCOUNT,
    tables=["iam.password_policy"],
    description=f"The account's password policy asks for fewer than {MIN_PASSWORD_LENGTH} "
    f"characters, does not require all four character classes, or remembers fewer than "
    f"{PASSWORD_REUSE_PREVENTION} passwords. Accounts without a policy are judged by "
    "iam_password_policy_missing.",
    risk="Weak passwords are guessed, sprayed or reused from other breaches.",
    remediation="Strengthen the policy: 14+ characters, upper and lower case, digits, symbols, "
    "24 passwords remembered.",
    remediation_cli=_PASSWORD_POLICY_CLI,
    frameworks={"AWS-FSBP": ["IAM.7"]},
)
def iam_password_policy_weak(inv: Inventory) -> pd.DataFrame:
    p = inv["iam.password_policy"]
    p = p[_true(p["configured"])]
    short = p["minimum_length"].fillna(0) < MIN_PASSWORD_LENGTH
    reuse = p["reuse_prevention"].fillna(0) < PASSWORD_REUSE_PREVENTION
    classes = (
        ("require_symbols", "symbols"),
        ("require_numbers", "digits"),
        ("require_uppercase", "uppercase"),
        ("require_lowercase", "lowercase"),
    )
    missing = [(~_true(p[column]), f"{name} not required") for column, name in classes]
    detail = _reasons(
        p.index,
        (short, "minimum length " + p["minimum_length"].astype(str)),
        *missing,
        (reuse, _remembered(p)),
        ok="strong",
    )
    weak = short | reuse | pd.concat([m for m, _ in missing], axis=1).any(axis=1)
    return evaluate(p, weak, p["account_id"], detail)


@check(
    title=f"IAM password policy allows passwords shorter than {MIN_PASSWORD_LENGTH}",
    severity="medium",
    service="iam",
    resource_type=ACCOUNT,
    tables=["iam.password_policy"],
    description=f"The password policy's minimum length is below {MIN_PASSWORD_LENGTH}, or there "
    "is no policy (AWS's default minimum is 8).",
    risk="Short passwords fall to brute force and password spraying.",
    remediation=f"Set the minimum password length to {MIN_PASSWORD_LENGTH} or more.",
    remediation_cli=_PASSWORD_POLICY_CLI,
    frameworks={"CIS-3.0": ["1.8"]},
)
def iam_password_policy_minimum_length(inv: Inventory) -> pd.DataFrame:
    p = inv["iam.password_policy"]
    configured = _true(p["configured"])
    short = ~configured | _true(p["minimum_length"].fillna(0) < MIN_PASSWORD_LENGTH)
    detail = ("minimum length " + p["minimum_length"].astype(str)).where(
        configured, "no password policy"
    )
    return evaluate(p, short, p["account_id"], detail)


@check(
    title="IAM password policy does not prevent password reuse",
    severity="medium",
    service="iam",
    resource_type=ACCOUNT,
    tables=["iam.password_policy"],
    description=f"The password policy remembers fewer than {PASSWORD_REUSE_PREVENTION} "
    "previous passwords, or there is no policy.",
    risk="Users cycle back to old, possibly leaked, passwords.",
    remediation=f"Set password reuse prevention to {PASSWORD_REUSE_PREVENTION}.",
    remediation_cli=_PASSWORD_POLICY_CLI,
    frameworks={"CIS-3.0": ["1.9"]},
)
def iam_password_policy_reuse_prevention(inv: Inventory) -> pd.DataFrame:
    p = inv["iam.password_policy"]
    configured = _true(p["configured"])
    failed = ~configured | _true(p["reuse_prevention"].fillna(0) < PASSWORD_REUSE_PREVENTION)
    return evaluate(
        p, failed, p["account_id"], _remembered(p).where(configured, "no password policy")
    )


# -- users: MFA and credentials --------------------------------------------------------------
@check(
    title="IAM user with a console password has no MFA",
    severity="high",
    service="iam",
    resource_type=USER,
    tables=["iam.users"],
    description="The user can sign in to the console with a password and has no MFA device.",
    risk="A phished, guessed or reused password is enough to sign in as the user.",
    remediation="Assign an MFA device to the user (or remove the console password if it is not "
    "needed), and deny actions without MFA.",
    remediation_cli="aws iam create-virtual-mfa-device --virtual-mfa-device-name {resource_id} "
    "--outfile {resource_id}.png --bootstrap-method QRCodePNG && aws iam enable-mfa-device "
    "--user-name {resource_id} --serial-number arn:aws:iam::{account_id}:mfa/{resource_id} "
    "--authentication-code1 CODE1 --authentication-code2 CODE2",
    frameworks={"CIS-3.0": ["1.10"], "AWS-FSBP": ["IAM.5"]},
)
def iam_user_console_without_mfa(inv: Inventory) -> pd.DataFrame:
    u = inv["iam.users"]
    console, mfa = _true(u["password_enabled"]), _true(u["mfa_active"])
    detail = mfa.map({True: "console password with MFA", False: "console password, no MFA"})
    return _users(inv, console & ~mfa, detail.where(console, "no console password"))


@check(
    title="IAM user with a console password has an access key never used",
    severity="low",
    service="iam",
    resource_type=USER,
    tables=["iam.credential_report"],
    description="The user has a console password and an active access key that has never been "
    "used: the sign of a key made by default at user setup rather than on need.",
    risk="Unneeded long-lived keys widen the attack surface and tend to be forgotten.",
    remediation="Delete access keys that were made at setup and never used; make keys only "
    "when the user needs programmatic access.",
    remediation_cli="aws iam delete-access-key --user-name {resource_id} "
    "--access-key-id ACCESS_KEY_ID",
    frameworks={"CIS-3.0": ["1.11"]},
)
def iam_user_initial_access_key_unused(inv: Inventory) -> pd.DataFrame:
    r = _report_users(inv)
    console = _true(r["password_enabled"])
    key_1 = _true(r["access_key_1_active"]) & r["access_key_1_last_used_date"].isna()
    key_2 = _true(r["access_key_2_active"]) & r["access_key_2_last_used_date"].isna()
    detail = _reasons(
        r.index,
        (console & key_1, "console user's access key 1 never used"),
        (console & key_2, "console user's access key 2 never used"),
        ok="no unused access key on a console user",
    )
    return evaluate(r, console & (key_1 | key_2), r["user"], detail, r["arn"])


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
    remediation_cli=_DEACTIVATE_KEY_CLI,
    frameworks={"CIS-3.0": ["1.12"]},
)
def iam_user_credentials_unused_45_days(inv: Inventory) -> pd.DataFrame:
    return _unused_credentials(inv, 45)


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
    remediation_cli=_DEACTIVATE_KEY_CLI,
    frameworks={"AWS-FSBP": ["IAM.8"]},
)
def iam_user_credentials_unused_90_days(inv: Inventory) -> pd.DataFrame:
    return _unused_credentials(inv, 90)


@check(
    title="IAM user has more than one active access key",
    severity="medium",
    service="iam",
    resource_type=USER,
    tables=["iam.users", "iam.access_keys"],
    description="The user has more than one active access key.",
    risk="Two live keys double the exposure and usually mean a rotation was never finished.",
    remediation="Deactivate, then delete, the key that is no longer used.",
    remediation_cli=_DEACTIVATE_KEY_CLI,
    frameworks={"CIS-3.0": ["1.13"]},
)
def iam_user_multiple_active_keys(inv: Inventory) -> pd.DataFrame:
    keys = _user_keys(inv)
    detail = keys["active"].astype(str) + " active access key(s): " + keys["keys"]
    return _users(inv, keys["active"] > 1, detail.where(keys["active"] > 0, "no active access key"))


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
    + _DEACTIVATE_KEY_CLI.replace("ACCESS_KEY_ID", "OLD_ACCESS_KEY_ID"),
    frameworks={"CIS-3.0": ["1.14"], "AWS-FSBP": ["IAM.3"]},
)
def iam_user_access_key_older_than_90_days(inv: Inventory) -> pd.DataFrame:
    keys = _user_keys(inv)
    detail = ("active keys: " + keys["keys"]).where(keys["active"] > 0, "no active access key")
    return _users(inv, keys["old"] > 0, detail)


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
    remediation_cli=_DEACTIVATE_KEY_CLI,
)
def iam_user_access_key_without_mfa(inv: Inventory) -> pd.DataFrame:
    u, keys = inv["iam.users"], _user_keys(inv)
    has_key, mfa = keys["active"] > 0, _true(u["mfa_active"])
    detail = ("active keys " + keys["keys"] + ", no MFA").where(
        has_key & ~mfa, has_key.map({True: "has MFA", False: "no active access key"})
    )
    return _users(inv, has_key & ~mfa, detail)


# -- users: permissions ----------------------------------------------------------------------
@check(
    title="IAM user has policies attached directly",
    severity="low",
    service="iam",
    resource_type=USER,
    tables=["iam.users"],
    description="The user has managed policies attached or inline policies embedded, instead of "
    "receiving permissions only through groups.",
    risk="Per-user permissions drift, pile up and escape review.",
    remediation="Move the permissions to groups (or roles) and detach the user's own policies.",
    remediation_cli="aws iam detach-user-policy --user-name {resource_id} --policy-arn POLICY_ARN",
    frameworks={"CIS-3.0": ["1.15"], "AWS-FSBP": ["IAM.2"]},
)
def iam_user_policy_attached_directly(inv: Inventory) -> pd.DataFrame:
    u = inv["iam.users"]
    managed = each(u["attached_policy_arns"], _names).fillna("")
    inline = each(u["inline_policy_names"], _names).fillna("")
    detail = _reasons(
        u.index,
        (managed != "", "managed: " + managed),
        (inline != "", "inline: " + inline),
        ok="permissions through groups only",
    )
    return _users(inv, (managed != "") | (inline != ""), detail)


@check(
    title="IAM user has administrator access attached directly",
    severity="high",
    service="iam",
    resource_type=USER,
    tables=["iam.users", "iam.policy_attachments", "iam.policies"],
    description="AdministratorAccess, a customer managed policy that allows '*' on '*', or an "
    "inline policy that does, is attached to the user itself (policies of the user's groups "
    "are not counted).",
    risk="A user's long-lived credentials (password, access keys) become full control of the "
    "account.",
    remediation="Detach the policy; give administrators short sessions through roles or IAM "
    "Identity Center instead.",
    remediation_cli="aws iam detach-user-policy --user-name {resource_id} "
    "--policy-arn arn:aws:iam::aws:policy/AdministratorAccess",
)
def iam_user_admin_policy_attached(inv: Inventory) -> pd.DataFrame:
    a, p = inv["iam.policy_attachments"], inv["iam.policies"]
    a = a[_true(a["principal_type"] == "user")]
    full_admin = p.loc[_true(p["allows_full_admin"]), "arn"]
    admin = (
        _true(a["policy_arn"].str.match(ADMINISTRATOR_ACCESS))
        | _true(a["policy_arn"].isin(full_admin))
        | _true(each(a["document"], _allows_full_admin))
    )
    found = inv["iam.users"]["arn"].map(
        a[admin].groupby("principal_arn")["policy_name"].agg(", ".join)
    )
    detail = ("admin policies: " + found.astype("object")).fillna("no admin policy on the user")
    return _users(inv, found.notna(), detail)


@check(
    title="IAM user has inline policies",
    severity="low",
    service="iam",
    resource_type=USER,
    tables=["iam.users"],
    description="Policies are embedded in the user rather than managed and attached.",
    risk="Inline policies are invisible in policy listings, cannot be reused or versioned, and "
    "are easily forgotten when the user's role changes.",
    remediation="Replace the inline policy with a managed policy attached to a group, then "
    "delete it.",
    remediation_cli="aws iam delete-user-policy --user-name {resource_id} --policy-name POLICY_NAME",
)
def iam_user_inline_policy(inv: Inventory) -> pd.DataFrame:
    u = inv["iam.users"]
    inline = each(u["inline_policy_names"], _names).fillna("")
    return _users(inv, inline != "", ("inline: " + inline).where(inline != "", "none"))


# -- policies --------------------------------------------------------------------------------
@check(
    title="Customer managed policy allows full administrative privileges",
    severity="high",
    service="iam",
    resource_type=POLICY,
    tables=["iam.policies"],
    description="The policy's default version allows Action '*' on Resource '*' with no "
    "Condition (attached or not: an unattached one is a ready-made escalation).",
    risk="Whoever holds the policy controls the whole account.",
    remediation="Replace the policy's document with the least privilege its users need, or "
    "detach and delete it.",
    remediation_cli=_NEW_POLICY_VERSION_CLI,
    frameworks={"CIS-3.0": ["1.16"], "AWS-FSBP": ["IAM.1"]},
)
def iam_policy_allows_full_admin(inv: Inventory) -> pd.DataFrame:
    p = inv["iam.policies"]
    admin = _true(p["allows_full_admin"])
    attached = "attached " + p["attachment_count"].fillna(0).astype(str) + " time(s)"
    detail = ("allows * on *, " + attached).where(admin, "no full admin statement")
    return evaluate(p, admin, p["arn"], detail, p["arn"])


@check(
    title="Customer managed policy allows every action of a service",
    severity="medium",
    service="iam",
    resource_type=POLICY,
    tables=["iam.policies"],
    description="An Allow statement of the policy's default version grants 'service:*' "
    "(e.g. s3:*, iam:*).",
    risk="Service-wide wildcards grant destructive and privilege-changing actions nobody "
    "meant to give, including actions AWS adds later.",
    remediation="List the actions the policy's users need instead of the wildcard.",
    remediation_cli=_NEW_POLICY_VERSION_CLI,
    frameworks={"AWS-FSBP": ["IAM.21"]},
)
def iam_policy_allows_service_wildcard(inv: Inventory) -> pd.DataFrame:
    p = inv["iam.policies"]
    found = each(p["document"], _service_wildcards).fillna("")
    detail = ("allows " + found).where(found != "", "no service-wide wildcard")
    return evaluate(p, found != "", p["arn"], detail, p["arn"])


# -- account-wide ----------------------------------------------------------------------------
@check(
    title="No support role for AWS Support",
    severity="low",
    service="iam",
    resource_type=ACCOUNT,
    tables=["iam.account_summary", "iam.policy_attachments"],
    description="No IAM role in the account has the AWSSupportAccess managed policy attached.",
    risk="During an incident nobody may be allowed to open or follow AWS Support cases without "
    "broader privileges.",
    remediation="Create a role trusted by your incident responders and attach AWSSupportAccess.",
    remediation_cli="aws iam create-role --role-name AWSSupportRole "
    "--assume-role-policy-document file://trust.json && aws iam attach-role-policy "
    "--role-name AWSSupportRole --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess",
    frameworks={"CIS-3.0": ["1.17"]},
)
def iam_support_role_missing(inv: Inventory) -> pd.DataFrame:
    s, a = inv["iam.account_summary"], inv["iam.policy_attachments"]
    support = a[
        _true(a["principal_type"] == "role") & _true(a["policy_arn"].str.match(SUPPORT_ACCESS))
    ]
    roles = s["account_id"].map(support.groupby("account_id")["principal_name"].agg(", ".join))
    detail = ("support role(s): " + roles.astype("object")).fillna(
        "no role has AWSSupportAccess attached"
    )
    return evaluate(s, roles.isna(), s["account_id"], detail)


@check(
    title="IAM identity has AWSCloudShellFullAccess attached",
    severity="medium",
    service="iam",
    resource_type="AWS::IAM::User, AWS::IAM::Group or AWS::IAM::Role",
    tables=["iam.users", "iam.groups", "iam.roles", "iam.policy_attachments"],
    description="A user, group or role has the AWSCloudShellFullAccess managed policy attached. "
    "The resource id is the principal's name; the detail says which kind it is.",
    risk="CloudShell full access allows uploading and downloading files from a shell inside the "
    "account: a data exfiltration path outside other controls.",
    remediation="Detach the policy (aws iam detach-user-policy / detach-group-policy / "
    "detach-role-policy --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess) and grant "
    "a narrower CloudShell policy where it is needed.",
    frameworks={"CIS-3.0": ["1.22"]},
)
def iam_cloudshell_full_access_attached(inv: Inventory) -> pd.DataFrame:
    kinds = (("iam.users", "user"), ("iam.groups", "group"), ("iam.roles", "role"))
    principals = pd.concat(
        [
            inv[t][["account_id", "region", "arn", f"{kind}_name"]]
            .rename(columns={f"{kind}_name": "name"})
            .assign(kind=kind)
            for t, kind in kinds
        ],
        ignore_index=True,
    )
    a = inv["iam.policy_attachments"]
    holders = a.loc[_true(a["policy_arn"].str.match(CLOUDSHELL_FULL_ACCESS)), "principal_arn"]
    failed = principals["arn"].isin(holders)
    detail = principals["kind"] + failed.map(
        {True: " has AWSCloudShellFullAccess", False: " without AWSCloudShellFullAccess"}
    )
    return evaluate(principals, failed, principals["name"], detail, principals["arn"])


# -- roles -----------------------------------------------------------------------------------
@check(
    title="IAM role trusts an account outside the organization",
    severity="high",
    service="iam",
    resource_type=ROLE,
    tables=["iam.roles"],
    description="The role's trust policy lets principals of an AWS account outside the "
    "organization (outside the account when the organization cannot be read) assume it.",
    risk="Another company's principals, and whoever compromises them, act in this account with "
    "the role's permissions; without an sts:ExternalId condition the role is also open to the "
    "confused deputy problem.",
    remediation="Confirm the third party is expected; restrict the trust to the exact role ARN "
    "and require sts:ExternalId, or remove the trust.",
    remediation_cli=_TRUST_POLICY_CLI,
)
def iam_role_trusts_external_account(inv: Inventory) -> pd.DataFrame:
    r = inv["iam.roles"]
    external = _true(r["trusts_external_account"])
    external_id = _true(r["trust_policy"].str.contains("sts:ExternalId", case=False, regex=False))
    detail = (
        "trusts accounts "
        + each(r["trusted_accounts"], _names, "").astype(str)
        + external_id.map({True: " (with sts:ExternalId)", False: " (no sts:ExternalId)"})
    )
    return evaluate(
        r, external, r["role_name"], detail.where(external, "no external account"), r["arn"]
    )


@check(
    title="IAM role can be assumed by anyone",
    severity="critical",
    service="iam",
    resource_type=ROLE,
    tables=["iam.roles"],
    description="The role's trust policy allows the principal '*' (or AWS '*'); only its "
    "conditions, if any, stand between any AWS identity and the role.",
    risk="Any AWS principal in any account may assume the role unless a condition stops it.",
    remediation="Name the trusted principals explicitly in the trust policy.",
    remediation_cli=_TRUST_POLICY_CLI,
)
def iam_role_trusts_everyone(inv: Inventory) -> pd.DataFrame:
    r = inv["iam.roles"]
    everyone = _true(r["trusts_everyone"])
    detail = everyone.map({True: "trusts principal *", False: "no wildcard principal"})
    return evaluate(r, everyone, r["role_name"], detail, r["arn"])
