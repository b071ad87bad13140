"""Fuzzing partitioned snapshots (format 2, what a history keeps): whatever the manifest lists
as a table's files, or the bytes of a partition, the snapshot loads or is a SnapshotError of one
line; never another exception, never a file read outside the snapshot."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.collectors import REGISTRY
from toolkit.errors import SnapshotError
from toolkit.inventory import MANIFEST, Inventory

FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PARTITION = "s3.buckets/account_id=123456789012/part-0.parquet"


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory) -> Path:
    rows = [
        {"account_id": account, "region": "us-east-1", "name": f"b{n}"}
        for n, account in enumerate(["123456789012", "210987654321", "123456789012"])
    ]
    frames = {
        "s3.buckets": REGISTRY["s3.buckets"].frame(rows),
        "iam.users": REGISTRY["iam.users"].empty(),
    }
    return Inventory(frames).save(tmp_path_factory.mktemp("fuzz2") / "snap", partitioned=True)


def load_with(snapshot: Path, name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "snap"
        shutil.copytree(snapshot, copy)
        (copy / name).write_bytes(data)
        try:
            loaded = Inventory.load(copy)
            for name in loaded:  # tables are read when asked: each loads or says why not
                loaded[name]
        except SnapshotError as error:
            assert "\n" not in str(error)
            return
        assert isinstance(loaded, Inventory)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
PATHS = st.sampled_from(
    [
        PARTITION,
        "../snap/manifest.json",
        "/etc/hostname",
        "s3.buckets",
        "",
        "a/./b",
        "s3.buckets//x",
    ]
) | st.text(max_size=20)


@FUZZ
@given(files=JSON, path=PATHS, account=JSON)
def test_files_of_any_shape(snapshot: Path, files, path, account) -> None:
    manifest = json.loads((snapshot / MANIFEST).read_text())
    entry = manifest["tables"]["s3.buckets"]
    listed = entry["files"]
    variants = [
        {**entry, "files": files},
        {**entry, "files": [{**listed[0], "path": path}, *listed[1:]]},
        {**entry, "files": [{**listed[0], "account_id": account}, *listed[1:]]},
    ]
    for variant in variants:
        changed = {**manifest, "tables": {**manifest["tables"], "s3.buckets": variant}}
        load_with(snapshot, MANIFEST, json.dumps(changed).encode())


@FUZZ
@given(data=st.binary(max_size=64), keep=st.integers(0, 2000))
def test_partition_of_any_bytes(snapshot: Path, data: bytes, keep: int) -> None:
    original = (snapshot / PARTITION).read_bytes()
    load_with(snapshot, PARTITION, original[:keep] + data)
