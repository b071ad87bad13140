"""Athena checks on small inventories built by hand: exactly which resources FAIL and PASS,
why, and the FSBP controls they answer."""

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
    assert CHECKS["athena_workgroup_logging_disabled"].frameworks == {"AWS-FSBP": ("Athena.4",)}


def test_athena_fails_workgroups_without_cloudwatch_metrics() -> None:
    def group(name: str, **fields) -> dict:
        arn = f"arn:aws:athena:{EAST}:{A}:workgroup/{name}"
        return {"workgroup_name": name, "arn": arn, **fields}

    inv = inventory(
        "athena.workgroups",
        group("metrics", publish_cloudwatch_metrics_enabled=True),
        group("quiet", publish_cloudwatch_metrics_enabled=False),
        group("unknown"),
    )
    assert results(inv, "athena_workgroup_logging_disabled") == {
        "metrics": ("PASS", "query metrics published to CloudWatch"),
        "quiet": ("FAIL", "query metrics not published to CloudWatch"),
        "unknown": ("FAIL", "query metrics not published to CloudWatch"),
    }
