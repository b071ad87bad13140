"""EventBridge checks on small inventories built by hand: exactly which resources FAIL and PASS,
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
    assert CHECKS["events_custom_event_bus_no_policy"].frameworks == {
        "AWS-FSBP": ("EventBridge.3",)
    }


def test_eventbridge_judges_custom_buses_only() -> None:
    def bus(name: str, **fields) -> dict:
        arn = f"arn:aws:events:{EAST}:{A}:event-bus/{name}"
        return {"name": name, "arn": arn, "is_default": name == "default", **fields}

    inv = inventory(
        "events.event_buses",
        bus("default"),
        bus("orders", policy='{"Version": "2012-10-17", "Statement": []}'),
        bus("bare"),
    )
    assert results(inv, "events_custom_event_bus_no_policy") == {
        "orders": ("PASS", "resource-based policy attached"),
        "bare": ("FAIL", "no resource-based policy attached"),
    }
