"""The Access Analyzer table holds exactly what plain boto3 lists in the sandbox and what was
seeded; the sandbox answers the API as AWS does (moto has none: ``sandbox/accessanalyzer.py``);
and CIS 1.20's check fails on exactly the (account, region)s the estate planted, region by region
(the findings-truth test matches plants by account and resource only)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
from botocore.exceptions import ClientError

import toolkit
from toolkit.collectors import REGISTRY
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "accessanalyzer.analyzers"
CHECK = "accessanalyzer_not_enabled"
#: A region outside the estate: what the API tests make there is never collected.
ASIDE = "us-west-2"


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="accessanalyzer", progress=False)


def _client(sandbox: Sandbox, account: str, region: str = ASIDE) -> Any:
    return sandbox.client(
        sandbox.boto3_session(sandbox.truth.account_id(account)), "accessanalyzer", region
    )


def _error(call: Any, **params: Any) -> dict[str, Any]:
    with pytest.raises(ClientError) as caught:
        call(**params)
    response = caught.value.response
    return {
        **response["Error"],
        **response,
        "status": response["ResponseMetadata"]["HTTPStatusCode"],
    }


@pytest.fixture
def aside(sandbox: Sandbox) -> Iterator[Any]:
    """The security account's Access Analyzer in ``ASIDE``, emptied after the test."""
    client = _client(sandbox, "security")
    try:
        yield client
    finally:
        for analyzer in client.list_analyzers()["analyzers"]:
            client.delete_analyzer(analyzerName=analyzer["name"])


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    assert list(inventory.tables) == [TABLE]
    frame = inventory[TABLE]
    assert list(frame.columns) == [c.name for c in REGISTRY[TABLE].columns]
    assert not frame["arn"].duplicated().any()
    assert frame.notna().all().all()


def test_analyzers_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            listed = sandbox.client(session, "accessanalyzer", region).list_analyzers()
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            rows = here.set_index("arn")
            assert sorted(rows.index) == sorted(a["arn"] for a in listed["analyzers"])
            for analyzer in listed["analyzers"]:
                row = rows.loc[analyzer["arn"]]
                assert (row["name"], row["type"], row["status"]) == (
                    analyzer["name"],
                    analyzer["type"],
                    analyzer["status"],
                )
                assert row["created_at"] == pd.Timestamp(analyzer["createdAt"])


def test_seeded_analyzers_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    frame = inventory[TABLE]
    found = set(zip(frame["account_id"], frame["region"], frame["arn"], frame["type"], strict=True))
    seeded = {
        (a["account_id"], a["region"], a["arn"], a["type"]) for a in sandbox.truth.access_analyzers
    }
    assert found == seeded
    assert {a["type"] for a in sandbox.truth.access_analyzers} == {"ACCOUNT", "ORGANIZATION"}
    assert set(frame["status"]) == {"ACTIVE"}
    organization = [a for a in sandbox.truth.access_analyzers if a["type"] == "ORGANIZATION"]
    assert [a["account_id"] for a in organization] == [sandbox.truth.management_account]


def test_one_list_call_per_account_and_region(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["accessanalyzer.ListAnalyzers"] == units


def test_check_fails_exactly_where_planted(sandbox: Sandbox, inventory: Inventory) -> None:
    findings = toolkit.run_checks(inventory, checks=CHECK)
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert len(findings) == units
    failed = findings[findings["status"] == "FAIL"]
    planted = {(p["account_id"], p["region"]) for p in sandbox.truth.planted if p["check"] == CHECK}
    assert set(zip(failed["account_id"], failed["region"], strict=True)) == planted
    assert planted and set(findings["status"].astype(str)) == {"FAIL", "PASS"}
    org_arn = next(a["arn"] for a in sandbox.truth.access_analyzers if a["type"] == "ORGANIZATION")
    member = findings[
        (findings["account_id"] == sandbox.truth.account_id("prod"))
        & (findings["region"] == "us-east-1")
    ]
    assert list(member["detail"]) == [
        f"covered by the organization analyzer {org_arn} in {sandbox.truth.management_account}"
    ]
    assert (failed["detail"] == "no active external access analyzer in " + failed["region"]).all()


def test_create_and_list_as_aws_does(aside: Any) -> None:
    arn = aside.create_analyzer(analyzerName="aside", type="ACCOUNT", clientToken="t-1")["arn"]
    assert arn.startswith(f"arn:aws:access-analyzer:{ASIDE}:") and arn.endswith(":analyzer/aside")
    # a retry with the same token is the same request; another is a conflict
    assert (
        aside.create_analyzer(analyzerName="aside", type="ACCOUNT", clientToken="t-1")["arn"] == arn
    )
    conflict = _error(
        aside.create_analyzer, analyzerName="aside", type="ACCOUNT", clientToken="t-2"
    )
    assert (conflict["Code"], conflict["status"], conflict["resourceId"]) == (
        "ConflictException",
        409,
        "aside",
    )
    quota = _error(aside.create_analyzer, analyzerName="second", type="ACCOUNT")
    assert (quota["Code"], quota["status"]) == ("ServiceQuotaExceededException", 402)
    aside.create_analyzer(analyzerName="unused", type="ACCOUNT_UNUSED_ACCESS")
    listed = aside.list_analyzers()["analyzers"]
    assert [a["name"] for a in listed] == ["aside", "unused"]
    assert [a["name"] for a in aside.list_analyzers(type="ACCOUNT_UNUSED_ACCESS")["analyzers"]] == [
        "unused"
    ]
    pages = aside.get_paginator("list_analyzers").paginate(PaginationConfig={"PageSize": 1})
    assert [[a["name"] for a in page["analyzers"]] for page in pages] == [["aside"], ["unused"]]
    assert aside.get_analyzer(analyzerName="aside")["analyzer"]["status"] == "ACTIVE"


def test_errors_as_aws_words_them(sandbox: Sandbox, aside: Any) -> None:
    invalid = _error(aside.create_analyzer, analyzerName="9lives", type="ACCOUNT")
    assert (invalid["Code"], invalid["status"], invalid["reason"]) == (
        "ValidationException",
        400,
        "FIELD_VALIDATION_FAILED",
    )
    assert invalid["fieldList"][0]["name"] == "analyzerName"
    missing = _error(aside.get_analyzer, analyzerName="nowhere")
    assert (missing["Code"], missing["status"]) == ("ResourceNotFoundException", 404)
    # an organization analyzer from a member that is no delegated administrator
    denied = _error(aside.create_analyzer, analyzerName="org", type="ORGANIZATION")
    assert (denied["Code"], denied["status"]) == ("AccessDeniedException", 403)
    account = sandbox.truth.account_id("security")
    assert denied["Message"] == f"Account {account} is not a delegated administrator"
    unknown = _error(aside.list_findings, analyzerArn="arn:aws:access-analyzer:x")
    assert (unknown["Code"], unknown["status"]) == ("NotImplemented", 501)


def test_faults_reach_access_analyzer(faults: Sandbox) -> None:
    faults.configure(access_denied=[("security", "accessanalyzer")])
    denied = _error(_client(faults, "security", "us-east-1").list_analyzers)
    assert (denied["Code"], denied["status"]) == ("AccessDeniedException", 403)


def test_organization_analyzer_disabled_without_trusted_access(sandbox: Sandbox) -> None:
    management = sandbox.boto3_session(sandbox.truth.management_account)
    organizations = sandbox.client(management, "organizations")
    client = sandbox.client(management, "accessanalyzer", "us-east-1")
    principal = "access-analyzer.amazonaws.com"
    organizations.disable_aws_service_access(ServicePrincipal=principal)
    try:
        (analyzer,) = client.list_analyzers(type="ORGANIZATION")["analyzers"]
        assert analyzer["status"] == "DISABLED"
        assert analyzer["statusReason"] == {"code": "AWS_SERVICE_ACCESS_DISABLED"}
        refused = _error(
            sandbox.client(management, "accessanalyzer", ASIDE).create_analyzer,
            analyzerName="org",
            type="ORGANIZATION",
        )
        assert (refused["Code"], refused["Message"]) == (
            "ValidationException",
            "Service not enabled for AWS Organizations",
        )
    finally:
        organizations.enable_aws_service_access(ServicePrincipal=principal)
    assert client.list_analyzers(type="ORGANIZATION")["analyzers"][0]["status"] == "ACTIVE"
