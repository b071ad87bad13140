"""The Kinesis table holds exactly what plain boto3 sees in the sandbox, and what was seeded;
its checks FAIL exactly the planted streams."""

from __future__ import annotations

import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "kinesis.streams"
CHECKS = ("kinesis_stream_unencrypted", "kinesis_stream_retention_too_short")


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="kinesis", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def test_streams_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            kinesis = sandbox.client(session, "kinesis", region)
            names = kinesis.list_streams()["StreamNames"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["stream_name"]) == sorted(names)
            rows = here.set_index("stream_name")
            for name in names:
                found = kinesis.describe_stream_summary(StreamName=name)
                summary = found["StreamDescriptionSummary"]
                row = rows.loc[name]
                assert row["arn"] == summary["StreamARN"]
                assert row["stream_mode"] == summary["StreamModeDetails"]["StreamMode"]
                assert row["retention_period_hours"] == summary["RetentionPeriodHours"]
                assert row["encryption_type"] == summary["EncryptionType"]
                assert cell(row["key_id"]) == summary.get("KeyId")
                assert row["open_shard_count"] == summary["OpenShardCount"]


def test_seeded_streams_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    seeded = sandbox.truth.kinesis_streams
    assert sorted(table.index) == sorted(s["arn"] for s in seeded)
    for s in seeded:
        row = table.loc[s["arn"]]
        assert (row["account_id"], row["region"]) == (s["account_id"], s["region"])
        assert row["stream_name"] == s["name"]
        assert row["stream_mode"] == s["stream_mode"]
        assert row["retention_period_hours"] == s["retention_hours"]
        assert cell(row["key_id"]) == s["key_id"]
        assert row["encryption_type"] == ("KMS" if s["key_id"] else "NONE")


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["kinesis.ListStreams"] == units
    assert calls["kinesis.DescribeStreamSummary"] == len(inventory[TABLE])


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_streams(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
