"""How a distributed collection is cut into shards and merged, and what it says when Dask is
missing or the options conflict (no cluster, no AWS: the integration tests run those)."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

import toolkit
from toolkit.cli import main
from toolkit.collectors import select_tables
from toolkit.distributed import (
    INSTALL,
    MAX_SHARD_ACCOUNTS,
    merge_errors,
    merge_meta,
    plan_shards,
)
from toolkit.errors import UsageError
from toolkit.inventory import ERROR_COLUMNS

ACCOUNTS = [f"{n:012d}" for n in range(1, 8)]
TABLES = select_tables(tables=["s3.buckets", "ec2.vpcs", "organizations.accounts", "sso.users"])


def test_accounts_are_cut_in_order_and_the_organization_is_read_once() -> None:
    shards = plan_shards(ACCOUNTS, TABLES, slots=2)

    assert [len(accounts) for accounts, _ in shards] == [2, 2, 2, 1]
    assert [a for accounts, _ in shards for a in accounts] == ACCOUNTS
    once = {"organizations.accounts", "sso.users"}
    holding = [i for i, (_, names) in enumerate(shards) if once <= set(names)]
    assert holding == [3]  # the smallest shard, and only it
    assert all(set(names) - once == {"s3.buckets", "ec2.vpcs"} for _, names in shards)


def test_shards_stay_small_and_never_outnumber_the_accounts() -> None:
    many = [f"{n:012d}" for n in range(1, 121)]
    assert len(plan_shards(many, TABLES, slots=1)) == -(-120 // MAX_SHARD_ACCOUNTS)
    assert len(plan_shards(ACCOUNTS[:3], TABLES, slots=8)) == 3
    only_organization = [t for t in TABLES if t.where == "organization"]
    assert plan_shards(ACCOUNTS, only_organization, slots=4) == [
        (ACCOUNTS, [t.name for t in only_organization])
    ]


def test_counts_sum_and_a_whole_endpoint_failure_is_named_once() -> None:
    merged = merge_meta(
        [
            {"api_calls": {"sts.GetCallerIdentity": 1}, "api_calls_total": 1, "retries": 0},
            {"api_calls": {"sts.GetCallerIdentity": 1, "s3.ListBuckets": 2}, "api_calls_total": 3},
        ]
    )
    assert merged["api_calls"] == {"s3.ListBuckets": 2, "sts.GetCallerIdentity": 2}
    assert merged["api_calls_total"] == 4

    endpoint = {"account_id": "*", "region": "eu-west-1", "table": "*", "service": "kms"}
    endpoint |= {"error_code": "EndpointConnectionError", "message": "no answer"}
    own = endpoint | {"account_id": "000000000001", "table": "kms.keys", "error_code": "Denied"}
    frames = [pd.DataFrame([endpoint, own]), pd.DataFrame([endpoint])]
    errors = merge_errors(frames)
    assert errors.to_dict("records") == [endpoint, own]
    assert list(merge_errors([]).columns) == list(ERROR_COLUMNS)


def test_without_dask_the_error_names_the_extra(monkeypatch, capsys, tmp_path) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as when not installed
    scope = toolkit.Scope(endpoint_url="http://127.0.0.1:9")
    with pytest.raises(UsageError, match="not installed") as raised:
        toolkit.collect_sync(scope, tables=["s3.buckets"], workers=2)
    assert INSTALL in str(raised.value)

    argv = f"collect --endpoint-url http://127.0.0.1:9 --workers 2 -o {tmp_path / 'out'}"
    assert main(argv.split()) == 2
    assert INSTALL in capsys.readouterr().err


def test_workers_and_a_scheduler_are_not_given_together() -> None:
    scope = toolkit.Scope(endpoint_url="http://127.0.0.1:9")
    with pytest.raises(UsageError, match="not both"):
        toolkit.collect_sync(scope, workers=2, scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(UsageError, match="whole number"):
        toolkit.collect_sync(scope, workers=2.5)
    with pytest.raises(UsageError, match="only when collecting"):
        toolkit.open_inventory("some-snapshot", workers=2)
