"""Secrets Manager checks on small inventories built by hand: exactly which secrets FAIL and
PASS at AWS's default parameters (90 days), why, and the FSBP controls they answer."""

from __future__ import annotations

import pandas as pd

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
WEST = "eu-west-1"
ROTATION = "secretsmanager_secret_rotation_disabled"
UNUSED = "secretsmanager_secret_unused_90_days"
OVERDUE = "secretsmanager_secret_not_rotated_90_days"
COLLECTED = pd.Timestamp("2026-06-30T12:00:00Z")


def ago(days: int) -> pd.Timestamp:
    return COLLECTED - pd.Timedelta(days=days)


def secret(name: str, created: int = 400, **fields) -> dict:
    return {
        "account_id": A,
        "region": WEST,
        "name": name,
        "arn": f"arn:aws:secretsmanager:{WEST}:{A}:secret:{name}-AbCdEf",
        "created_date": ago(created),
        **fields,
    }


def results(check: str, *rows: dict) -> dict[str, tuple[str, str]]:
    frame = TABLES["secretsmanager.secrets"].frame(rows)
    inv = Inventory({"secretsmanager.secrets": frame}, meta={"started": COLLECTED.isoformat()})
    found = toolkit.run_checks(inv, checks=check)
    assert set(found["check_id"]) <= {check}
    values = zip(found["status"].astype(str), found["detail"], strict=True)
    return dict(zip(found["resource_id"], values, strict=True))


def test_checks_are_mapped_to_their_fsbp_controls() -> None:
    load_builtin()
    assert CHECKS[ROTATION].frameworks == {"AWS-FSBP": ("SecretsManager.1",)}
    assert CHECKS[UNUSED].frameworks == {"AWS-FSBP": ("SecretsManager.3",)}
    assert CHECKS[OVERDUE].frameworks == {"AWS-FSBP": ("SecretsManager.4",)}
    assert "unusedForDays: 90" in CHECKS[UNUSED].description
    assert "maxDaysSinceRotation: 90" in CHECKS[OVERDUE].description
    assert "maximumAllowedRotationFrequency" in CHECKS[ROTATION].description


def test_rotation_fails_secrets_without_automatic_rotation() -> None:
    result = results(
        ROTATION,
        secret("rotating", rotation_enabled=True, rotation_every_days=30),
        secret("manual", rotation_enabled=False),
        secret("unknown"),
    )
    assert result == {
        "rotating": ("PASS", "automatic rotation enabled, every 30 days"),
        "manual": ("FAIL", "automatic rotation disabled"),
        "unknown": ("FAIL", "automatic rotation disabled"),
    }


def test_unused_counts_from_the_last_read_or_else_the_creation() -> None:
    result = results(
        UNUSED,
        secret("read-lately", last_accessed_date=ago(3)),
        secret("read-long-ago", last_accessed_date=ago(91)),
        secret("read-90-days-ago", last_accessed_date=ago(90)),
        secret("new-never-read", created=10),
        secret("old-never-read", created=200),
    )
    assert {k: v[0] for k, v in result.items()} == {
        "read-lately": "PASS",
        "read-long-ago": "FAIL",
        "read-90-days-ago": "PASS",
        "new-never-read": "PASS",
        "old-never-read": "FAIL",
    }
    assert result["read-long-ago"][1] == "last read 2026-03-31 (91 days before the collection)"
    assert result["old-never-read"][1].startswith("never read; created 2025-12-12 (200 days")


def test_overdue_counts_from_the_last_rotation_or_else_the_creation() -> None:
    result = results(
        OVERDUE,
        secret("rotated-lately", rotation_enabled=True, last_rotated_date=ago(20)),
        secret("rotation-failing", rotation_enabled=True, last_rotated_date=ago(150)),
        secret("new-never-rotated", created=30),
        secret("old-never-rotated", created=300),
    )
    assert {k: v[0] for k, v in result.items()} == {
        "rotated-lately": "PASS",
        "rotation-failing": "FAIL",
        "new-never-rotated": "PASS",
        "old-never-rotated": "FAIL",
    }
    assert result["rotation-failing"][1].startswith("last rotated 2026-01-31 (150 days")
    assert result["new-never-rotated"][1].startswith("never rotated; created")
