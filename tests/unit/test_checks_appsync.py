"""AppSync checks on small inventories built by hand: exactly which GraphQL APIs FAIL and
PASS, why, and the FSBP controls they answer."""

from __future__ import annotations

from check_results import results

from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
EAST = "us-east-1"


def inventory(table: str, *rows: dict) -> Inventory:
    base = {"account_id": A, "region": EAST}
    return Inventory({table: TABLES[table].frame([{**base, **row} for row in rows])})


def test_checks_are_mapped_to_their_fsbp_controls() -> None:
    load_builtin()
    assert CHECKS["appsync_field_level_logging_disabled"].frameworks == {"AWS-FSBP": ("AppSync.2",)}
    assert CHECKS["appsync_api_key_authentication"].frameworks == {"AWS-FSBP": ("AppSync.5",)}


def api(name: str, **fields) -> dict:
    return {
        "name": name,
        "api_id": name,
        "arn": f"arn:aws:appsync:{EAST}:{A}:apis/{name}",
        **fields,
    }


def test_field_logging_passes_any_level_but_none() -> None:
    inv = inventory(
        "appsync.graphql_apis",
        api("errors", field_log_level="ERROR"),
        api("all", field_log_level="ALL"),
        api("off", field_log_level="NONE"),
        api("unset"),
    )
    off = "field-level logging is off (log level NONE)"
    assert results(inv, "appsync_field_level_logging_disabled") == {
        "errors": ("PASS", "field-level logging at ERROR"),
        "all": ("PASS", "field-level logging at ALL"),
        "off": ("FAIL", off),
        "unset": ("FAIL", off),
    }


def test_api_keys_fail_as_primary_or_additional_type() -> None:
    inv = inventory(
        "appsync.graphql_apis",
        api("iam", authentication_types='["AWS_IAM"]'),
        api("key", authentication_types='["API_KEY"]'),
        api("both", authentication_types='["API_KEY", "AMAZON_COGNITO_USER_POOLS"]'),
    )
    assert results(inv, "appsync_api_key_authentication") == {
        "iam": ("PASS", "authenticated with AWS_IAM"),
        "key": ("FAIL", "accepts API keys (authentication types: API_KEY)"),
        "both": (
            "FAIL",
            "accepts API keys (authentication types: API_KEY, AMAZON_COGNITO_USER_POOLS)",
        ),
    }
