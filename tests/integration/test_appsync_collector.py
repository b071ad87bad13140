"""The AppSync table holds exactly what plain boto3 sees in the sandbox, and what was seeded;
its checks FAIL exactly the planted GraphQL APIs."""

from __future__ import annotations

import json

import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "appsync.graphql_apis"
CHECKS = ("appsync_field_level_logging_disabled", "appsync_api_key_authentication")


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="appsync", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def test_apis_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            apis = sandbox.client(session, "appsync", region).list_graphql_apis()["graphqlApis"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["arn"]) == sorted(a["arn"] for a in apis)
            rows = here.set_index("arn")
            for api in apis:
                row = rows.loc[api["arn"]]
                log = api.get("logConfig") or {}
                kinds = {api["authenticationType"]} | {
                    p["authenticationType"]
                    for p in api.get("additionalAuthenticationProviders", [])
                }
                assert (row["api_id"], row["name"]) == (api["apiId"], api["name"])
                assert row["authentication_type"] == api["authenticationType"]
                assert json.loads(row["authentication_types"]) == sorted(kinds)
                assert row["field_log_level"] == log.get("fieldLogLevel", "NONE")
                assert cell(row["log_role_arn"]) == log.get("cloudWatchLogsRoleArn")
                assert row["xray_enabled"] == api["xrayEnabled"]
                assert row["visibility"] == api["visibility"]


def test_seeded_apis_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    seeded = sandbox.truth.appsync_apis
    assert sorted(table.index) == sorted(a["arn"] for a in seeded)
    for a in seeded:
        row = table.loc[a["arn"]]
        assert (row["account_id"], row["region"]) == (a["account_id"], a["region"])
        assert (row["name"], row["api_id"]) == (a["name"], a["api_id"])
        assert json.loads(row["authentication_types"]) == a["authentication_types"]
        assert row["field_log_level"] == a["field_log_level"]


def test_one_call_a_region(sandbox: Sandbox, inventory: Inventory) -> None:
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert inventory.meta["api_calls"]["appsync.ListGraphqlApis"] == units


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_apis(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
