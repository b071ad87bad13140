"""Snapshots round-trip exactly, every table and dtype, empty tables included."""

from __future__ import annotations

import json
import os
import stat

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import toolkit
from toolkit.collectors import REGISTRY
from toolkit.errors import SnapshotError
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox


def assert_same(a: Inventory, b: Inventory) -> None:
    assert a.tables == b.tables
    for name in a.tables:
        assert_frame_equal(a[name], b[name], check_dtype=True, check_exact=True)
    assert_frame_equal(a.errors, b.errors, check_dtype=True)
    assert a.meta == b.meta


def test_round_trip_full(demo_inventory: Inventory, tmp_path) -> None:
    inventory = demo_inventory
    assert all(len(inventory[name]) for name in inventory.tables)
    path = inventory.save(tmp_path / "snap")
    assert_same(inventory, Inventory.load(path))
    tz = inventory["s3.buckets"]["creation_date"].dtype
    assert str(tz).endswith("UTC]")
    for file in path.iterdir():
        assert stat.S_IMODE(os.stat(file).st_mode) == 0o600  # readable by the owner only


def test_round_trip_empty_tables_and_errors(faults: Sandbox, tmp_path) -> None:
    faults.configure(access_denied=[("legacy", "s3")])
    legacy = faults.truth.account_id("legacy")
    inventory = toolkit.collect_sync(faults.scope(accounts=[legacy]), services="s3", progress=False)
    s3_tables = [name for name in REGISTRY if name.startswith("s3.")]
    assert inventory["s3.buckets"].empty and len(inventory.errors) == len(s3_tables)
    loaded = Inventory.load(inventory.save(tmp_path / "empty"))
    assert_same(inventory, loaded)
    assert list(loaded["s3.buckets"].columns) == [c.name for c in REGISTRY["s3.buckets"].columns]


def test_every_declared_table_round_trips_empty(tmp_path) -> None:
    empty = Inventory({name: table.empty() for name, table in REGISTRY.items()})
    assert_same(empty, Inventory.load(empty.save(tmp_path / "declared")))


def test_save_replaces_only_snapshots(tmp_path) -> None:
    target = tmp_path / "not-a-snapshot"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    with pytest.raises(toolkit.ToolkitError, match="not a snapshot"):
        Inventory({}).save(target)
    assert (target / "notes.txt").read_text() == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["not-a-snapshot"]  # no staging left behind


def test_load_rejects_missing_corrupt_and_future(tmp_path) -> None:
    with pytest.raises(SnapshotError, match="not a snapshot"):
        Inventory.load(tmp_path / "nothing")
    path = Inventory({"x.y": pd.DataFrame({"a": [1]})}).save(tmp_path / "snap")
    (path / "x.y.parquet").write_bytes(b"garbage")
    with pytest.raises(SnapshotError, match="Table x.y of the snapshot .* corrupt"):
        Inventory.load(path)["x.y"]  # read when asked
    with pytest.raises(SnapshotError, match="corrupt"):
        Inventory.load(path, lazy=False)
    manifest = json.loads((path / "manifest.json").read_text())
    manifest["format"] = 99
    (path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(SnapshotError, match="format 99"):
        Inventory.load(path)
