"""The Route 53 table holds exactly what plain boto3 sees in the sandbox, and what was seeded;
query logging costs one call per account with zones; the check FAILs exactly the planted
zone."""

from __future__ import annotations

import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "route53.hosted_zones"
CHECKS = ("route53_public_zone_query_logging_disabled",)


@pytest.fixture(scope="module")
def counted(sandbox: Sandbox) -> tuple[Inventory, dict[str, int]]:
    sandbox.reset_counts()
    inventory = toolkit.collect_sync(sandbox.scope(), services="route53", progress=False)
    return inventory, sandbox.request_counts()


@pytest.fixture(scope="module")
def inventory(counted: tuple[Inventory, dict[str, int]]) -> Inventory:
    return counted[0]


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["account_id", "zone_id"])


def test_zones_match_boto3_in_every_account(sandbox: Sandbox, inventory: Inventory) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        route53 = sandbox.client(sandbox.boto3_session(account_id), "route53", "us-east-1")
        zones = route53.list_hosted_zones()["HostedZones"]
        logging = {
            c["HostedZoneId"]: c["CloudWatchLogsLogGroupArn"]
            for c in route53.list_query_logging_configs()["QueryLoggingConfigs"]
        }
        here = frame[frame["account_id"] == account_id].set_index("zone_id")
        assert sorted(here.index) == sorted(z["Id"].rsplit("/", 1)[-1] for z in zones)
        assert set(here["region"]) <= {"global"}
        for zone in zones:
            zone_id = zone["Id"].rsplit("/", 1)[-1]
            row = here.loc[zone_id]
            assert row["arn"] == f"arn:aws:route53:::hostedzone/{zone_id}"
            assert row["name"] == zone["Name"]
            assert bool(row["private_zone"]) == zone["Config"]["PrivateZone"]
            assert cell(row["comment"]) == (zone["Config"].get("Comment") or None)
            assert row["record_set_count"] == zone["ResourceRecordSetCount"]
            assert bool(row["query_logging_enabled"]) == (zone_id in logging)
            assert cell(row["query_log_group_arn"]) == logging.get(zone_id)


def test_seeded_zones_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("zone_id")
    seeded = sandbox.truth.hosted_zones
    assert sorted(table.index) == sorted(z["zone_id"] for z in seeded)
    for zone in seeded:
        row = table.loc[zone["zone_id"]]
        assert row["account_id"] == zone["account_id"]
        assert row["name"] == zone["name"]
        assert bool(row["private_zone"]) == zone["private_zone"]
        assert cell(row["comment"]) == zone["comment"]
        assert cell(row["query_log_group_arn"]) == zone["query_log_group_arn"]
    assert {z["private_zone"] for z in seeded} == {True, False}
    assert {z["query_log_group_arn"] is None for z in seeded} == {True, False}
    # the query log groups are log groups of the estate, in us-east-1 as Route 53 requires
    groups = {g["arn"] for g in sandbox.truth.log_groups}
    for zone in seeded:
        if zone["query_log_group_arn"]:
            assert zone["query_log_group_arn"].removesuffix(":*") in groups
            assert ":us-east-1:" in zone["query_log_group_arn"]


def test_calls_grow_as_documented(
    sandbox: Sandbox, counted: tuple[Inventory, dict[str, int]]
) -> None:
    inventory, counts = counted
    accounts_with_zones = inventory[TABLE]["account_id"].nunique()
    assert counts["route53.ListHostedZones"] == len(sandbox.truth.account_ids)
    assert counts["route53.ListQueryLoggingConfigs"] == accounts_with_zones


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_zones(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)


def test_private_zones_are_not_judged(sandbox: Sandbox, inventory: Inventory) -> None:
    findings = toolkit.run_checks(inventory, checks=CHECKS[0])
    private = {z["zone_id"] for z in sandbox.truth.hosted_zones if z["private_zone"]}
    assert private and not private & set(findings["resource_id"])
