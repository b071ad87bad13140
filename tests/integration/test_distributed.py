"""Collection over a Dask cluster gives what one process gives, and survives a worker's death.

Both compare with the session's one-process ``demo_inventory`` (same scope, same sandbox), row
for row, every table sorted by account, region and key; the columns that move with use or time
(``Table.activity``: a trail's last delivery, a role's last use) are left out, as a diff does.
"""

from __future__ import annotations

import logging
import os
import signal
import tempfile
import threading
import time
from collections import Counter

import pandas as pd
from distributed import Client, LocalCluster

import toolkit
from toolkit.cli import main
from toolkit.collectors.base import REGISTRY
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

#: Operations a shard repeats that one process makes once per run: who the caller is, the
#: organization's accounts (IAM's trust analysis), AWS managed policy documents (per process).
PER_SHARD = {"sts.GetCallerIdentity", "organizations.ListAccounts", "iam.GetPolicyVersion"}


def comparable(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    table = REGISTRY[name]
    kept = frame.drop(columns=[c for c in table.activity if c in frame.columns])
    order = ["account_id", "region", *[k for k in table.key if k not in ("account_id", "region")]]
    return kept.sort_values(order, kind="stable").reset_index(drop=True)


def assert_same_tables(got: Inventory, expected: Inventory, names: list[str]) -> None:
    for name in names:
        pd.testing.assert_frame_equal(
            comparable(got[name], name), comparable(expected[name], name), obj=name
        )


def sorted_errors(inventory: Inventory) -> pd.DataFrame:
    return inventory.errors.sort_values(list(inventory.errors.columns)).reset_index(drop=True)


def test_two_workers_collect_the_demo_as_one_process(
    sandbox: Sandbox, demo_inventory: Inventory
) -> None:
    inventory = toolkit.collect_sync(sandbox.scope(), progress=False, workers=2)

    assert inventory.tables == demo_inventory.tables
    assert_same_tables(inventory, demo_inventory, demo_inventory.tables)
    pd.testing.assert_frame_equal(sorted_errors(inventory), sorted_errors(demo_inventory))
    meta, one = inventory.meta, demo_inventory.meta
    for key in ("scope", "caller_account", "accounts", "regions", "tables"):
        assert meta[key] == one[key], key
    # 7 accounts over 2 workers: 4 shards, each run once
    assert (meta["workers"], meta["shards"], meta["shard_attempts"]) == (2, 4, [1, 1, 1, 1])
    # every call one process makes, and only per-shard work again: the caller once per shard
    extra = Counter(meta["api_calls"])
    extra.subtract(one["api_calls"])
    assert min(extra.values()) == 0 and {op for op, n in extra.items() if n} <= PER_SHARD
    assert extra["sts.GetCallerIdentity"] == meta["shards"]
    assert meta["api_calls_total"] == one["api_calls_total"] + sum(extra.values())


def test_a_worker_killed_mid_run_has_its_shard_retried(
    faults: Sandbox, demo_inventory: Inventory, tmp_path, monkeypatch
) -> None:
    tables = ["ec2.vpcs", "kms.keys", "sqs.queues"]
    faults.configure(latency_ms=100)  # each shard runs for seconds: long enough to be killed
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the shards' folders go
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")  # the command's (and workers') key
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    killed: list[str] = []
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        pids = client.run(os.getpid)

        def kill_the_first_shard_started() -> None:
            """SIGKILL the worker running the first shard to have started writing."""
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and not killed:
                for attempt in sorted(tmp_path.glob("*shards-*/shard-*")):
                    index = str(int(attempt.name.split("-")[1]))
                    for worker, keys in client.processing().items():
                        if any(str(key).rsplit("-", 1)[1] == index for key in keys):
                            os.kill(pids[worker], signal.SIGKILL)
                            killed.append(attempt.name.split("-")[1])
                            return
                time.sleep(0.02)

        watcher = threading.Thread(target=kill_the_first_shard_started)
        watcher.start()
        regions = ",".join(faults.truth.regions)
        status = main(
            f"collect --endpoint-url {faults.endpoint_url} --accounts organization "
            f"--regions {regions} --tables {','.join(tables)} --no-progress "
            f"--scheduler {cluster.scheduler_address} -o {tmp_path / 'snapshot'}".split()
        )
        watcher.join()

    assert status == 0 and killed, "no worker was killed while running a shard"
    inventory = Inventory.load(tmp_path / "snapshot")
    assert inventory.tables == tables
    assert_same_tables(inventory, demo_inventory, tables)  # nothing lost, nothing twice
    assert inventory.errors.empty
    attempts = inventory.meta["shard_attempts"]
    assert attempts[int(killed[0])] == 2 and sum(attempts) == len(attempts) + 1
    assert not list(tmp_path.glob("*shards-*")), "the shards' folders are removed"
