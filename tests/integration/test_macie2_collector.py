"""The Macie table holds exactly what plain boto3 sees in the sandbox and what was seeded; the
Macie check fails exactly the planted account-regions."""

from __future__ import annotations

import pandas as pd
import pytest
from botocore.exceptions import ClientError
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "macie2.sessions"
CHECK = "macie2_not_enabled"


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), tables=[TABLE], progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["account_id", "region"])


def test_sessions_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    rows = inventory[TABLE].set_index(["account_id", "region"])
    assert len(rows) == len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            row = rows.loc[(account_id, region)]
            macie = sandbox.client(session, "macie2", region)
            try:
                got = macie.get_macie_session()
            except ClientError as exc:
                assert exc.response["Error"]["Code"] == "AccessDeniedException"
                assert exc.response["Error"]["Message"] == "Macie is not enabled."
                assert not row["enabled"]
                assert cell(row["status"]) is None
                continue
            assert row["enabled"]
            assert row["status"] == got["status"]
            assert row["finding_publishing_frequency"] == got["findingPublishingFrequency"]
            assert row["service_role"] == got["serviceRole"]
            assert row["created_at"] == pd.Timestamp(got["createdAt"]).tz_convert("UTC")
            assert row["updated_at"] == pd.Timestamp(got["updatedAt"]).tz_convert("UTC")


def test_seeded_sessions_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    frame = inventory[TABLE]
    on = frame[frame["enabled"].fillna(False).astype(bool)]
    found = {
        (r.account_id, r.region): (r.status, r.finding_publishing_frequency)
        for r in on.itertuples()
    }
    truth = {
        (s["account_id"], s["region"]): (s["status"], s["frequency"])
        for s in sandbox.truth.macie_sessions
    }
    assert found == truth
    assert {status for status, _ in truth.values()} == {"ENABLED", "PAUSED"}
    assert len(frame) > len(on)


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert inventory.meta["api_calls"]["macie2.GetMacieSession"] == units


def test_the_check_fails_exactly_the_planted(sandbox: Sandbox, inventory: Inventory) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, CHECK)
