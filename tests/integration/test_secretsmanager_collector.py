"""The Secrets Manager table holds exactly what plain boto3 sees in the sandbox, and what was
seeded (dates included, which the sandbox sets as AWS would have: ``secrets_state``); its
checks FAIL exactly the planted secrets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "secretsmanager.secrets"
CHECKS = (
    "secretsmanager_secret_rotation_disabled",
    "secretsmanager_secret_unused_90_days",
    "secretsmanager_secret_not_rotated_90_days",
)
DATES = (
    ("created_date", "CreatedDate"),
    ("last_changed_date", "LastChangedDate"),
    ("last_rotated_date", "LastRotatedDate"),
    ("next_rotation_date", "NextRotationDate"),
    ("last_accessed_date", "LastAccessedDate"),
)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="secretsmanager", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def _stamp(value: object) -> pd.Timestamp | None:
    return None if value is None else pd.Timestamp(value).tz_convert("UTC")


def test_secrets_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            client = sandbox.client(session, "secretsmanager", region)
            listed = client.list_secrets()["SecretList"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["arn"]) == sorted(s["ARN"] for s in listed)
            rows = here.set_index("arn")
            for secret in listed:
                row = rows.loc[secret["ARN"]]
                assert row["name"] == secret["Name"]
                assert cell(row["kms_key_id"]) == secret.get("KmsKeyId")
                assert bool(row["rotation_enabled"]) == bool(secret.get("RotationEnabled"))
                rules = secret.get("RotationRules") or {}
                assert cell(row["rotation_every_days"]) == rules.get("AutomaticallyAfterDays")
                for column, field in DATES:
                    assert cell(row[column]) == _stamp(secret.get(field)), column


def _days_ago(days: int | None, since: datetime | None = None) -> pd.Timestamp | None:
    if days is None:
        return None
    return pd.Timestamp((since or datetime.now(UTC)) - timedelta(days=days))


def _near(value: object, expected: pd.Timestamp | None, slack: timedelta) -> bool:
    if expected is None:
        return pd.isna(value)
    return abs(pd.Timestamp(value) - expected) <= slack


def test_seeded_secrets_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    seeded = sandbox.truth.secrets
    assert sorted(table.index) == sorted(s["arn"] for s in seeded)
    # Ages count from the seeding, which a saved estate restored later the same day keeps.
    since = datetime.fromisoformat(sandbox.truth.seeded_at)
    slack = timedelta(minutes=10)
    for s in seeded:
        row = table.loc[s["arn"]]
        assert (row["account_id"], row["region"]) == (s["account_id"], s["region"])
        assert row["name"] == s["name"]
        assert cell(row["kms_key_id"]) == s["kms_key_id"]
        assert bool(row["rotation_enabled"]) == (s["rotation_days"] is not None)
        assert cell(row["rotation_every_days"]) == s["rotation_days"]
        assert _near(row["created_date"], _days_ago(s["created_days_ago"], since), slack), s["name"]
        assert _near(row["last_rotated_date"], _days_ago(s["rotated_days_ago"], since), slack)
        # AWS keeps the day of the last read only: midnight UTC of that day.
        assert _near(
            row["last_accessed_date"], _days_ago(s["accessed_days_ago"], since), timedelta(1)
        )
        if not pd.isna(row["last_accessed_date"]):
            assert pd.Timestamp(row["last_accessed_date"]).time().isoformat() == "00:00:00"
    assert {s["accessed_days_ago"] is None for s in seeded} == {True, False}
    assert {s["rotation_days"] is None for s in seeded} == {True, False}


def test_one_list_call_per_account_and_region(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["secretsmanager.ListSecrets"] == units
    assert not [c for c in calls if c.startswith("secretsmanager.") and "ListSecrets" not in c]


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_secrets(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)


def test_reading_a_secret_records_the_day_as_aws_does() -> None:
    """GetSecretValue sets LastAccessedDate to today, midnight UTC (moto never says); its own
    sandbox, since reading changes the estate."""
    with Sandbox() as own:
        secret = next(s for s in own.truth.secrets if s["accessed_days_ago"] is None)
        session = own.boto3_session(secret["account_id"])
        client = own.client(session, "secretsmanager", secret["region"])
        assert "LastAccessedDate" not in client.describe_secret(SecretId=secret["arn"])
        client.get_secret_value(SecretId=secret["arn"])
        today = pd.Timestamp(datetime.now(UTC).date(), tz="UTC")
        described = client.describe_secret(SecretId=secret["arn"])
        assert pd.Timestamp(described["LastAccessedDate"]).tz_convert("UTC") == today
        listed = {s["ARN"]: s for s in client.list_secrets()["SecretList"]}
        assert pd.Timestamp(listed[secret["arn"]]["LastAccessedDate"]).tz_convert("UTC") == today
