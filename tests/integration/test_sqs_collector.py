"""The SQS table holds exactly what plain boto3 sees in the sandbox, and what was seeded; its
checks FAIL exactly the planted queues."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "sqs.queues"
CHECKS = ("sqs_queue_unencrypted", "sqs_queue_policy_public")


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="sqs", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def test_queues_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            sqs = sandbox.client(session, "sqs", region)
            urls = sqs.list_queues().get("QueueUrls", [])
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["queue_url"]) == sorted(urls)
            rows = here.set_index("queue_url")
            for url in urls:
                found = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])
                attributes = found["Attributes"]
                row = rows.loc[url]
                assert row["arn"] == attributes["QueueArn"]
                assert row["queue_name"] == attributes["QueueArn"].rsplit(":", 1)[1]
                assert bool(row["fifo_queue"]) == (attributes.get("FifoQueue") == "true")
                created = pd.Timestamp(float(attributes["CreatedTimestamp"]), unit="s", tz="UTC")
                assert abs(row["created_timestamp"] - created) < pd.Timedelta(milliseconds=1)
                assert bool(row["sqs_managed_sse_enabled"]) == (
                    attributes.get("SqsManagedSseEnabled") == "true"
                )
                assert cell(row["kms_master_key_id"]) == attributes.get("KmsMasterKeyId")
                policy = cell(row["policy"])
                expected = attributes.get("Policy")
                assert (policy and json.loads(policy)) == (expected and json.loads(expected))


def test_seeded_queues_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    seeded = sandbox.truth.sqs_queues
    assert sorted(table.index) == sorted(q["arn"] for q in seeded)
    for q in seeded:
        row = table.loc[q["arn"]]
        assert (row["account_id"], row["region"]) == (q["account_id"], q["region"])
        assert row["queue_name"] == q["name"]
        assert cell(row["kms_master_key_id"]) == q["kms_master_key_id"]
        assert bool(row["sqs_managed_sse_enabled"]) == (q["encryption"] == "sqs")
        assert bool(row["fifo_queue"]) == q["name"].endswith(".fifo")
        assert pd.isna(row["policy"]) == (q["access"] is None)
    assert {q["encryption"] for q in seeded} >= {"sqs", "none", "aws-managed"}
    assert {q["access"] for q in seeded} >= {None, "account", "organization", "public"}


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["sqs.ListQueues"] == units
    assert calls["sqs.GetQueueAttributes"] == len(inventory[TABLE])


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_queues(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)


def test_the_organization_policy_passes_and_the_open_one_fails(inventory: Inventory) -> None:
    """A wildcard principal pinned by aws:PrincipalOrgID is not public; without it, it is."""
    findings = toolkit.run_checks(inventory, checks="sqs_queue_policy_public")
    status = dict(zip(findings["resource_id"], findings["status"].astype(str), strict=True))
    assert status["prod-order-events"] == "PASS"
    assert status["dev-webhook-inbox"] == "FAIL"
