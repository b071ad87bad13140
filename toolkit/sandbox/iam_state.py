"""IAM state that AWS has and moto cannot be told through its API, set inside the server.

The root user: whether it has MFA and access keys (moto's account summary always says no MFA,
and its credential report has no ``<root_account>`` row). Access key ages: moto dates every key
"now"; an audit needs keys older than 90 days. The middleware calls ``apply`` for
``POST /_sandbox/iam`` and ``credential_report`` for GetCredentialReport.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta
from typing import Any

#: account id -> {"root_mfa": bool, "root_access_keys": bool}
ROOT: dict[str, dict[str, bool]] = {}


def _backend(account: str) -> Any:
    from moto.iam.models import iam_backends

    return iam_backends[account]["aws"]


def apply(change: dict[str, Any]) -> dict[str, Any]:
    """``{"account": id, "root_mfa": b, "root_access_keys": b, "key_ages": {user: days}}``."""
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
        created = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=int(days))
        user.create_date = min(user.create_date, created)
        for key in user.access_keys:
            key.create_date = created
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
    report = "\n".join([lines[0], ",".join(row), *lines[1:]]) + "\n"
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
