"""The Lambda table holds exactly what plain boto3 sees in the sandbox, and what was seeded."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from botocore.exceptions import ClientError
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "lambda.functions"


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="lambda", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def test_functions_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            client = sandbox.client(session, "lambda", region)
            seen = client.list_functions()["Functions"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["arn"]) == sorted(f["FunctionArn"] for f in seen)
            rows = here.set_index("function_name")
            for function in seen:
                name = function["FunctionName"]
                row = rows.loc[name]
                assert row["runtime"] == function["Runtime"]
                assert row["role"] == function["Role"]
                assert row["handler"] == function["Handler"]
                assert row["memory_mb"] == function["MemorySize"]
                assert row["timeout_s"] == function["Timeout"]
                assert row["tracing_mode"] == function["TracingConfig"]["Mode"]
                assert json.loads(row["architectures"]) == function["Architectures"]
                try:
                    url = client.get_function_url_config(FunctionName=name)
                except ClientError:
                    url = {}
                assert cell(row["url"]) == url.get("FunctionUrl")
                assert cell(row["url_auth_type"]) == url.get("AuthType")
                try:
                    policy = client.get_policy(FunctionName=name)["Policy"]
                except ClientError:
                    policy = None
                assert cell(row["policy"]) == policy


def test_functions_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    assert sorted(table.index) == sorted(f["arn"] for f in sandbox.truth.lambda_functions)
    for function in sandbox.truth.lambda_functions:
        row = table.loc[function["arn"]]
        assert row["function_name"] == function["name"]
        assert (row["account_id"], row["region"]) == (function["account_id"], function["region"])
        assert row["runtime"] == function["runtime"]
        assert cell(row["url_auth_type"]) == function["url_auth"], function["name"]
        assert pd.notna(row["url"]) == (function["url_auth"] is not None), function["name"]
        assert bool(row["policy_public"]) == function["public_policy"], function["name"]
        assert pd.notna(row["last_modified"])
        assert cell(row["vpc_id"]) == function["vpc_id"], function["name"]
        assert json.loads(row["subnet_ids"]) == function["subnet_ids"]
        assert json.loads(row["security_group_ids"]) == function["security_group_ids"]
        assert cell(row["kms_key_arn"]) == function["kms_key_arn"], function["name"]
    assert any(f["vpc_id"] for f in sandbox.truth.lambda_functions)
    assert any(f["kms_key_arn"] for f in sandbox.truth.lambda_functions)

    webhook = inventory[TABLE].set_index("function_name").loc["prod-public-webhook"]
    assert webhook["url_auth_type"] == "NONE"
    assert bool(webhook["policy_public"])
    assert json.loads(webhook["policy"])["Statement"][0]["Principal"] == "*"


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    functions = len(sandbox.truth.lambda_functions)
    assert calls["lambda.ListFunctions"] == len(sandbox.truth.account_ids) * len(
        sandbox.truth.regions
    )
    assert calls["lambda.GetFunctionUrlConfig"] == calls["lambda.GetPolicy"] == functions


def test_the_multi_az_check_fails_exactly_the_planted_functions(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    """FSBP Lambda.5 reads the functions' subnets' zones from ec2.subnets, collected alone."""
    subnets = toolkit.collect_sync(sandbox.scope(), tables=["ec2.subnets"], progress=False)
    both = Inventory({TABLE: inventory[TABLE], "ec2.subnets": subnets["ec2.subnets"]})
    assert_fails_exactly_the_planted(sandbox.truth, both, "lambda_function_vpc_single_az")
