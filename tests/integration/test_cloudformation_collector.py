"""The CloudFormation table holds exactly what plain boto3 sees in the sandbox, and what was
seeded; its checks FAIL exactly the planted stacks."""

from __future__ import annotations

import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "cloudformation.stacks"
CHECKS = (
    "cloudformation_stack_termination_protection_disabled",
    "cloudformation_stack_service_role_missing",
)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="cloudformation", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def test_stacks_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            stacks = sandbox.client(session, "cloudformation", region).describe_stacks()["Stacks"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["arn"]) == sorted(s["StackId"] for s in stacks)
            rows = here.set_index("arn")
            for stack in stacks:
                row = rows.loc[stack["StackId"]]
                assert row["stack_name"] == stack["StackName"]
                assert row["stack_status"] == stack["StackStatus"]
                assert row["creation_time"] == stack["CreationTime"]
                assert cell(row["role_arn"]) == stack.get("RoleARN")
                assert row["termination_protection"] == stack["EnableTerminationProtection"]
                assert row["disable_rollback"] == stack["DisableRollback"]


def test_seeded_stacks_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    seeded = sandbox.truth.cloudformation_stacks
    assert sorted(table.index) == sorted(s["arn"] for s in seeded)
    for s in seeded:
        row = table.loc[s["arn"]]
        assert (row["account_id"], row["region"]) == (s["account_id"], s["region"])
        assert row["stack_name"] == s["name"]
        assert cell(row["role_arn"]) == s["role_arn"]
        assert row["termination_protection"] == s["termination_protection"]


def test_one_call_a_region(sandbox: Sandbox, inventory: Inventory) -> None:
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert inventory.meta["api_calls"]["cloudformation.DescribeStacks"] == units


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_stacks(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
