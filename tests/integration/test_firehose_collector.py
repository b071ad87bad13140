"""The Firehose table holds exactly what plain boto3 sees in the sandbox, and what was seeded;
its check FAILs exactly the planted streams."""

from __future__ import annotations

import json

import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "firehose.delivery_streams"


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="firehose", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def test_streams_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            firehose = sandbox.client(session, "firehose", region)
            names = firehose.list_delivery_streams()["DeliveryStreamNames"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["delivery_stream_name"]) == sorted(names)
            rows = here.set_index("delivery_stream_name")
            for name in names:
                found = firehose.describe_delivery_stream(DeliveryStreamName=name)
                described = found["DeliveryStreamDescription"]
                encryption = described.get("DeliveryStreamEncryptionConfiguration") or {}
                row = rows.loc[name]
                assert row["arn"] == described["DeliveryStreamARN"]
                assert row["delivery_stream_type"] == described["DeliveryStreamType"]
                assert row["encryption_status"] == encryption.get("Status", "DISABLED")
                assert cell(row["encryption_key_type"]) == encryption.get("KeyType")
                assert cell(row["encryption_key_arn"]) == encryption.get("KeyARN")


def test_seeded_streams_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    seeded = sandbox.truth.firehose_streams
    assert sorted(table.index) == sorted(s["arn"] for s in seeded)
    for s in seeded:
        row = table.loc[s["arn"]]
        assert (row["account_id"], row["region"]) == (s["account_id"], s["region"])
        assert row["delivery_stream_name"] == s["name"]
        assert row["encryption_status"] == ("DISABLED" if s["encryption"] == "none" else "ENABLED")
        assert cell(row["encryption_key_arn"]) == s["key_arn"]
        assert json.loads(row["destinations"]) == ["extended_s3"]
    assert {s["encryption"] for s in seeded} >= {"none", "aws-owned"}


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["firehose.ListDeliveryStreams"] == units
    assert calls["firehose.DescribeDeliveryStream"] == len(inventory[TABLE])


def test_the_check_fails_exactly_the_planted_streams(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    assert_fails_exactly_the_planted(
        sandbox.truth, inventory, "firehose_delivery_stream_unencrypted"
    )
