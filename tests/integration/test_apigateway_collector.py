"""The API Gateway tables (REST API stages; HTTP and WebSocket API stages) hold exactly what
plain boto3 sees in the sandbox, and what was seeded; the API Gateway checks FAIL exactly the
planted stages."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

REST = "apigateway.rest_api_stages"
V2 = "apigatewayv2.stages"
CHECKS = (
    "apigateway_rest_stage_execution_logging_disabled",
    "apigateway_rest_stage_client_certificate_missing",
    "apigateway_rest_stage_xray_tracing_disabled",
    "apigateway_rest_stage_waf_missing",
    "apigateway_rest_stage_cache_unencrypted",
    "apigatewayv2_websocket_stage_execution_logging_disabled",
    "apigatewayv2_stage_access_logging_disabled",
)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(
        sandbox.scope(), services=["apigateway", "apigatewayv2"], progress=False
    )


@pytest.mark.parametrize("table", [REST, V2])
def test_no_errors_and_one_clean_table_each(inventory: Inventory, table: str) -> None:
    assert_one_clean_table(Inventory({table: inventory[table]}), table, ["arn"])
    assert inventory.errors.empty


def _here(frame: pd.DataFrame, account_id: str, region: str) -> pd.DataFrame:
    return frame[(frame["account_id"] == account_id) & (frame["region"] == region)]


def test_rest_api_stages_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[REST]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            client = sandbox.client(session, "apigateway", region)
            rows = _here(frame, account_id, region).set_index("arn")
            expected = []
            for api in client.get_rest_apis()["items"]:
                for stage in client.get_stages(restApiId=api["id"])["item"]:
                    arn = f"arn:aws:apigateway:{region}::/restapis/{api['id']}/stages/"
                    arn += stage["stageName"]
                    expected.append(arn)
                    row = rows.loc[arn]
                    every = stage.get("methodSettings", {}).get("*/*", {})
                    assert row["rest_api_name"] == api["name"]
                    assert json.loads(row["endpoint_types"]) == sorted(
                        api["endpointConfiguration"]["types"]
                    )
                    assert row["deployment_id"] == stage["deploymentId"]
                    assert row["logging_level"] == every.get("loggingLevel", "OFF")
                    assert bool(row["tracing_enabled"]) == stage.get("tracingEnabled", False)
                    assert bool(row["cache_cluster_enabled"]) == stage["cacheClusterEnabled"]
                    assert json.loads(row["cache_encryption"]) == (
                        {"*/*": every["cacheDataEncrypted"]} if every.get("cachingEnabled") else {}
                    )
                    assert cell(row["client_certificate_id"]) == stage.get("clientCertificateId")
                    assert cell(row["web_acl_arn"]) == stage.get("webAclArn")
                    assert cell(row["access_log_destination"]) == (
                        stage.get("accessLogSettings") or {}
                    ).get("destinationArn")
            assert sorted(rows.index) == sorted(expected)


def test_v2_stages_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[V2]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            client = sandbox.client(session, "apigatewayv2", region)
            rows = _here(frame, account_id, region).set_index("arn")
            expected = []
            for api in client.get_apis()["Items"]:
                for stage in client.get_stages(ApiId=api["ApiId"])["Items"]:
                    arn = f"arn:aws:apigateway:{region}::/apis/{api['ApiId']}/stages/"
                    arn += stage["StageName"]
                    expected.append(arn)
                    row = rows.loc[arn]
                    logs = stage.get("AccessLogSettings") or {}
                    assert row["api_name"] == api["Name"]
                    assert row["protocol_type"] == api["ProtocolType"]
                    assert bool(row["auto_deploy"]) == stage.get("AutoDeploy", False)
                    assert row["created_date"] == pd.Timestamp(stage["CreatedDate"])
                    assert row["last_updated_date"] == pd.Timestamp(stage["LastUpdatedDate"])
                    assert cell(row["access_log_destination"]) == logs.get("DestinationArn")
                    assert cell(row["access_log_format"]) == logs.get("Format")
                    level = (stage.get("DefaultRouteSettings") or {}).get("LoggingLevel", "OFF")
                    assert cell(row["logging_level"]) == (
                        level if api["ProtocolType"] == "WEBSOCKET" else None
                    )
            assert sorted(rows.index) == sorted(expected)


def test_seeded_stages_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    rest = inventory[REST].set_index("arn")
    truth = sandbox.truth.apigateway_rest_stages
    assert sorted(rest.index) == sorted(s["arn"] for s in truth)
    for seeded in truth:
        row = rest.loc[seeded["arn"]]
        assert (row["account_id"], row["region"]) == (seeded["account_id"], seeded["region"])
        assert (row["rest_api_name"], row["stage_name"]) == (
            seeded["rest_api_name"],
            seeded["stage_name"],
        )
        assert row["logging_level"] == seeded["logging_level"]
        assert bool(row["tracing_enabled"]) == seeded["tracing_enabled"]
        cached = json.loads(row["cache_encryption"])
        assert cached == (
            {} if seeded["cache_encrypted"] is None else {"*/*": seeded["cache_encrypted"]}
        )
        assert cell(row["client_certificate_id"]) == seeded["client_certificate_id"]
        assert cell(row["web_acl_arn"]) == seeded["web_acl_arn"]
        assert cell(row["access_log_destination"]) == seeded["access_log_destination"]
    v2 = inventory[V2].set_index("arn")
    truth = sandbox.truth.apigatewayv2_stages
    assert sorted(v2.index) == sorted(s["arn"] for s in truth)
    for seeded in truth:
        row = v2.loc[seeded["arn"]]
        assert (row["api_name"], row["protocol_type"], row["stage_name"]) == (
            seeded["api_name"],
            seeded["protocol_type"],
            seeded["stage_name"],
        )
        assert cell(row["access_log_destination"]) == seeded["access_log_destination"]
        assert cell(row["logging_level"]) == seeded["logging_level"]
    assert {s["protocol_type"] for s in truth} == {"HTTP", "WEBSOCKET"}


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    """One list of APIs per account and region, one list of stages per API."""
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    rest_apis = {
        (s["account_id"], s["region"], s["rest_api_id"])
        for s in sandbox.truth.apigateway_rest_stages
    }
    v2_apis = {
        (s["account_id"], s["region"], s["api_id"]) for s in sandbox.truth.apigatewayv2_stages
    }
    assert calls["apigateway.GetRestApis"] == units
    assert calls["apigateway.GetStages"] == len(rest_apis)
    assert calls["apigatewayv2.GetApis"] == units
    assert calls["apigatewayv2.GetStages"] == len(v2_apis)


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_stages(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
