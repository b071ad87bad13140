"""What every collector test asks of a one-service collection: no errors, exactly the table,
its declared columns in order, no key repeated; and that each check fails exactly where the
estate plants it."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

import toolkit
from toolkit.collectors import REGISTRY
from toolkit.inventory import Inventory
from toolkit.sandbox.truth import GroundTruth


def assert_one_clean_table(inventory: Inventory, table: str, key: Sequence[str]) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    assert list(inventory.tables) == [table]
    frame = inventory[table]
    assert list(frame.columns) == [c.name for c in REGISTRY[table].columns]
    assert not frame.duplicated(list(key)).any()


def cell(value: object) -> object:
    """A table's cell as boto3 would give it: None for a missing value."""
    return None if pd.isna(value) else value


def assert_fails_exactly_the_planted(truth: GroundTruth, inventory: Inventory, check: str) -> None:
    """The check FAILs exactly the resources the estate plants for it, and PASSes others."""
    findings = toolkit.run_checks(inventory, checks=check)
    failed = findings[findings["status"] == "FAIL"]
    fails = zip(failed["account_id"], failed["region"], failed["resource_id"], strict=True)
    planted = [p for p in truth.planted if p["check"] == check]
    assert planted, f"the estate plants no failure of {check}"
    assert sorted(fails) == sorted(
        (p["account_id"], p["region"], p["resource_id"]) for p in planted
    )
    assert set(findings["status"].astype(str)) == {"PASS", "FAIL"}
