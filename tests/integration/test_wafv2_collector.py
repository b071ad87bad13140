"""The WAFv2 table holds exactly what plain boto3 sees in the sandbox, and what was seeded; the
WAF check FAILs exactly the planted web ACLs."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "wafv2.web_acls"
CHECK = "wafv2_web_acl_no_rules"


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="wafv2", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def _destinations(wafv2, arn: str) -> list[str]:
    try:
        answer = wafv2.get_logging_configuration(ResourceArn=arn)
    except ClientError as exc:
        assert exc.response["Error"]["Code"] == "WAFNonexistentItemException"
        return []
    return answer["LoggingConfiguration"]["LogDestinationConfigs"]


def test_web_acls_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            wafv2 = sandbox.client(session, "wafv2", region)
            scopes = ["REGIONAL"] + (["CLOUDFRONT"] if region == "us-east-1" else [])
            listed = [
                (scope, acl)
                for scope in scopes
                for acl in wafv2.list_web_acls(Scope=scope)["WebACLs"]
            ]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            rows = here.set_index("arn")
            assert sorted(rows.index) == sorted(acl["ARN"] for _, acl in listed)
            for scope, summary in listed:
                row = rows.loc[summary["ARN"]]
                acl = wafv2.get_web_acl(Name=summary["Name"], Scope=scope, Id=summary["Id"])[
                    "WebACL"
                ]
                assert (row["id"], row["name"], row["scope"]) == (acl["Id"], acl["Name"], scope)
                assert cell(row["description"]) == (acl["Description"] or None)
                assert row["default_action"] == (
                    "BLOCK" if "Block" in acl["DefaultAction"] else "ALLOW"
                )
                assert row["rule_count"] == len(acl["Rules"])
                assert json.loads(row["rules"]) == [
                    r["Name"] for r in sorted(acl["Rules"], key=lambda r: r["Priority"])
                ]
                assert (
                    bool(row["metrics_enabled"])
                    == acl["VisibilityConfig"]["CloudWatchMetricsEnabled"]
                )
                assert row["capacity"] == acl["Capacity"]
                destinations = _destinations(wafv2, summary["ARN"])
                assert bool(row["logging_enabled"]) == bool(destinations)
                assert json.loads(row["log_destinations"]) == sorted(destinations)
                if scope == "CLOUDFRONT":
                    assert cell(row["associated_resources"]) is None
                else:
                    protected = wafv2.list_resources_for_web_acl(
                        WebACLArn=summary["ARN"], ResourceType="API_GATEWAY"
                    )["ResourceArns"]
                    assert set(protected) <= set(json.loads(row["associated_resources"]))


def test_seeded_web_acls_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    truth = sandbox.truth.wafv2_web_acls
    assert sorted(table.index) == sorted(acl["arn"] for acl in truth)
    for seeded in truth:
        row = table.loc[seeded["arn"]]
        assert (row["account_id"], row["region"], row["scope"]) == (
            seeded["account_id"],
            seeded["region"],
            seeded["scope"],
        )
        assert (row["name"], row["description"]) == (seeded["name"], seeded["description"])
        assert json.loads(row["rules"]) == seeded["rules"]
        assert json.loads(row["log_destinations"]) == seeded["log_destinations"]
        if seeded["scope"] == "REGIONAL":
            assert json.loads(row["associated_resources"]) == sorted(seeded["resources"])
    assert {acl["scope"] for acl in truth} == {"REGIONAL", "CLOUDFRONT"}


def test_the_protected_stage_names_its_web_acl(sandbox: Sandbox, inventory: Inventory) -> None:
    """What a regional web ACL says it protects, the stage says protects it (AWS's two views)."""
    stages = {s["arn"]: s for s in sandbox.truth.apigateway_rest_stages}
    table = inventory[TABLE]
    regional = table[table["scope"] == "REGIONAL"]
    assert len(regional)
    for arn, resources in zip(regional["arn"], regional["associated_resources"], strict=True):
        for resource in json.loads(resources):
            assert stages[resource]["web_acl_arn"] == arn


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    accounts, regions = len(sandbox.truth.account_ids), len(sandbox.truth.regions)
    acls = inventory[TABLE]
    assert calls["wafv2.ListWebACLs"] == accounts * (regions + 1)  # us-east-1 twice
    assert calls["wafv2.GetWebACL"] == len(acls)
    assert calls["wafv2.GetLoggingConfiguration"] == len(acls)
    assert calls["wafv2.ListResourcesForWebACL"] == 7 * int((acls["scope"] == "REGIONAL").sum())


def test_the_check_fails_exactly_the_planted_web_acls(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, CHECK)
