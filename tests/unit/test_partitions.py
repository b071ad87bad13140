"""Snapshots written as they come (toolkit.partitions) and read lazily (Inventory.load): a
table is read from Parquet only when asked, a failed run leaves nothing, shards merge."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from toolkit.collectors import REGISTRY
from toolkit.errors import SnapshotError, UsageError
from toolkit.inventory import MANIFEST, Inventory
from toolkit.partitions import PartitionWriter, merge_partitioned

A, B, C = "111111111111", "222222222222", "333333333333"
META = {"accounts": [A, B, C], "regions": ["us-east-1", "eu-west-1"]}


def _buckets(*accounts: str) -> pd.DataFrame:
    rows = [
        {"account_id": account, "region": region, "name": f"{account[:1]}-{region}"}
        for account in accounts
        for region in META["regions"]
    ]
    return REGISTRY["s3.buckets"].frame(rows)


def _inventory() -> Inventory:
    frames = {"iam.users": REGISTRY["iam.users"].empty(), "s3.buckets": _buckets(A, B, C)}
    errors = pd.DataFrame([{"account_id": C, "region": "eu-west-1", "table": "x.y"}])
    return Inventory(frames, errors, META)


def _written(directory: Path, accounts: tuple[str, ...] = (A, B, C)) -> Path:
    """What collect(to=directory) writes for ``_inventory``: accounts handed over in any
    order (here the reverse), one (table, account) at a time."""
    expected = _inventory()
    table = REGISTRY["s3.buckets"]
    with PartitionWriter(directory) as writer:
        for account in reversed(accounts):
            writer.write("s3.buckets", account, _buckets(account))
        empties = {name: REGISTRY[name].empty() for name in expected.tables}
        assert table.empty().dtypes.equals(empties["s3.buckets"].dtypes)
        meta = {**META, "accounts": list(accounts)}
        return writer.finish(empties, expected.errors, meta)


def assert_same(a: Inventory, b: Inventory) -> None:
    assert a.tables == b.tables
    for name in a.tables:
        assert_frame_equal(a[name], b[name], check_exact=True)
    assert_frame_equal(a.errors, b.errors)


def test_writer_gives_the_inventory_in_collect_order(tmp_path) -> None:
    path = _written(tmp_path / "snap")
    loaded = Inventory.load(path)
    assert_same(_inventory(), loaded)  # rows in the accounts' order, empty table typed
    assert loaded.meta == META
    folders = sorted(p.name for p in (path / "s3.buckets").iterdir())
    assert folders == [f"account_id={a}" for a in (A, B, C)]
    assert [p.name for p in (path / "iam.users").iterdir()] == ["part-0.parquet"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["snap"]  # no staging left
    owner_only(path)


def owner_only(path: Path) -> None:
    """Every folder of the snapshot 0700 (not only the last one made), every file 0600."""
    for item in [path, *path.rglob("*")]:
        assert stat.S_IMODE(item.stat().st_mode) == (0o700 if item.is_dir() else 0o600), item


def test_rows_naming_another_account_go_to_its_partition(tmp_path) -> None:
    """A table whose rows say their own account (a plugin's) is partitioned by what they say."""
    frame = pd.DataFrame({"account_id": [A, B, A], "n": [1, 2, 3]}).astype({"account_id": "string"})
    with PartitionWriter(tmp_path / "snap") as writer:
        writer.write("x.y", A, frame)
        writer.write("x.y", B, frame.iloc[1:2])
        path = writer.finish({"x.y": frame.iloc[:0]}, pd.DataFrame(), META)
    loaded = Inventory.load(path)["x.y"]
    assert loaded.values.tolist() == [[A, 1], [A, 3], [B, 2], [B, 2]]
    assert sorted(p.name for p in (path / "x.y" / f"account_id={B}").iterdir()) == [
        "part-0.parquet",
        "part-1.parquet",
    ]


def test_loading_reads_a_table_only_when_asked(tmp_path) -> None:
    expected = _inventory()
    for partitioned in (False, True):
        path = expected.save(tmp_path / f"snap-{partitioned}", partitioned=partitioned)
        loaded = Inventory.load(path)
        assert loaded.in_memory == []
        assert loaded["s3.buckets"] is loaded["s3.buckets"]  # read once, kept
        assert loaded.in_memory == ["s3.buckets"]
        for file in path.iterdir():  # every other table's files gone: not read again
            if file.name.startswith("iam.users"):
                shutil.rmtree(file) if file.is_dir() else file.unlink()
        assert len(loaded) == 2 and list(loaded) == loaded.tables == expected.tables
        assert "iam.users" in loaded and "x.y" not in loaded
        assert loaded.meta == META and len(loaded.errors) == 1
        summary = loaded.summary()
        assert summary.set_index("table")["rows"].to_dict() == {"iam.users": 0, "s3.buckets": 6}
        assert summary.set_index("table")["accounts"].to_dict() == {"iam.users": 0, "s3.buckets": 3}
        assert "6 rows" in repr(loaded) and "6 rows" in loaded._repr_html_()
        with pytest.raises(SnapshotError, match="Table iam.users of the snapshot"):
            loaded["iam.users"]
        with pytest.raises(KeyError, match="No table 'x.y'"):
            loaded["x.y"]


def test_save_of_a_loaded_snapshot_keeps_nothing_and_a_replaced_one_is_refused(
    tmp_path,
) -> None:
    path = _written(tmp_path / "snap")
    loaded = Inventory.load(path)
    copy = Inventory.load(loaded.save(tmp_path / "copy"))  # format 1 from format 2
    assert loaded.in_memory == []
    assert_same(_inventory(), copy)
    loaded.save(path)  # over its own snapshot: still reads
    assert_same(_inventory(), loaded)
    stale = Inventory.load(path)
    Inventory({"s3.buckets": _buckets(A)}, meta=META).save(path, partitioned=True)
    with pytest.raises(SnapshotError, match="replaced after it was loaded"):
        stale["s3.buckets"]


def test_failed_run_leaves_nothing_and_keeps_the_old_snapshot(tmp_path) -> None:
    old = _written(tmp_path / "snap")
    with pytest.raises(RuntimeError), PartitionWriter(tmp_path / "snap") as writer:
        writer.write("s3.buckets", A, _buckets(A))
        raise RuntimeError("the run failed")
    with pytest.raises(RuntimeError), PartitionWriter(tmp_path / "new") as writer:
        writer.write("s3.buckets", A, _buckets(A))
        raise RuntimeError("the run failed")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["snap"]
    assert_same(_inventory(), Inventory.load(old))
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    with pytest.raises(UsageError, match="not a snapshot"):
        PartitionWriter(tmp_path / "taken")


def test_merge_of_shards(tmp_path) -> None:
    first = _written(tmp_path / "first", (A,))
    second = _written(tmp_path / "second", (B, C))
    merged = merge_partitioned(
        [second, first], tmp_path / "all", errors=_inventory().errors, meta=META
    )
    assert_same(_inventory(), Inventory.load(merged))
    owner_only(merged)
    (tmp_path / "again").mkdir()
    with pytest.raises(UsageError, match=f"Account {A} of table s3.buckets is in two"):
        merge_partitioned([first, merged], tmp_path / "again")
    assert list((tmp_path / "again").iterdir()) == []
    assert (merged / MANIFEST).is_file()
