"""Helpers of the fault suite (a plain module: conftest.py holds its fixtures)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
from pandas.testing import assert_frame_equal

from toolkit.collectors import REGISTRY
from toolkit.inventory import Inventory

TOOLKIT = [sys.executable, "-m", "toolkit.cli"]

#: Columns that change between two reads of the same estate: moto stamps the trail's last
#: delivery with the time of the call, and every AssumeRole marks the role as used.
VOLATILE = {
    "cloudtrail.trails": ["latest_delivery_time"],
    "iam.roles": ["last_used_date", "last_used_region"],
}

#: A one-member organization that seeds in a few seconds: for tests that kill their sandbox.
TINY_ESTATE = {
    "regions": ["us-east-1", "eu-west-1"],
    "organization": {
        "management": {"key": "management"},
        "ous": [
            {
                "name": "Workloads",
                "accounts": [{"key": "app", "name": "App", "email": "app@example.com"}],
            }
        ],
    },
    "accounts": {"app": {"buckets": [{"name": "tiny-app-bucket", "region": "eu-west-1"}]}},
}


def comparable(inventory: Inventory, name: str) -> pd.DataFrame:
    """A table sorted by its key, without its volatile columns."""
    table = REGISTRY[name]
    frame = inventory[name].drop(columns=VOLATILE.get(name, []), errors="ignore")
    key = ["account_id", "region", *table.key]
    return frame.sort_values(key, ignore_index=True)


def assert_same_inventory(
    expected: Inventory, actual: Inventory, *, without: Iterable[tuple[str, str]] = ()
) -> None:
    """Every table of ``expected`` holds the same rows in ``actual``, dtypes included, except
    rows whose (account_id, table) pair is in ``without`` ("*" as table: all tables)."""
    skipped = set(without)
    assert expected.tables == actual.tables
    for name in expected.tables:
        left, right = comparable(expected, name), comparable(actual, name)
        drop = {a for a, t in skipped if t in (name, "*")}
        if drop:
            left = left[~left["account_id"].isin(drop)].reset_index(drop=True)
        assert_frame_equal(left, right, check_dtype=True, obj=name)


def files_under(root: Path) -> dict[str, tuple[int, float]]:
    """Every path under ``root`` with its size and modification time."""
    return {
        str(path.relative_to(root)): (path.stat().st_size, path.stat().st_mtime)
        for path in sorted(root.rglob("*"))
    }
