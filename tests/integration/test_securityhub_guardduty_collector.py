"""Security Hub hubs, GuardDuty detectors and the organization's delegated administrators hold
exactly what plain boto3 sees in the sandbox, and what was seeded.

Every (account, region) has one hub row and one detector row, the service on there or not.
"""

from __future__ import annotations

import pandas as pd
import pytest
from botocore.exceptions import ClientError

import toolkit
from toolkit.collectors import REGISTRY
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

HUBS, DETECTORS, DELEGATIONS = (
    "securityhub.hubs",
    "guardduty.detectors",
    "organizations.delegated_administrators",
)
TABLES = (HUBS, DETECTORS, DELEGATIONS)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), tables=list(TABLES), progress=False)


def units(sandbox: Sandbox) -> list[tuple[str, str]]:
    return [(a, r) for a in sandbox.truth.account_ids for r in sandbox.truth.regions]


def test_no_errors_and_declared_columns(sandbox: Sandbox, inventory: Inventory) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    assert sorted(inventory.tables) == sorted(TABLES)
    for name in TABLES:
        assert list(inventory[name].columns) == [c.name for c in REGISTRY[name].columns]
    for name in (HUBS, DETECTORS):
        frame = inventory[name]
        assert sorted(zip(frame["account_id"], frame["region"], strict=True)) == sorted(
            units(sandbox)
        )


def test_hubs_match_boto3(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[HUBS].set_index(["account_id", "region"])
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            row = table.loc[(account_id, region)]
            securityhub = sandbox.client(session, "securityhub", region)
            try:
                hub = securityhub.describe_hub()
            except ClientError as exc:
                assert exc.response["Error"]["Code"] == "InvalidAccessException"
                assert not row["enabled"]
                assert pd.isna(row["hub_arn"]) and pd.isna(row["standards"])
                continue
            assert row["enabled"]
            assert row["hub_arn"] == hub["HubArn"]
            assert row["subscribed_at"] == pd.Timestamp(hub["SubscribedAt"])
            assert bool(row["auto_enable_controls"]) == hub["AutoEnableControls"]
            subscribed = securityhub.get_enabled_standards()["StandardsSubscriptions"]
            assert row["standards"] == ",".join(sorted(s["StandardsArn"] for s in subscribed))


def test_hubs_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[HUBS].set_index(["account_id", "region"])
    seeded = {(h["account_id"], h["region"]): h for h in sandbox.truth.securityhub_hubs}
    assert seeded
    for unit in units(sandbox):
        row = table.loc[unit]
        assert bool(row["enabled"]) == (unit in seeded), unit
        if unit in seeded:
            hub = seeded[unit]
            assert row["hub_arn"] == hub["hub_arn"]
            assert row["standards"].split(",") == hub["standards"]
            assert bool(row["auto_enable_controls"]) == hub["auto_enable_controls"]
    # AWS's default standards where the estate leaves them on, CIS v3.0.0 where it asks.
    standards = set(",".join(table["standards"].dropna()).split(","))
    assert any("cis-aws-foundations-benchmark/v/1.2.0" in s for s in standards)
    assert any("cis-aws-foundations-benchmark/v/3.0.0" in s for s in standards)
    assert set(table["auto_enable_controls"].dropna()) == {True, False}


def test_detectors_match_boto3(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[DETECTORS].set_index(["account_id", "region"])
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            row = table.loc[(account_id, region)]
            guardduty = sandbox.client(session, "guardduty", region)
            ids = guardduty.list_detectors()["DetectorIds"]
            if not ids:
                assert pd.isna(row["detector_id"]) and pd.isna(row["status"])
                continue
            (detector_id,) = ids
            got = guardduty.get_detector(DetectorId=detector_id)
            assert row["detector_id"] == detector_id
            assert row["status"] == got["Status"]
            assert row["finding_publishing_frequency"] == got["FindingPublishingFrequency"]
            assert row["created_at"] == pd.Timestamp(got["CreatedAt"])


def test_detectors_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory[DETECTORS].set_index(["account_id", "region"])
    seeded = {(d["account_id"], d["region"]): d for d in sandbox.truth.guardduty_detectors}
    assert {d["status"] for d in seeded.values()} == {"ENABLED", "DISABLED"}
    for unit in units(sandbox):
        row = table.loc[unit]
        if unit not in seeded:
            assert pd.isna(row["detector_id"]), unit
            continue
        detector = seeded[unit]
        assert row["detector_id"] == detector["detector_id"]
        assert row["status"] == detector["status"]
        assert row["finding_publishing_frequency"] == detector["frequency"]


def test_delegated_administrators_match_boto3_and_truth(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[DELEGATIONS]
    management = sandbox.truth.management_account
    organizations = sandbox.client(sandbox.boto3_session(), "organizations")
    census = []
    for admin in organizations.list_delegated_administrators()["DelegatedAdministrators"]:
        services = organizations.list_delegated_services_for_account(AccountId=admin["Id"])
        for service in services["DelegatedServices"]:
            census.append(
                (
                    admin["Id"],
                    admin["Name"],
                    service["ServicePrincipal"],
                    pd.Timestamp(service["DelegationEnabledDate"]),
                )
            )
    rows = zip(
        frame["delegate_account_id"],
        frame["delegate_name"],
        frame["service_principal"],
        frame["delegation_enabled_date"],
        strict=True,
    )
    assert sorted(rows) == sorted(census)
    assert set(frame["account_id"]) == {management}
    assert set(frame["region"]) == {"global"}
    truth = sandbox.truth
    assert set(zip(frame["delegate_account_id"], frame["service_principal"], strict=True)) == {
        (truth.securityhub_administrator, "securityhub.amazonaws.com"),
        (truth.guardduty_administrator, "guardduty.amazonaws.com"),
    }
    assert truth.securityhub_administrator == truth.account_id("security")


def test_services_know_their_delegated_administrator(sandbox: Sandbox) -> None:
    """Designated through each service, as a user does; Organizations learnt it from there."""
    session = sandbox.boto3_session()
    for region in sandbox.truth.regions:
        guardduty = sandbox.client(session, "guardduty", region)
        admins = guardduty.list_organization_admin_accounts()["AdminAccounts"]
        assert [a["AdminAccountId"] for a in admins] == [sandbox.truth.guardduty_administrator]


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    count = len(units(sandbox))
    assert calls["securityhub.DescribeHub"] == calls["guardduty.ListDetectors"] == count
    assert calls["securityhub.GetEnabledStandards"] == int(inventory[HUBS]["enabled"].sum())
    assert calls["guardduty.GetDetector"] == int(inventory[DETECTORS]["detector_id"].notna().sum())
    assert calls["organizations.ListDelegatedAdministrators"] == 1
    delegates = inventory[DELEGATIONS]["delegate_account_id"].nunique()
    assert calls["organizations.ListDelegatedServicesForAccount"] == delegates
