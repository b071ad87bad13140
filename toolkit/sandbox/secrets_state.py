"""Secrets Manager state that AWS has and moto cannot be told through its API, set inside the
server, and the answers that carry it.

moto dates a secret, its rotation and its last change "now", and never answers
``LastAccessedDate`` (its ListSecrets and DescribeSecret say null even after GetSecretValue).
An audit needs secrets made, rotated and read long ago (FSBP SecretsManager.3 and .4), so:

- ``apply`` (``POST /_sandbox/secretsmanager``, from the seeder) sets, on moto's own secret,
  when it was created, last rotated (the next rotation follows from the rules) and last changed
  (the later of the two), and when it was last read; a saved estate keeps them;
- ``REWRITES``: GetSecretValue records the read on the secret, and ListSecrets and
  DescribeSecret answer ``LastAccessedDate`` from it, as AWS does: the day only, at midnight UTC.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from .protocols import RequestInfo

#: The attribute of moto's secret that holds when it was last read (epoch seconds).
LAST_ACCESSED = "sandbox_last_accessed"


def _backend(account: str, region: str) -> Any:
    from moto.secretsmanager.models import secretsmanager_backends

    return secretsmanager_backends[account][region]


def _day(days_ago: int | None = 0) -> int:
    """Midnight UTC, ``days_ago`` days before today, in epoch seconds (AWS's access date)."""
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return int((today - timedelta(days=int(days_ago or 0))).timestamp())


def _ago(days: int) -> int:
    return int((datetime.now(UTC) - timedelta(days=int(days))).timestamp())


def apply(change: dict[str, Any]) -> dict[str, Any]:
    """``{"account", "region", "arn", "created_days_ago": n, "rotated_days_ago": n or None,
    "accessed_days_ago": n or None}``: None means never."""
    secret = _backend(change["account"], change["region"]).secrets[change["arn"]]
    created = _ago(change.get("created_days_ago") or 0)
    secret.created_date = created
    rotated = change.get("rotated_days_ago")
    if rotated is None:
        secret.last_rotation_date = None
        secret.last_changed_date = created
    else:
        secret.last_rotation_date = _ago(rotated)
        secret.last_changed_date = max(created, secret.last_rotation_date)
        days = int(getattr(secret, "auto_rotate_after_days", 0) or 0)
        if days:
            secret.next_rotation_date = secret.last_rotation_date + days * 86400
    accessed = change.get("accessed_days_ago")
    setattr(secret, LAST_ACCESSED, None if accessed is None else _day(accessed))
    return {"arn": secret.arn}


def _secret(info: RequestInfo, account: str, arn: Any) -> Any:
    return _backend(account, info.region).secrets.get(str(arn)) if arn else None


def _read(info: RequestInfo, account: str, body: bytes) -> bytes:
    secret = _secret(info, account, json.loads(body or b"{}").get("ARN"))
    if secret is not None:
        setattr(secret, LAST_ACCESSED, _day())
    return body


def _access_dates(info: RequestInfo, account: str, body: bytes) -> bytes:
    answer = json.loads(body or b"{}")
    for entry in [answer, *(answer.get("SecretList") or [])]:
        secret = _secret(info, account, entry.get("ARN"))
        if secret is None:
            continue
        accessed = getattr(secret, LAST_ACCESSED, None)
        if accessed is None:
            entry.pop("LastAccessedDate", None)
        else:
            entry["LastAccessedDate"] = accessed
    return json.dumps(answer).encode()


#: Operation -> its rewrite of moto's successful answer body (see ``rewrites``).
REWRITES = {
    "secretsmanager.GetSecretValue": _read,
    "secretsmanager.ListSecrets": _access_dates,
    "secretsmanager.DescribeSecret": _access_dates,
}
