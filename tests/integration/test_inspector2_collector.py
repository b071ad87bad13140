"""The Inspector table holds exactly what plain boto3 sees in the sandbox and what was seeded;
each scan-type check fails exactly the planted account-regions."""

from __future__ import annotations

import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "inspector2.account_status"
#: Column -> BatchGetAccountStatus's resourceState key and Enable's resource type.
SCANS = {
    "ec2": ("ec2", "EC2"),
    "ecr": ("ecr", "ECR"),
    "lambda_standard": ("lambda", "LAMBDA"),
    "lambda_code": ("lambdaCode", "LAMBDA_CODE"),
}
CHECKS = [
    "inspector2_ec2_scanning_disabled",
    "inspector2_ecr_scanning_disabled",
    "inspector2_lambda_code_scanning_disabled",
    "inspector2_lambda_standard_scanning_disabled",
]


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), tables=[TABLE], progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["account_id", "region"])


def test_status_matches_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    rows = inventory[TABLE].set_index(["account_id", "region"])
    assert len(rows) == len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            inspector = sandbox.client(session, "inspector2", region)
            [got] = inspector.batch_get_account_status()["accounts"]
            assert got["accountId"] == account_id
            row = rows.loc[(account_id, region)]
            assert row["status"] == got["state"]["status"]
            for column, (key, _) in SCANS.items():
                assert row[column] == got["resourceState"][key]["status"]


def test_seeded_scans_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    frame = inventory[TABLE]
    seeded = {(s["account_id"], s["region"]): s for s in sandbox.truth.inspector_scans}
    for row in frame.itertuples():
        types = seeded.get((row.account_id, row.region), {}).get("resource_types", [])
        for column, (_, resource_type) in SCANS.items():
            expected = "ENABLED" if resource_type in types else "DISABLED"
            assert getattr(row, column) == expected, (row.account_id, row.region, column)
    assert seeded and len(frame) > len(seeded)


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert inventory.meta["api_calls"]["inspector2.BatchGetAccountStatus"] == units


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
