"""Declarations against the demo estate: every declared column is filled somewhere, and a
hydrate none of whose columns was asked for is never called."""

from __future__ import annotations

import pytest

import toolkit
from toolkit.collectors import REGISTRY
from toolkit.sandbox import Sandbox


@pytest.fixture(scope="module")
def inventory(demo_inventory):
    return demo_inventory


def test_every_declared_column_is_filled_by_some_row_of_the_demo_estate(inventory) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    empty_tables = sorted(name for name in inventory.tables if inventory[name].empty)
    assert empty_tables == [], f"tables the demo estate leaves empty: {empty_tables}"
    unfilled = sorted(
        f"{name}.{column}"
        for name in inventory.tables
        for column in inventory[name].columns
        if inventory[name][column].isna().all()
    )
    assert unfilled == [], f"declared columns no row of the demo estate fills: {unfilled}"


def test_only_the_hydrates_of_asked_columns_are_called(sandbox: Sandbox) -> None:
    buckets = REGISTRY["s3.buckets"]
    sandbox.reset_counts()
    inventory = toolkit.collect_sync(
        sandbox.scope(),
        tables=["s3.buckets"],
        columns={"s3.buckets": ["versioning"]},
        progress=False,
    )
    frame = inventory["s3.buckets"]
    assert list(frame.columns) == ["account_id", "region", "name", "versioning"]
    assert len(frame) == len(sandbox.truth.buckets)
    made = {op.split(".", 1)[1] for op in sandbox.request_counts() if op.startswith("s3.")}
    assert "GetBucketVersioning" in made
    never = {"GetBucketAcl", "GetBucketPolicy", "GetBucketLogging", "GetBucketEncryption"}
    assert not made & never, made & never
    assert {h.name for h in buckets.hydrates_for(["versioning"])} == {"location", "versioning"}
