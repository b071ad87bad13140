"""Fuzzing the two loaders that read files a user hands over: whatever the bytes, a snapshot
either loads or is a SnapshotError, and an estate either loads or is a UsageError (with one
line of text). Nothing else escapes: no KeyError, no TypeError, no traceback for the CLI."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.collectors import REGISTRY
from toolkit.errors import SnapshotError, UsageError
from toolkit.inventory import ERRORS_FILE, MANIFEST, Inventory
from toolkit.sandbox.estate import SCHEMA, load_estate

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory) -> Path:
    frames = {name: REGISTRY[name].empty() for name in ("s3.buckets", "iam.users")}
    frames["s3.buckets"] = REGISTRY["s3.buckets"].frame(
        [{"account_id": "123456789012", "region": "us-east-1", "name": "b", "versioning": "x"}]
    )
    return Inventory(frames, meta={"accounts": ["123456789012"]}).save(
        tmp_path_factory.mktemp("fuzz") / "snap"
    )


def load_with(snapshot: Path, name: str, data: bytes) -> None:
    """Inventory.load on a copy of ``snapshot`` whose file ``name`` holds ``data``."""
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


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` truncated, with bytes flipped, inserted or cut."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "cut", "truncate"]))
        if action == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif action == "cut":
            del data[at : at + draw(st.integers(1, 16))]
        else:
            del data[at:]
    return bytes(data)


@FUZZ
@given(data=st.data())
def test_mutated_manifest(snapshot: Path, data: st.DataObject) -> None:
    original = (snapshot / MANIFEST).read_bytes()
    load_with(snapshot, MANIFEST, data.draw(mutated(original)))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@FUZZ
@given(
    tables=JSON,
    errors=JSON,
    meta=JSON,
    fmt=st.sampled_from([1, 2, "1", None, True]),
    file=st.sampled_from(["s3.buckets.parquet", "../snap/manifest.json", "/etc/hostname", ""]),
)
def test_manifest_of_any_shape(snapshot: Path, tables, errors, meta, fmt, file) -> None:
    manifest = json.loads((snapshot / MANIFEST).read_text())
    variants = [
        {**manifest, "tables": tables},
        {**manifest, "errors": errors},
        {**manifest, "meta": meta, "format": fmt},
        {**manifest, "tables": {"s3.buckets": {**manifest["tables"]["s3.buckets"], "file": file}}},
        {**manifest, "tables": {"s3.buckets": {"file": "s3.buckets.parquet", "dtypes": tables}}},
    ]
    for variant in variants:
        load_with(snapshot, MANIFEST, json.dumps(variant).encode())


@FUZZ
@given(
    data=st.data(), name=st.sampled_from(["s3.buckets.parquet", "iam.users.parquet", ERRORS_FILE])
)
def test_mutated_parquet(snapshot: Path, data: st.DataObject, name: str) -> None:
    load_with(snapshot, name, data.draw(mutated((snapshot / name).read_bytes())))


def _keys(spec: object, seen: set[int] | None = None) -> list[str]:
    """Every key the estate schema knows, at any depth (an OU holds OUs: visit each once)."""
    seen = set() if seen is None else seen
    if id(spec) in seen:
        return []
    seen.add(id(spec))
    found: list[str] = []
    if isinstance(spec, tuple) and spec and spec[0] == "map":
        return _keys(spec[1], seen)
    if isinstance(spec, dict):
        for key, value in spec.items():
            found += [key, *_keys(value, seen)]
    elif isinstance(spec, list) and spec:
        found += _keys(spec[0], seen)
    return found


KEYS = st.sampled_from(sorted(set(_keys(SCHEMA)))) | st.text(max_size=6)
ESTATE_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=25,
)


def assert_loads_or_usage_error(estate: object) -> None:
    try:
        loaded = load_estate(estate)  # type: ignore[arg-type]
    except UsageError as error:
        assert "\n" not in str(error)
        return
    assert isinstance(loaded, dict)


@FUZZ
@given(estate=st.dictionaries(KEYS, ESTATE_VALUES, max_size=5))
def test_estate_of_any_shape(estate: dict) -> None:
    assert_loads_or_usage_error(estate)


@FUZZ
@given(
    organization=st.fixed_dictionaries(
        {},
        optional={
            "management": st.dictionaries(KEYS, ESTATE_VALUES, max_size=3),
            "ous": st.lists(st.dictionaries(KEYS, ESTATE_VALUES, max_size=3), max_size=3),
            "root_accounts": st.lists(st.dictionaries(KEYS, ESTATE_VALUES, max_size=3), max_size=3),
        },
    ),
    accounts=st.dictionaries(st.text(max_size=5), st.dictionaries(KEYS, ESTATE_VALUES, max_size=3)),
)
def test_estate_organization_of_any_shape(organization: dict, accounts: dict) -> None:
    assert_loads_or_usage_error({"organization": organization, "accounts": accounts})


@FUZZ
@given(text=st.text(max_size=200) | st.binary(max_size=200).map(lambda b: b.decode("latin-1")))
def test_estate_file_of_any_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "estate.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        assert_loads_or_usage_error(path)


def test_the_demo_estate_round_trips_through_yaml(tmp_path: Path) -> None:
    """The control: a real estate, dumped and read back, loads."""
    demo = load_estate("demo")
    path = tmp_path / "demo.yaml"
    path.write_text(yaml.safe_dump(demo))
    assert load_estate(path) == demo
