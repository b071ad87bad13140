"""GuardDuty's protection plans table holds exactly what plain boto3 sees in the sandbox and
what was seeded; each plan's check fails exactly the planted detectors."""

from __future__ import annotations

import json

import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "guardduty.detector_features"
KEY = ["account_id", "region", "detector_id", "feature"]
CHECKS = [
    "guardduty_eks_audit_logs_disabled",
    "guardduty_lambda_protection_disabled",
    "guardduty_eks_runtime_monitoring_disabled",
    "guardduty_ec2_malware_protection_disabled",
    "guardduty_rds_protection_disabled",
    "guardduty_s3_protection_disabled",
    "guardduty_runtime_monitoring_disabled",
    "guardduty_ecs_runtime_monitoring_disabled",
    "guardduty_ec2_runtime_monitoring_disabled",
]


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), tables=[TABLE], progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, KEY)


def _agents(configuration: str) -> dict[str, str]:
    return {c["name"]: c["status"] for c in json.loads(configuration)}


def test_features_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            guardduty = sandbox.client(session, "guardduty", region)
            expected = {}
            for detector_id in guardduty.list_detectors()["DetectorIds"]:
                got = guardduty.get_detector(DetectorId=detector_id)
                for f in got.get("Features", []):
                    agents = {a["Name"]: a["Status"] for a in f.get("AdditionalConfiguration", [])}
                    expected[(detector_id, f["Name"])] = (got["Status"], f["Status"], agents)
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            found = {
                (r.detector_id, r.feature): (
                    r.detector_status,
                    r.status,
                    _agents(r.additional_configuration),
                )
                for r in here.itertuples()
            }
            assert found == expected


def test_seeded_features_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    frame = inventory[TABLE]
    found = {
        (r.account_id, r.region, r.detector_id, r.feature): (
            r.status,
            _agents(r.additional_configuration),
        )
        for r in frame.itertuples()
    }
    truth = {
        (f["account_id"], f["region"], f["detector_id"], f["feature"]): (f["status"], f["agents"])
        for f in sandbox.truth.guardduty_features
    }
    assert found == truth
    assert {status for status, _ in truth.values()} == {"ENABLED", "DISABLED"}


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["guardduty.ListDetectors"] == units
    assert calls["guardduty.GetDetector"] == len(sandbox.truth.guardduty_detectors)


@pytest.mark.parametrize("check", CHECKS)
def test_each_check_fails_exactly_the_planted_detectors(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)
