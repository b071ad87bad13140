from __future__ import annotations

import subprocess
import sys

import pytest

from toolkit import Scope
from toolkit.collectors import REGISTRY, select_tables
from toolkit.errors import UsageError


def test_scope_normalizes_and_validates() -> None:
    scope = Scope(regions="us-east-1, eu-west-1", accounts="Organization")
    assert scope.regions == ["us-east-1", "eu-west-1"] and scope.organization
    assert Scope(accounts="111111111111,222222222222").accounts == ["111111111111", "222222222222"]
    with pytest.raises(UsageError, match="Unknown region 'mars-1'"):
        Scope(regions=["mars-1"])
    with pytest.raises(UsageError, match="Malformed account id '12'"):
        Scope(accounts=["12"])
    with pytest.raises(UsageError, match="not a URL"):
        Scope(endpoint_url="localhost:5000")
    with pytest.raises(UsageError, match="positive"):
        Scope(max_concurrency=0)


def test_credentials_never_shown() -> None:
    scope = Scope(credentials=("AKIACANARY", "secret"))
    assert "AKIACANARY" not in repr(scope) and "AKIACANARY" not in str(scope.describe())


def test_select_tables() -> None:
    assert {t.name for t in select_tables("s3")} == {
        "s3.buckets",
        "s3.bucket_data_protection",
        "s3.account_public_access_block",
    }
    assert [t.name for t in select_tables(tables="s3.buckets")] == ["s3.buckets"]
    with pytest.raises(UsageError, match="Unknown service 'ec3'"):
        select_tables("ec3")
    with pytest.raises(UsageError, match="Unknown table"):
        select_tables(tables=["s3.nothing"])
    with pytest.raises(UsageError, match="No table matches"):
        select_tables("organizations", "s3.buckets")


def test_every_table_is_declared_well() -> None:
    for name, table in REGISTRY.items():
        columns = [c.name for c in table.columns]
        assert columns[:2] == ["account_id", "region"], name
        assert len(set(columns)) == len(columns), name
        assert all(c.doc for c in table.columns), name
        assert set(table.key) <= set(columns), name
        assert table.calls and table.doc, name
        assert all(":" in call for call in table.calls), name
        empty = table.empty()
        assert list(empty.columns) == columns and len(empty) == 0


def test_import_does_no_io_and_stays_light() -> None:
    code = "import sys, toolkit; print('pandas' in sys.modules, 'aioboto3' in sys.modules, 'botocore' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False", "False"]
