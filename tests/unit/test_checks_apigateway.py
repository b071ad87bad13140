"""API Gateway checks on small inventories built by hand: exactly which stages FAIL, which
PASS, which are not judged, and why."""

from __future__ import annotations

import json
import re

import pytest

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
EAST = "us-east-1"
REST = "apigateway.rest_api_stages"
V2 = "apigatewayv2.stages"


def rest_stage(api_id: str, **fields) -> dict:
    """A REST API stage that passes every check unless ``fields`` say otherwise."""
    return {
        "account_id": A,
        "region": EAST,
        "arn": f"arn:aws:apigateway:{EAST}::/restapis/{api_id}/stages/prod",
        "rest_api_id": api_id,
        "rest_api_name": f"{api_id}-api",
        "stage_name": "prod",
        "logging_level": "ERROR",
        "method_logging_levels": "{}",
        "tracing_enabled": True,
        "cache_cluster_enabled": True,
        "cache_encryption": json.dumps({"*/*": True}),
        "client_certificate_id": "cert1",
        "web_acl_arn": f"arn:aws:wafv2:{EAST}:{A}:regional/webacl/api/1",
        "access_log_destination": f"arn:aws:logs:{EAST}:{A}:log-group:api",
        **fields,
    }


def v2_stage(api_id: str, protocol: str = "WEBSOCKET", **fields) -> dict:
    return {
        "account_id": A,
        "region": EAST,
        "arn": f"arn:aws:apigateway:{EAST}::/apis/{api_id}/stages/live",
        "api_id": api_id,
        "api_name": f"{api_id}-api",
        "protocol_type": protocol,
        "stage_name": "live",
        "access_log_destination": f"arn:aws:logs:{EAST}:{A}:log-group:api",
        "logging_level": "INFO" if protocol == "WEBSOCKET" else None,
        **fields,
    }


def results(check: str, table: str, *rows: dict) -> dict[str, tuple[str, str]]:
    inv = Inventory({table: TABLES[table].frame(rows)})
    found = toolkit.run_checks(inv, checks=check)
    assert set(found["check_id"]) <= {check}
    return {
        r: (s, d)
        for r, s, d in zip(
            found["resource_id"], found["status"].astype(str), found["detail"], strict=True
        )
    }


CONTROLS = {
    "apigateway_rest_stage_execution_logging_disabled": ("APIGateway.1", REST),
    "apigatewayv2_websocket_stage_execution_logging_disabled": ("APIGateway.1", V2),
    "apigateway_rest_stage_client_certificate_missing": ("APIGateway.2", REST),
    "apigateway_rest_stage_xray_tracing_disabled": ("APIGateway.3", REST),
    "apigateway_rest_stage_waf_missing": ("APIGateway.4", REST),
    "apigateway_rest_stage_cache_unencrypted": ("APIGateway.5", REST),
    "apigatewayv2_stage_access_logging_disabled": ("APIGateway.9", V2),
}


@pytest.mark.parametrize(("check", "control", "table"), [(c, *v) for c, v in CONTROLS.items()])
def test_checks_are_registered_mapped_and_pass_a_good_stage(
    check: str, control: str, table: str
) -> None:
    load_builtin()
    entry = CHECKS[check]
    assert entry.frameworks == {"AWS-FSBP": (control,)}
    assert control in entry.description
    assert entry.remediation_cli.startswith("aws ")
    assert set(re.findall(r"\{([a-z_]+)\}", entry.remediation_cli)) <= {"resource_id", "region"}
    good = rest_stage("good") if table == REST else v2_stage("good")
    found = results(check, table, good)
    assert [status for status, _ in found.values()] == ["PASS"]
    assert list(found) == ["good/" + good["stage_name"]]


def test_execution_logging_needs_error_or_info_on_every_method() -> None:
    found = results(
        "apigateway_rest_stage_execution_logging_disabled",
        REST,
        rest_stage("off", logging_level="OFF"),
        rest_stage("info", logging_level="INFO"),
        rest_stage("override", method_logging_levels=json.dumps({"orders/GET": "OFF"})),
    )
    assert found["off/prod"] == ("FAIL", "off-api/prod: execution logging OFF")
    assert found["info/prod"] == ("PASS", "info-api/prod: execution logging at INFO")
    assert found["override/prod"] == (
        "FAIL",
        "override-api/prod: execution logging off for orders/GET (OFF)",
    )


def test_certificate_tracing_and_waf_fail_when_absent() -> None:
    bare = rest_stage("bare", client_certificate_id=None, tracing_enabled=False, web_acl_arn=None)
    for check in (
        "apigateway_rest_stage_client_certificate_missing",
        "apigateway_rest_stage_xray_tracing_disabled",
        "apigateway_rest_stage_waf_missing",
    ):
        assert results(check, REST, bare)["bare/prod"][0] == "FAIL", check


def test_cache_encryption_judges_only_stages_that_cache() -> None:
    found = results(
        "apigateway_rest_stage_cache_unencrypted",
        REST,
        rest_stage("clear", cache_encryption=json.dumps({"*/*": False, "a/GET": True})),
        rest_stage("nocache", cache_cluster_enabled=False, cache_encryption="{}"),
    )
    assert found == {"clear/prod": ("FAIL", "clear-api/prod: cache data not encrypted for */*")}


def test_websocket_logging_skips_http_apis_and_access_logging_judges_both() -> None:
    http_bare = v2_stage("http", "HTTP", access_log_destination=None)
    ws_bare = v2_stage("ws", access_log_destination=None, logging_level="OFF")
    logging = results(
        "apigatewayv2_websocket_stage_execution_logging_disabled", V2, http_bare, ws_bare
    )
    assert logging == {"ws/live": ("FAIL", "ws-api/live: execution logging OFF")}
    access = results("apigatewayv2_stage_access_logging_disabled", V2, http_bare, ws_bare)
    assert access == {
        "http/live": ("FAIL", "http-api/live: access logging off"),
        "ws/live": ("FAIL", "ws-api/live: access logging off"),
    }
