"""IAM state that AWS has and moto cannot be told through its API, set inside the server.

The root user: whether it has MFA and access keys (moto's account summary always says no MFA,
and its credential report has no ``<root_account>`` row). Access key ages: moto dates every key
"now"; an audit needs keys older than 90 days. Use: when each access key was last used, where
and with which service (moto records a use only when a request is signed with the key), and
when each console password was last used (moto has no sign-in); both are kept on moto's own
objects (its ``AccessKey.last_used`` and ``User.password_last_used``), so moto's
GetAccessKeyLastUsed answers them and a saved estate keeps them. Users' permissions boundaries
(moto has no PutUserPermissionsBoundary): kept as ``User.permissions_boundary``, which moto's
serializer gives as the user's PermissionsBoundary in GetAccountAuthorizationDetails and GetUser.
Passwords set some days ago:
moto dates a password with its user. The middleware calls ``apply`` for ``POST /_sandbox/iam``
and ``credential_report`` for GetCredentialReport, which also says what moto's leaves
``not_supported``: each key's last used region and service, and when each password must next be
changed under the account's password policy.
"""

from __future__ import annotations

import base64
import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

#: account id -> {"root_mfa": bool, "root_access_keys": bool}
ROOT: dict[str, dict[str, bool]] = {}


def _backend(account: str) -> Any:
    from moto.iam.models import iam_backends

    return iam_backends[account]["aws"]


def _days_ago(days: Any) -> datetime:
    """That many days before now, naive UTC as moto keeps its dates."""
    return datetime.now(UTC).replace(tzinfo=None) - timedelta(days=int(days))


def apply(change: dict[str, Any]) -> dict[str, Any]:
    """``{"account": id, "root_mfa": b, "root_access_keys": b, "key_ages": {user: days},
    "password_ages": {user: days}, "password_last_used": {user: days}, "keys_last_used":
    {user: [{"days": n, "service": s, "region": r}, ...]}, "user_boundaries": {user: policy
    ARN}}``: the uses in key order (a key past the list's end was never used)."""
    account = change["account"]
    backend = _backend(account)
    root = ROOT.setdefault(account, {"root_mfa": False, "root_access_keys": False})
    for flag in ("root_mfa", "root_access_keys"):
        if flag in change:
            root[flag] = bool(change[flag])
    summary = backend.account_summary
    summary._account_mfa_enabled = int(root["root_mfa"])
    summary._account_access_keys_present = int(root["root_access_keys"])
    for user_name, days in (change.get("key_ages") or {}).items():
        user = backend.get_user(user_name)
        created = _days_ago(days)
        user.create_date = min(user.create_date, created)
        for key in user.access_keys:
            key.create_date = created
    for user_name, days in (change.get("password_ages") or {}).items():
        user = backend.get_user(user_name)  # moto dates the password with its user
        user.create_date = min(user.create_date, _days_ago(days))
    for user_name, days in (change.get("password_last_used") or {}).items():
        backend.get_user(user_name).password_last_used = _days_ago(days)
    for user_name, uses in (change.get("keys_last_used") or {}).items():
        from moto.iam.models import AccessKeyLastUsed

        keys = backend.get_user(user_name).access_keys
        for key, use in zip(keys, uses, strict=False):
            key.last_used = AccessKeyLastUsed(
                timestamp=_days_ago(use["days"]), service=use["service"], region=use["region"]
            )
    for user_name, boundary in (change.get("user_boundaries") or {}).items():
        backend.get_user(user_name).permissions_boundary = {
            "PermissionsBoundaryType": "PermissionsBoundaryPolicy",
            "PermissionsBoundaryArn": boundary,
        }
    return {"account": account, **root}


def credential_report(account: str) -> tuple[int, list[tuple[str, str]], bytes] | None:
    """The credential report with AWS's ``<root_account>`` row first; None when not generated."""
    backend = _backend(account)
    if not backend.credential_report:
        return None
    lines = backend.get_credential_report().splitlines()
    root = ROOT.get(account, {"root_mfa": False, "root_access_keys": False})
    created = "2020-01-01T00:00:00+00:00"
    keys = "true" if root["root_access_keys"] else "false"
    rotated = created if root["root_access_keys"] else "N/A"
    row = [
        "<root_account>", f"arn:aws:iam::{account}:root", created, "not_supported", "N/A",
        "not_supported", "not_supported", "true" if root["root_mfa"] else "false",
        keys, rotated, "N/A", "N/A", "N/A", "false", "N/A", "N/A", "N/A", "N/A",
        "false", "N/A", "false", "N/A",
    ]  # fmt: skip
    users = _completed(backend, lines)
    report = "\n".join([lines[0], ",".join(row), *users]) + "\n"
    content = base64.b64encode(report.encode()).decode()
    generated = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = (
        '<GetCredentialReportResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">'
        f"<GetCredentialReportResult><Content>{content}</Content><ReportFormat>text/csv</ReportFormat>"
        f"<GeneratedTime>{generated}</GeneratedTime></GetCredentialReportResult>"
        "<ResponseMetadata><RequestId>sandbox</RequestId></ResponseMetadata>"
        "</GetCredentialReportResponse>"
    ).encode()
    return 200, [("Content-Type", "text/xml")], body


def _completed(backend: Any, lines: list[str]) -> list[str]:
    """moto's user lines with each key's last used region and service, each password's next
    rotation, and ``N/A`` for the password dates of a user without one, as AWS writes them."""
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    policy = backend.account_password_policy
    max_age = policy.max_password_age if policy is not None else 0
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=lines[0].split(","), lineterminator="\n")
    for row in rows:
        user = backend.users.get(row["user"])
        keys = user.access_keys if user else []
        for number in (1, 2):
            used = keys[number - 1].last_used if len(keys) >= number else None
            row[f"access_key_{number}_last_used_region"] = used.region if used else "N/A"
            row[f"access_key_{number}_last_used_service"] = used.service if used else "N/A"
        row["password_next_rotation"] = "N/A"
        if row["password_enabled"] == "false":  # moto dates a password the user does not have
            row["password_last_used"] = row["password_last_changed"] = "N/A"
        elif max_age:
            changed = datetime.fromisoformat(row["password_last_changed"])
            row["password_next_rotation"] = (changed + timedelta(days=max_age)).isoformat()
        writer.writerow(row)
    return out.getvalue().splitlines()
