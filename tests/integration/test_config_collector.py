"""The AWS Config table holds exactly what plain boto3 sees in the sandbox, and what was seeded:
a row per recorder, and a row (with no recorder) for each region without one."""

from __future__ import annotations

import pandas as pd
import pytest
from census import assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

TABLE = "config.recorders"
CHECK = "config_recorder_not_enabled"


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="config", progress=False)


def test_no_errors_and_one_table(inventory: Inventory) -> None:
    assert_one_clean_table(inventory, TABLE, ["account_id", "region", "recorder_name"])


def test_every_account_and_region_has_a_row(sandbox: Sandbox, inventory: Inventory) -> None:
    frame = inventory[TABLE]
    seen = set(zip(frame["account_id"], frame["region"], strict=True))
    assert seen == {(a, r) for a in sandbox.truth.account_ids for r in sandbox.truth.regions}


def test_recorders_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    frame = inventory[TABLE]
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            config = sandbox.client(session, "config", region)
            recorders = config.describe_configuration_recorders()["ConfigurationRecorders"]
            statuses = {
                s["name"]: s
                for s in config.describe_configuration_recorder_status()[
                    "ConfigurationRecordersStatus"
                ]
            }
            channels = config.describe_delivery_channels()["DeliveryChannels"]
            channel = channels[0] if channels else {}
            here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
            assert (here["delivery_channel_name"].map(cell) == channel.get("name")).all()
            assert (here["delivery_bucket"].map(cell) == channel.get("s3BucketName")).all()
            if not recorders:
                assert len(here) == 1
                row = here.iloc[0]
                assert pd.isna(row["recorder_name"]) and pd.isna(row["role_arn"])
                assert not row["recording"] and not row["all_supported"]
                assert not row["include_global_resource_types"]
                assert pd.isna(row["last_status"])
                continue
            assert sorted(here["recorder_name"]) == sorted(r["name"] for r in recorders)
            rows = here.set_index("recorder_name")
            for recorder in recorders:
                row = rows.loc[recorder["name"]]
                group = recorder["recordingGroup"]
                status = statuses[recorder["name"]]
                assert row["role_arn"] == recorder["roleARN"]
                assert bool(row["all_supported"]) == group["allSupported"]
                assert bool(row["include_global_resource_types"]) == bool(
                    group.get("includeGlobalResourceTypes")
                )
                assert bool(row["recording"]) == status["recording"]
                assert cell(row["last_status"]) == status.get("lastStatus")


def test_seeded_recorders_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    frame = inventory[TABLE]
    table = frame[frame["recorder_name"].notna()].set_index(
        ["account_id", "region", "recorder_name"]
    )
    truth = sandbox.truth.config_recorders
    assert sorted(table.index) == sorted((r["account_id"], r["region"], r["name"]) for r in truth)
    for recorder in truth:
        row = table.loc[(recorder["account_id"], recorder["region"], recorder["name"])]
        for column in (
            "role_arn",
            "all_supported",
            "include_global_resource_types",
            "recording",
            "delivery_channel_name",
            "delivery_bucket",
        ):
            assert cell(row[column]) == recorder[column], (recorder, column)
    without = frame[frame["recorder_name"].isna()]
    assert sorted(zip(without["account_id"], without["region"], strict=True)) == sorted(
        (w["account_id"], w["region"]) for w in sandbox.truth.config_without_recorder
    )
    # The estate has each case the check tells apart: on, stopped, not all types, none.
    assert {r["recording"] for r in truth} == {True, False}
    assert {r["all_supported"] for r in truth} == {True, False}
    assert sandbox.truth.config_without_recorder


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    frame = inventory[TABLE]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    with_recorder = frame[frame["recorder_name"].notna()][["account_id", "region"]]
    assert calls["config.DescribeConfigurationRecorders"] == units
    assert calls["config.DescribeDeliveryChannels"] == units
    assert calls["config.DescribeConfigurationRecorderStatus"] == len(
        with_recorder.drop_duplicates()
    )


def test_the_check_fails_exactly_the_planted_regions(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    """Findings name the account; the region tells the planted regions apart from the others."""
    findings = toolkit.run_checks(inventory, checks=CHECK)
    failed = findings[findings["status"] == "FAIL"]
    fails = zip(failed["account_id"], failed["region"], failed["resource_id"], strict=True)
    planted = [p for p in sandbox.truth.planted if p["check"] == CHECK]
    assert len(planted) >= 2
    assert sorted(fails) == sorted(
        (p["account_id"], p["region"], p["resource_id"]) for p in planted
    )
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert len(findings) == units
    where = zip(failed["account_id"], failed["region"], strict=True)
    details = dict(zip(where, failed["detail"], strict=True))
    for region in sandbox.truth.config_without_recorder:
        assert "no configuration recorder" in details[region["account_id"], region["region"]]
    for recorder in sandbox.truth.config_recorders:
        where = (recorder["account_id"], recorder["region"])
        if not recorder["recording"]:
            assert "not recording" in details[where]
        if not recorder["all_supported"]:
            assert "not all supported" in details[where]
