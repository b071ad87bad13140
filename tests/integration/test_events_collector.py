"""The EventBridge table holds exactly what plain boto3 sees in the sandbox, and what was
seeded; its check FAILs exactly the planted custom buses and leaves default buses alone."""

from __future__ import annotations

import json

import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "events.event_buses"
CHECK = "events_custom_event_bus_no_policy"


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="events", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def test_buses_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            events = sandbox.client(session, "events", region)
            listed = events.list_event_buses()["EventBuses"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["arn"]) == sorted(b["Arn"] for b in listed)
            assert "default" in set(here["name"])
            rows = here.set_index("arn")
            for bus in listed:
                row = rows.loc[bus["Arn"]]
                assert row["name"] == bus["Name"]
                assert bool(row["is_default"]) == (bus["Name"] == "default")
                policy = cell(row["policy"])
                expected = bus.get("Policy")
                assert (policy and json.loads(policy)) == (expected and json.loads(expected))


def test_seeded_buses_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    frame = inventory[TABLE]
    custom = frame[~frame["is_default"].astype(bool)].set_index("arn")
    seeded = sandbox.truth.event_buses
    assert sorted(custom.index) == sorted(b["arn"] for b in seeded)
    for b in seeded:
        row = custom.loc[b["arn"]]
        assert (row["account_id"], row["region"], row["name"]) == (
            b["account_id"],
            b["region"],
            b["name"],
        )
        assert pd_isna(row["policy"]) == (b["policy"] is None)
    assert {b["policy"] for b in seeded} == {None, "account", "organization"}


def pd_isna(value: object) -> bool:
    return cell(value) is None


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["events.ListEventBuses"] == units
    assert set(calls) <= {
        "events.ListEventBuses",
        "sts.AssumeRole",
        "sts.GetCallerIdentity",
        "organizations.ListAccounts",
    }


def test_the_check_fails_exactly_the_planted_buses(sandbox: Sandbox, inventory: Inventory) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, CHECK)
    findings = toolkit.run_checks(inventory, checks=CHECK)
    assert "default" not in set(findings["resource_id"])
