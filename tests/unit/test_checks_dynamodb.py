"""DynamoDB checks on small inventories built by hand: exactly which tables FAIL and PASS, why,
and the FSBP controls they answer."""

from __future__ import annotations

import pandas as pd
from check_results import results

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
EAST = "us-east-1"
PITR = "dynamodb_table_pitr_disabled"
PROTECTION = "dynamodb_table_deletion_protection_disabled"


def table(name: str, **fields) -> dict:
    return {
        "account_id": A,
        "region": EAST,
        "table_name": name,
        "arn": f"arn:aws:dynamodb:{EAST}:{A}:table/{name}",
        "table_status": "ACTIVE",
        **fields,
    }


def inventory(*rows: dict) -> Inventory:
    return Inventory({"dynamodb.tables": TABLES["dynamodb.tables"].frame(rows)})


def test_checks_are_mapped_to_their_fsbp_controls() -> None:
    load_builtin()
    assert CHECKS[PITR].frameworks == {"AWS-FSBP": ("DynamoDB.2",)}
    assert CHECKS[PROTECTION].frameworks == {"AWS-FSBP": ("DynamoDB.6",)}
    for check in (PITR, PROTECTION):
        assert CHECKS[check].remediation_cli.startswith("aws dynamodb ")
        assert "{resource_id}" in CHECKS[check].remediation_cli


def test_pitr_fails_tables_without_it_and_unknown_status() -> None:
    inv = inventory(
        table(
            "on",
            point_in_time_recovery_status="ENABLED",
            point_in_time_recovery_enabled=True,
            recovery_period_in_days=7,
        ),
        table(
            "off", point_in_time_recovery_status="DISABLED", point_in_time_recovery_enabled=False
        ),
        table("unknown"),
        table("leaving", table_status="DELETING", point_in_time_recovery_enabled=False),
    )
    result = results(inv, PITR)
    assert {k: v[0] for k, v in result.items()} == {
        "on": "PASS",
        "off": "FAIL",
        "unknown": "FAIL",
    }
    assert result["on"][1] == "point-in-time recovery enabled, restorable 7 days back"
    assert result["off"][1] == "point-in-time recovery disabled"
    assert result["unknown"][1] == "point-in-time recovery status not reported"


def test_deletion_protection_fails_only_unprotected_tables() -> None:
    inv = inventory(
        table("kept", deletion_protection_enabled=True),
        table("exposed", deletion_protection_enabled=False),
    )
    result = results(inv, PROTECTION)
    assert result["kept"] == ("PASS", "deletion protection enabled")
    assert result["exposed"][0] == "FAIL"
    assert result["exposed"][1].startswith("deletion protection disabled")
    found = toolkit.run_checks(inv, checks=PROTECTION)
    arns = dict(zip(found["resource_id"], found["resource_arn"], strict=True))
    assert arns["exposed"] == f"arn:aws:dynamodb:{EAST}:{A}:table/exposed"


def test_no_tables_no_findings() -> None:
    inv = Inventory({"dynamodb.tables": TABLES["dynamodb.tables"].empty()})
    for check in (PITR, PROTECTION):
        assert toolkit.run_checks(inv, checks=check).empty
    assert isinstance(inv["dynamodb.tables"], pd.DataFrame)
