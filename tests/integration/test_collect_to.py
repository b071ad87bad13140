"""collect(..., to=DIR) against the sandbox: the snapshot written as the run goes holds what an
in-memory collection holds, row for row; a cancelled run leaves the old snapshot whole."""

from __future__ import annotations

import asyncio
import json

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import toolkit
from toolkit.aws.session import AwsSession
from toolkit.collectors import REGISTRY
from toolkit.collectors.base import Table
from toolkit.engine import accounts_at_once
from toolkit.inventory import MANIFEST, Inventory
from toolkit.partitions import PartitionWriter
from toolkit.sandbox import Sandbox

#: One table of each kind: organization, global, regional (several accounts and regions).
TABLES = ["organizations.accounts", "iam.roles", "ec2.security_groups"]


def test_written_as_collected_equals_the_demo_inventory(
    faults: Sandbox, demo_inventory: Inventory, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    faults.configure(access_denied=[("legacy", "iam")])
    legacy = faults.truth.account_id("legacy")
    released: list[str] = []
    release = AwsSession.release

    async def spy(self: AwsSession, account_id: str) -> None:
        released.append(account_id)
        await release(self, account_id)

    monkeypatch.setattr(AwsSession, "release", spy)
    # 8 calls at once reads 4 accounts at once: the demo's 7 pass through the account gate
    scope = faults.scope(max_concurrency=8)
    assert accounts_at_once(scope) < len(faults.truth.accounts)
    inventory = toolkit.collect_sync(scope, tables=TABLES, progress=False, to=tmp_path / "snap")
    members = set(faults.truth.account_ids) - {faults.truth.management_account}
    assert sorted(released) == sorted(members)  # each member let go once, when done
    assert inventory.in_memory == []  # loaded lazily from what was written
    manifest = json.loads((tmp_path / "snap" / MANIFEST).read_text())
    assert manifest["format"] == 2 and sorted(manifest["tables"]) == sorted(TABLES)
    assert [p.name for p in tmp_path.iterdir()] == ["snap"]  # no staging left
    for name in TABLES:
        expected = demo_inventory[name]
        if name == "iam.roles":  # the legacy account's roles were refused this time
            expected = expected[expected["account_id"] != legacy].reset_index(drop=True)
        table = REGISTRY[name]
        assert len(expected) and inventory.rows(name) == len(expected), name
        assert_frame_equal(in_order(inventory[name], table), in_order(expected, table))
    errors = inventory.errors
    assert errors[["account_id", "table", "error_code"]].values.tolist() == [
        [legacy, "iam.roles", "AccessDenied"]
    ]
    assert errors.dtypes.astype(str).eq("string").all()


def in_order(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Rows by account, region and key (AWS lists some in no set order); activity columns
    (last used) left out, as they move between two runs."""
    by = ["account_id", "region", *table.key]
    frame = frame.drop(columns=list(table.activity))
    return frame.sort_values(by, kind="stable").reset_index(drop=True)


def test_cancelled_run_leaves_the_old_snapshot(
    sandbox: Sandbox, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = Inventory({}, meta={"run": "old"}).save(tmp_path / "snap", partitioned=True)
    staged, runs = [], []
    real_write = PartitionWriter.write

    def write_then_cancel(self: PartitionWriter, name: str, account: str, frame) -> None:
        real_write(self, name, account, frame)
        staged.extend(self.staging.rglob("*.parquet"))
        runs[0].cancel()  # mid-way: a partition is written, the run is not done

    monkeypatch.setattr(PartitionWriter, "write", write_then_cancel)

    async def main() -> None:
        runs.append(
            asyncio.ensure_future(
                toolkit.collect(sandbox.scope(), tables=TABLES, progress=False, to=old)
            )
        )
        with pytest.raises(asyncio.CancelledError):
            await runs[0]

    asyncio.run(main())
    assert staged  # something was written before the cancel
    assert [p.name for p in tmp_path.iterdir()] == ["snap"]  # staging removed
    assert Inventory.load(old).meta == {"run": "old"}
