"""The DynamoDB table holds exactly what plain boto3 sees in the sandbox, and what was seeded;
its checks FAIL exactly the planted tables."""

from __future__ import annotations

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "dynamodb.tables"
CHECKS = ("dynamodb_table_pitr_disabled", "dynamodb_table_deletion_protection_disabled")


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="dynamodb", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["arn"])


def test_tables_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            dynamodb = sandbox.client(session, "dynamodb", region)
            names = dynamodb.list_tables()["TableNames"]
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert sorted(here["table_name"]) == sorted(names)
            rows = here.set_index("table_name")
            for name in names:
                table = dynamodb.describe_table(TableName=name)["Table"]
                backups = dynamodb.describe_continuous_backups(TableName=name)
                pitr = backups["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
                sse = table.get("SSEDescription") or {}
                row = rows.loc[name]
                assert row["arn"] == table["TableArn"]
                assert row["table_status"] == table["TableStatus"]
                assert row["creation_date_time"] == pd.Timestamp(
                    table["CreationDateTime"]
                ).tz_convert("UTC")
                assert row["billing_mode"] == table["BillingModeSummary"]["BillingMode"]
                assert row["item_count"] == table["ItemCount"]
                assert (
                    bool(row["deletion_protection_enabled"]) == table["DeletionProtectionEnabled"]
                )
                assert cell(row["sse_status"]) == sse.get("Status")
                assert cell(row["sse_type"]) == sse.get("SSEType")
                assert cell(row["kms_master_key_arn"]) == sse.get("KMSMasterKeyArn")
                status = pitr["PointInTimeRecoveryStatus"]
                assert row["point_in_time_recovery_status"] == status
                assert bool(row["point_in_time_recovery_enabled"]) == (status == "ENABLED")
                assert cell(row["recovery_period_in_days"]) == pitr.get("RecoveryPeriodInDays")


def test_seeded_tables_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[TABLE].set_index("arn")
    seeded = sandbox.truth.dynamodb_tables
    assert sorted(table.index) == sorted(t["arn"] for t in seeded)
    for t in seeded:
        row = table.loc[t["arn"]]
        assert (row["account_id"], row["region"]) == (t["account_id"], t["region"])
        assert row["table_name"] == t["name"]
        assert row["billing_mode"] == t["billing_mode"]
        assert bool(row["deletion_protection_enabled"]) == t["deletion_protection"]
        assert bool(row["point_in_time_recovery_enabled"]) == t["point_in_time_recovery"]
        assert (cell(row["sse_type"]) == "KMS") == (t["encryption"] != "aws-owned")
        if t["kms_key_arn"]:
            assert row["kms_master_key_arn"] == t["kms_key_arn"]
    assert {t["encryption"] for t in seeded} >= {"aws-owned", "aws-managed"}
    assert {t["point_in_time_recovery"] for t in seeded} == {True, False}
    assert {t["deletion_protection"] for t in seeded} == {True, False}


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["dynamodb.ListTables"] == units
    assert calls["dynamodb.DescribeTable"] == len(inventory[TABLE])
    assert calls["dynamodb.DescribeContinuousBackups"] == len(inventory[TABLE])


def test_asking_for_list_columns_skips_the_per_table_calls(sandbox: Sandbox) -> None:
    inv = toolkit.collect_sync(
        sandbox.scope(), tables=[TABLE], columns={TABLE: ["table_name"]}, progress=False
    )
    assert len(inv[TABLE]) == len(sandbox.truth.dynamodb_tables)
    assert "dynamodb.DescribeTable" not in inv.meta["api_calls"]
    assert "dynamodb.DescribeContinuousBackups" not in inv.meta["api_calls"]


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_tables(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
