"""The Step Functions table holds exactly what plain boto3 sees in the sandbox, and what was
seeded; its check FAILs exactly the planted state machines."""

from __future__ import annotations

import json

import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "stepfunctions.state_machines"


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="stepfunctions", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def test_state_machines_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            states = sandbox.client(session, "stepfunctions", region)
            listed = states.list_state_machines()["stateMachines"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["arn"]) == sorted(m["stateMachineArn"] for m in listed)
            rows = here.set_index("arn")
            for machine in listed:
                found = states.describe_state_machine(stateMachineArn=machine["stateMachineArn"])
                logging = found["loggingConfiguration"]
                row = rows.loc[machine["stateMachineArn"]]
                assert row["name"] == found["name"]
                assert row["type"] == found["type"]
                assert row["role_arn"] == found["roleArn"]
                assert row["logging_level"] == logging["level"]
                groups = [
                    d["cloudWatchLogsLogGroup"]["logGroupArn"]
                    for d in logging.get("destinations", [])
                ]
                assert json.loads(row["log_destinations"]) == sorted(groups)
                assert bool(row["tracing_enabled"]) == found["tracingConfiguration"]["enabled"]


def test_seeded_state_machines_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    seeded = sandbox.truth.state_machines
    assert sorted(table.index) == sorted(m["arn"] for m in seeded)
    for m in seeded:
        row = table.loc[m["arn"]]
        assert (row["account_id"], row["region"]) == (m["account_id"], m["region"])
        assert row["logging_level"] == m["logging_level"]
        expected = [m["log_group_arn"]] if m["log_group_arn"] else []
        assert json.loads(row["log_destinations"]) == expected
        assert bool(row["tracing_enabled"]) == m["tracing"]


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["stepfunctions.ListStateMachines"] == units
    assert calls["stepfunctions.DescribeStateMachine"] == len(inventory[TABLE])


def test_the_check_fails_exactly_the_planted_state_machines(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    check = "stepfunctions_state_machine_logging_disabled"
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
