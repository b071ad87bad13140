"""``s3.bucket_data_protection`` (lifecycle, replication, Object Lock, event notifications)
holds exactly what plain boto3 sees in the sandbox and what was seeded; it costs only its own
calls (``s3.buckets``' stay as they were); the lifecycle check FAILs exactly the planted
buckets."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "s3.bucket_data_protection"
PROTECTION = [
    "lifecycle_rules",
    "lifecycle_rules_enabled",
    "replication_rules_enabled",
    "replication_destinations",
    "object_lock_enabled",
    "object_lock_default_mode",
    "event_notifications",
    "notification_destinations",
]
COLUMNS = ["name", "arn", *PROTECTION]
CHECKS = ("s3_bucket_lifecycle_missing",)


@pytest.fixture(scope="module")
def counted(sandbox: Sandbox) -> tuple[Inventory, dict[str, int]]:
    sandbox.reset_counts()
    inventory = toolkit.collect_sync(
        sandbox.scope(), tables=[TABLE], columns={TABLE: COLUMNS}, progress=False
    )
    return inventory, sandbox.request_counts()


@pytest.fixture(scope="module")
def inventory(counted: tuple[Inventory, dict[str, int]]) -> Inventory:
    return counted[0]


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    assert list(inventory.tables) == [TABLE]
    assert not inventory[TABLE].duplicated(["name"]).any()


def test_only_the_asked_hydrates_are_called(
    sandbox: Sandbox, counted: tuple[Inventory, dict[str, int]]
) -> None:
    inventory, counts = counted
    s3 = {op: n for op, n in counts.items() if op.startswith("s3.")}
    buckets = len(inventory[TABLE])
    assert buckets == len(sandbox.truth.buckets)
    per_bucket = {
        "s3.GetBucketLifecycleConfiguration",
        "s3.GetBucketReplication",
        "s3.GetObjectLockConfiguration",
        "s3.GetBucketNotificationConfiguration",
    }
    assert {op for op, n in s3.items() if n == buckets} >= per_bucket
    assert "s3.GetBucketVersioning" not in s3 and "s3.GetBucketAcl" not in s3
    # ListBuckets names each bucket's region (BucketRegion): no GetBucketLocation
    assert set(s3) <= per_bucket | {"s3.ListBuckets"}


def _boto3_protection(s3, name: str) -> dict[str, object]:
    def answer(operation: str, missing: str) -> dict:
        try:
            return getattr(s3, operation)(Bucket=name)
        except ClientError as error:
            assert error.response["Error"]["Code"] == missing
            return {}

    rules = answer("get_bucket_lifecycle_configuration", "NoSuchLifecycleConfiguration")
    rules = rules.get("Rules", [])
    replication = answer("get_bucket_replication", "ReplicationConfigurationNotFoundError")
    enabled = [
        r
        for r in replication.get("ReplicationConfiguration", {}).get("Rules", [])
        if r["Status"] == "Enabled"
    ]
    lock = answer("get_object_lock_configuration", "ObjectLockConfigurationNotFoundError")
    lock = lock.get("ObjectLockConfiguration", {})
    notifications = s3.get_bucket_notification_configuration(Bucket=name)
    destinations = [
        c[key]
        for kind, key in (
            ("TopicConfigurations", "TopicArn"),
            ("QueueConfigurations", "QueueArn"),
            ("LambdaFunctionConfigurations", "LambdaFunctionArn"),
        )
        for c in notifications.get(kind, [])
    ] + (["eventbridge"] if "EventBridgeConfiguration" in notifications else [])
    return {
        "lifecycle_rules": len(rules),
        "lifecycle_rules_enabled": sum(r["Status"] == "Enabled" for r in rules),
        "replication_rules_enabled": len(enabled),
        "replication_destinations": sorted(r["Destination"]["Bucket"] for r in enabled),
        "object_lock_enabled": lock.get("ObjectLockEnabled") == "Enabled",
        "object_lock_default_mode": lock.get("Rule", {}).get("DefaultRetention", {}).get("Mode"),
        "event_notifications": bool(destinations),
        "notification_destinations": sorted(destinations),
    }


def test_buckets_match_boto3_and_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("name")
    assert sorted(table.index) == sorted(b["name"] for b in sandbox.truth.buckets)
    for bucket in sandbox.truth.buckets:
        row = table.loc[bucket["name"]]
        session = sandbox.boto3_session(bucket["account_id"])
        s3 = sandbox.client(session, "s3", bucket["region"])
        got = {column: cell(row[column]) for column in PROTECTION}
        for column in ("replication_destinations", "notification_destinations"):
            got[column] = json.loads(got[column])
        assert got == _boto3_protection(s3, bucket["name"]), bucket["name"]
        # and what boto3 sees is what the estate seeded
        assert bool(row["lifecycle_rules_enabled"]) == bucket["lifecycle"]
        replication = bucket["replication_destination"]
        assert got["replication_destinations"] == ([replication] if replication else [])
        assert got["object_lock_default_mode"] == bucket["object_lock_mode"]
        assert bool(row["object_lock_enabled"]) == (bucket["object_lock_mode"] is not None)
        target = bucket["notification_destination"]
        assert got["notification_destinations"] == ([target] if target else [])
    seeded = sandbox.truth.buckets
    assert {b["object_lock_mode"] for b in seeded} == {None, "GOVERNANCE", "COMPLIANCE"}
    assert {"eventbridge", None} < {b["notification_destination"] for b in seeded}


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_buckets(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)


def test_the_full_table_is_clean(sandbox: Sandbox) -> None:
    """Every column, in declared order, for one account: the new hydrates fit the others."""
    logs = sandbox.truth.account_id("logs")
    inventory = toolkit.collect_sync(sandbox.scope(accounts=[logs]), tables=[TABLE], progress=False)
    assert_one_clean_table(inventory, TABLE, ["name"])
    archive = inventory[TABLE].set_index("name").loc["examplecorp-cloudtrail-archive"]
    assert archive["object_lock_default_mode"] == "COMPLIANCE"
    assert bool(archive["object_lock_enabled"])


def test_the_security_settings_cost_what_they_did(sandbox: Sandbox) -> None:
    """``s3.buckets`` makes none of the data-protection calls: its calls a bucket stay 7 or 8."""
    sandbox.reset_counts()
    inventory = toolkit.collect_sync(sandbox.scope(), tables=["s3.buckets"], progress=False)
    assert inventory.errors.empty, inventory.errors.to_string()
    made = {op for op in sandbox.request_counts() if op.startswith("s3.")}
    assert not made & {
        "s3.GetBucketLifecycleConfiguration",
        "s3.GetBucketReplication",
        "s3.GetObjectLockConfiguration",
        "s3.GetBucketNotificationConfiguration",
    }
