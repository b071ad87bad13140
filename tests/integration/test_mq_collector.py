"""The Amazon MQ table holds exactly what plain boto3 sees in the sandbox, and what was seeded;
its check FAILs exactly the planted ActiveMQ brokers and leaves RabbitMQ ones alone."""

from __future__ import annotations

import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "mq.brokers"
CHECK = "mq_broker_audit_logging_disabled"


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="mq", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def test_brokers_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            mq = sandbox.client(session, "mq", region)
            listed = mq.list_brokers()["BrokerSummaries"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["broker_id"]) == sorted(b["BrokerId"] for b in listed)
            rows = here.set_index("broker_id")
            for summary in listed:
                found = mq.describe_broker(BrokerId=summary["BrokerId"])
                row = rows.loc[summary["BrokerId"]]
                assert row["arn"] == found["BrokerArn"]
                assert row["broker_name"] == found["BrokerName"]
                assert row["engine_type"] == found["EngineType"]
                assert row["engine_version"] == found["EngineVersion"]
                assert bool(row["publicly_accessible"]) == found["PubliclyAccessible"]
                assert cell(row["audit_log_enabled"]) == found["Logs"].get("Audit")
                assert bool(row["general_log_enabled"]) == found["Logs"]["General"]
                assert (
                    bool(row["use_aws_owned_key"]) == found["EncryptionOptions"]["UseAwsOwnedKey"]
                )
                assert cell(row["kms_key_id"]) == found["EncryptionOptions"].get("KmsKeyId")


def test_seeded_brokers_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    seeded = sandbox.truth.mq_brokers
    assert sorted(table.index) == sorted(b["arn"] for b in seeded)
    for b in seeded:
        row = table.loc[b["arn"]]
        assert (row["account_id"], row["region"]) == (b["account_id"], b["region"])
        assert (row["broker_id"], row["broker_name"]) == (b["id"], b["name"])
        assert row["engine_type"] == b["engine"]
        assert cell(row["audit_log_enabled"]) == b["audit_log"]
        assert bool(row["publicly_accessible"]) == b["public"]
        assert cell(row["kms_key_id"]) == b["kms_key"]
    assert {b["engine"] for b in seeded} == {"ACTIVEMQ", "RABBITMQ"}


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["mq.ListBrokers"] == units
    assert calls["mq.DescribeBroker"] == len(inventory[TABLE])


def test_the_check_fails_exactly_the_planted_brokers(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, CHECK)
    findings = toolkit.run_checks(inventory, checks=CHECK)
    rabbits = {b["name"] for b in sandbox.truth.mq_brokers if b["engine"] == "RABBITMQ"}
    assert rabbits and not rabbits & set(findings["resource_id"])
