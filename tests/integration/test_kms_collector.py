"""The KMS table holds exactly what plain boto3 sees in the sandbox, and what was seeded.

moto's ListKeys lists only the keys made in it (no AWS managed keys: its reserved aliases
alias/aws/* point at key ids ListKeys does not list), so every listed key is compared. The one
extra key (the default EBS key moto makes for an encrypted volume, KeyManager CUSTOMER there,
AWS in AWS) is compared with boto3 like any other.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from census import assert_one_clean_table

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "kms.keys"


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="kms", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def test_keys_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            kms = sandbox.client(session, "kms", region)
            listed = kms.list_keys()["Keys"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["key_id"]) == sorted(k["KeyId"] for k in listed)
            aliases = kms.list_aliases()["Aliases"]
            rows = here.set_index("key_id")
            for key in listed:
                row = rows.loc[key["KeyId"]]
                meta = kms.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
                assert row["arn"] == meta["Arn"] == key["KeyArn"]
                assert row["key_manager"] == meta["KeyManager"]
                assert row["key_state"] == meta["KeyState"]
                assert bool(row["enabled"]) == meta["Enabled"]
                assert row["description"] == meta["Description"]
                assert json.loads(row["aliases"]) == sorted(
                    a["AliasName"] for a in aliases if a.get("TargetKeyId") == key["KeyId"]
                )
                policy = kms.get_key_policy(KeyId=key["KeyId"], PolicyName="default")["Policy"]
                assert row["policy"] == policy
                if meta["KeyManager"] == "CUSTOMER" and meta["KeySpec"] == "SYMMETRIC_DEFAULT":
                    status = kms.get_key_rotation_status(KeyId=key["KeyId"])
                    assert bool(row["rotation_enabled"]) == status["KeyRotationEnabled"]
                else:
                    assert pd.isna(row["rotation_enabled"])


def test_seeded_keys_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    assert set(k["arn"] for k in sandbox.truth.kms_keys) <= set(table.index)
    for key in sandbox.truth.kms_keys:
        row = table.loc[key["arn"]]
        assert row["key_id"] == key["key_id"]
        assert (row["account_id"], row["region"]) == (key["account_id"], key["region"])
        assert json.loads(row["aliases"]) == [key["alias"]]
        assert bool(row["rotation_enabled"]) == key["rotation"], key["alias"]
        assert row["key_manager"] == "CUSTOMER"
        assert row["key_spec"] == "SYMMETRIC_DEFAULT"
        assert pd.notna(row["creation_date"])
        assert json.loads(row["policy"])["Statement"]
    assert {k["rotation"] for k in sandbox.truth.kms_keys} == {True, False}


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    frame = inventory[TABLE]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["kms.ListKeys"] == calls["kms.ListAliases"] == units
    assert calls["kms.DescribeKey"] == calls["kms.GetKeyPolicy"] == len(frame)
    customer_symmetric = (frame["key_manager"] == "CUSTOMER") & (
        frame["key_spec"] == "SYMMETRIC_DEFAULT"
    )
    assert calls["kms.GetKeyRotationStatus"] == int(customer_symmetric.sum())
