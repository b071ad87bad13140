"""Every built-in check runs on empty tables and on rows where AWS said nothing optional."""

from __future__ import annotations

import pytest

import toolkit
from toolkit.collectors import REGISTRY
from toolkit.inventory import Inventory


def null_rows() -> Inventory:
    frames = {}
    for name, table in REGISTRY.items():
        key = {
            c.name: f"{name}-key"
            for c in table.columns
            if c.name in table.key and c.dtype == "string"
        }
        frames[name] = table.frame([{"account_id": "111111111111", "region": "us-east-1", **key}])
    return Inventory(
        frames, meta={"accounts": ["111111111111"], "started": "2026-11-22T00:00:00+00:00"}
    )


@pytest.mark.parametrize(
    "inventory",
    [Inventory({n: t.empty() for n, t in REGISTRY.items()}), null_rows()],
    ids=["empty", "nulls"],
)
def test_every_check_survives(inventory: Inventory) -> None:
    findings = toolkit.run_checks(inventory)
    assert "ERROR" not in set(findings["status"].astype(str))
    assert set(findings["status"].astype(str)) <= {"PASS", "FAIL"}
