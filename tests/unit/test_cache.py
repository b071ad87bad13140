"""The repeat-run cache: keys without secrets, age limits, atomic replacement, misses."""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from toolkit import cache
from toolkit.collectors import REGISTRY
from toolkit.errors import UsageError
from toolkit.inventory import Inventory
from toolkit.scope import Scope


@pytest.fixture(autouse=True)
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _inventory(finished: datetime | None = None, bucket: str = "b1") -> Inventory:
    table = REGISTRY["s3.buckets"]
    frame = table.frame([{"account_id": "111111111111", "region": "us-east-1", "name": bucket}])
    meta = {"scope": {"accounts": None}}
    if finished is not None:
        meta["finished"] = finished.isoformat()
    return Inventory({"s3.buckets": frame}, None, meta)


def test_cache_dir_honours_the_environment(cache_home, monkeypatch) -> None:
    assert cache.cache_dir() == cache_home
    monkeypatch.delenv(cache.ENV_VAR)
    assert "aws-estate-toolkit" in str(cache.cache_dir())


def test_key_is_stable_and_ignores_credentials() -> None:
    one = Scope(regions=["us-east-1"], endpoint_url="http://127.0.0.1:1", credentials=("A", "S"))
    two = Scope(regions=["us-east-1"], endpoint_url="http://127.0.0.1:1", credentials=("B", "T"))
    assert cache.scope_key(one) == cache.scope_key(two)
    assert len(cache.scope_key(one)) == 32
    assert cache.scope_key(one, services="s3") == cache.scope_key(
        one, tables=["s3.buckets", "s3.bucket_data_protection", "s3.account_public_access_block"]
    )
    assert cache.scope_key(one, services="s3") != cache.scope_key(one)
    other_region = Scope(regions=["eu-west-1"], endpoint_url="http://127.0.0.1:1")
    assert cache.scope_key(other_region) != cache.scope_key(one)
    assert cache.scope_key(one, services=["iam", "s3"]) == cache.scope_key(
        one, services=["s3", "iam"]
    )


def test_store_then_load_within_age(cache_home) -> None:
    key = cache.scope_key(Scope(regions=["us-east-1"]))
    path = cache.store(key, _inventory(datetime.now(UTC)))
    assert path == cache_home / key and (path / "manifest.json").is_file()
    loaded = cache.load_cached(key, 60)
    assert loaded is not None
    pd.testing.assert_frame_equal(loaded["s3.buckets"], _inventory()["s3.buckets"])
    assert loaded.meta["cache"]["hit"] is True and loaded.meta["cache"]["key"] == key
    assert cache.load_cached(key, timedelta(minutes=1)) is not None
    assert cache.load_cached(key, "1m") is not None


def test_too_old_or_missing_is_a_miss() -> None:
    key = cache.scope_key(Scope(regions=["us-east-1"]))
    assert cache.load_cached(key, 3600) is None
    cache.store(key, _inventory(datetime.now(UTC) - timedelta(hours=2)))
    assert cache.load_cached(key, 3600) is None
    assert cache.load_cached(key, timedelta(hours=3)) is not None
    assert cache.load_cached(key, 0) is None


def test_age_falls_back_to_directory_mtime() -> None:
    key = "ab" * 16
    path = cache.store(key, _inventory(None))
    assert cache.load_cached(key, 60) is not None
    old = time.time() - 7200
    os.utime(path, (old, old))
    assert cache.load_cached(key, 3600) is None


def test_store_replaces_an_older_snapshot_whole(cache_home) -> None:
    key = "cd" * 16
    cache.store(key, _inventory(datetime.now(UTC), bucket="first"))
    cache.store(key, _inventory(datetime.now(UTC), bucket="second"))
    loaded = cache.load_cached(key, 60)
    assert list(loaded["s3.buckets"]["name"]) == ["second"]
    assert [p.name for p in cache_home.iterdir()] == [key]  # no staging left behind


def test_corrupt_snapshot_is_a_miss(cache_home) -> None:
    key = "ef" * 16
    path = cache.store(key, _inventory(datetime.now(UTC)))
    (path / "s3.buckets.parquet").write_bytes(b"not parquet")
    assert cache.load_cached(key, 60) is None
    manifest = json.loads((path / "manifest.json").read_text())
    manifest["meta"]["finished"] = "yesterday-ish"
    (path / "manifest.json").write_text(json.dumps(manifest))
    assert cache.age_of(path) is not None  # unreadable time: the mtime answers


def test_ages_and_bad_input() -> None:
    assert cache.seconds(90) == 90
    assert cache.seconds("10m") == 600
    assert cache.seconds("2h") == 7200
    assert cache.seconds("1.5d") == 129600
    assert cache.seconds(timedelta(seconds=5)) == 5
    for bad in (-1, "soon", "5y", True):
        with pytest.raises(UsageError):
            cache.seconds(bad)
    with pytest.raises(UsageError, match="not a cache key"):
        cache.load_cached("../etc", 60)


def test_clear() -> None:
    cache.store("12" * 16, _inventory(datetime.now(UTC)))
    cache.store("34" * 16, _inventory(datetime.now(UTC)))
    assert cache.clear("12" * 16) == 1
    assert cache.clear("12" * 16) == 0
    assert cache.clear() == 1
    assert cache.describe("34" * 16)["age_seconds"] is None


def test_collect_reuses_a_young_snapshot(monkeypatch, tmp_path) -> None:
    """collect(max_age=...) answers from the cache without touching AWS."""
    import asyncio

    import toolkit
    from toolkit import cache as cache_module
    from toolkit.inventory import Inventory

    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path))
    scope = toolkit.Scope(endpoint_url="http://127.0.0.1:9", regions=["us-east-1"])
    stored = Inventory({}, meta={"finished": "2999-01-01T00:00:00+00:00"})
    cache_module.store(cache_module.scope_key(scope, ["s3"], None), stored)
    found = asyncio.run(toolkit.collect(scope, ["s3"], max_age="1h", progress=False))
    assert found.tables == [] and found.meta["finished"].startswith("2999")
    written = asyncio.run(
        toolkit.collect(scope, ["s3"], max_age="1h", progress=False, to=tmp_path / "snap")
    )  # the cached run written where asked, as a run would be
    assert written.meta["finished"].startswith("2999")
    assert Inventory.load(tmp_path / "snap").meta == written.meta
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".snap")]  # no staging
