"""CloudTrail tables hold each trail once, in its home region, as plain boto3 and the estate
say; event selectors are one row per (trail, selector)."""

from __future__ import annotations

import contextlib
import json
import uuid

import pandas as pd
import pytest
from botocore.exceptions import ClientError
from census import assert_fails_exactly_the_planted

import toolkit
from toolkit.collectors import REGISTRY
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

CLOUDTRAIL_TABLES = {"cloudtrail.trails", "cloudtrail.event_selectors"}


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    return toolkit.collect_sync(sandbox.scope(), services="cloudtrail", progress=False)


def test_no_errors_and_every_table(inventory: Inventory) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    assert set(inventory.tables) == CLOUDTRAIL_TABLES
    assert {n for n in REGISTRY if n.startswith("cloudtrail.")} == CLOUDTRAIL_TABLES
    for name in CLOUDTRAIL_TABLES:
        frame = inventory[name]
        assert list(frame.columns) == [c.name for c in REGISTRY[name].columns], name


def test_trails_match_boto3_in_every_account_and_region(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    trails = inventory["cloudtrail.trails"]
    assert not trails["arn"].duplicated().any()
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        for region in sandbox.truth.regions:
            cloudtrail = sandbox.client(session, "cloudtrail", region)
            home = [
                t
                for t in cloudtrail.describe_trails(includeShadowTrails=False)["trailList"]
                if t["HomeRegion"] == region
            ]
            here = trails[(trails["account_id"] == account_id) & (trails["region"] == region)]
            assert sorted(here["arn"]) == sorted(t["TrailARN"] for t in home), (
                account_id,
                region,
            )
            rows = here.set_index("arn")
            for trail in home:
                row = rows.loc[trail["TrailARN"]]
                status = cloudtrail.get_trail_status(Name=trail["TrailARN"])
                assert row["name"] == trail["Name"]
                assert row["home_region"] == region
                assert row["s3_bucket_name"] == trail["S3BucketName"]
                assert bool(row["is_multi_region"]) == trail["IsMultiRegionTrail"]
                assert bool(row["is_organization_trail"]) == trail["IsOrganizationTrail"]
                assert bool(row["is_logging"]) == status["IsLogging"]
                assert (None if pd.isna(row["kms_key_id"]) else row["kms_key_id"]) == trail.get(
                    "KmsKeyId"
                )
    # a multi-region trail shows in every region as a shadow trail, but has one row
    everywhere = {
        t["TrailARN"]
        for region in sandbox.truth.regions
        for t in sandbox.client(
            sandbox.boto3_session(sandbox.truth.management_account), "cloudtrail", region
        ).describe_trails()["trailList"]
    }
    management = trails[trails["account_id"] == sandbox.truth.management_account]
    assert sorted(management["arn"]) == sorted(everywhere)


def test_trails_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    table = inventory["cloudtrail.trails"].set_index("arn")
    assert sorted(table.index) == sorted(t["arn"] for t in sandbox.truth.trails)
    for trail in sandbox.truth.trails:
        row = table.loc[trail["arn"]]
        assert row["name"] == trail["name"]
        assert (row["account_id"], row["region"]) == (trail["account_id"], trail["region"])
        assert row["home_region"] == trail["region"]
        assert row["s3_bucket_name"] == trail["bucket"]
        assert bool(row["is_multi_region"]) == trail["multi_region"], trail["name"]
        assert bool(row["is_organization_trail"]) == trail["organization"], trail["name"]
        assert bool(row["log_file_validation_enabled"]) == trail["log_validation"], trail["name"]
        assert pd.notna(row["kms_key_id"]) == (trail["kms_key_id"] is not None), trail["name"]
        if trail["kms_key_id"]:
            assert row["kms_key_id"] == trail["kms_key_id"]
        assert bool(row["is_logging"]) == trail["logging"], trail["name"]
        assert _cell(row["s3_key_prefix"]) == trail["s3_key_prefix"], trail["name"]
        assert (
            _cell(row["cloud_watch_logs_log_group_arn"]) == trail["cloud_watch_logs_log_group_arn"]
        ), trail["name"]
        assert _cell(row["cloud_watch_logs_role_arn"]) == trail["cloud_watch_logs_role_arn"], trail[
            "name"
        ]
        assert bool(row["has_custom_event_selectors"]) == bool(trail["advanced_event_selectors"]), (
            trail["name"]
        )
    assert any(t["s3_key_prefix"] for t in sandbox.truth.trails)
    assert any(t["cloud_watch_logs_log_group_arn"] for t in sandbox.truth.trails)
    by_name = inventory["cloudtrail.trails"].set_index("name")
    assert not by_name.loc["dev-trail", "is_logging"]
    assert by_name.loc["org-trail", "is_logging"]


def test_event_selectors_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    """A trail seeded with advanced selectors has exactly those; any other has AWS's default."""
    selectors = inventory["cloudtrail.event_selectors"]
    assert any(t["advanced_event_selectors"] for t in sandbox.truth.trails)
    for trail in sandbox.truth.trails:
        rows = selectors[selectors["trail_arn"] == trail["arn"]]
        if trail["advanced_event_selectors"]:
            assert set(rows["kind"]) == {"advanced"}, trail["name"]
            got = [json.loads(s) for s in rows["advanced_selectors"]]
            assert got == trail["advanced_event_selectors"], trail["name"]
        else:
            assert list(rows["kind"]) == ["basic"], trail["name"]
            assert rows.iloc[0]["read_write_type"] == "All"


def _cell(value: object) -> object:
    return None if pd.isna(value) else value


def test_account_without_trail_has_no_row(sandbox: Sandbox, inventory: Inventory) -> None:
    trails = inventory["cloudtrail.trails"]
    assert sandbox.truth.account_id("sandbox") not in set(trails["account_id"])
    with_trail = {t["account_id"] for t in sandbox.truth.trails}
    assert set(trails["account_id"]) == with_trail


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    assert calls["cloudtrail.DescribeTrails"] == units  # shared by both tables
    assert calls["cloudtrail.GetTrailStatus"] == len(sandbox.truth.trails)
    assert calls["cloudtrail.GetEventSelectors"] == len(sandbox.truth.trails)


def test_event_selectors_basic_and_advanced(sandbox: Sandbox) -> None:
    """One row per selector, basic or advanced, each read back as it was put."""
    security = sandbox.truth.account_id("security")
    region = sandbox.truth.regions[0]
    bucket = next(
        b["name"]
        for b in sandbox.truth.buckets
        if b["account_id"] == security and b["region"] == region
    )
    cloudtrail = sandbox.client(sandbox.boto3_session(security), "cloudtrail", region)
    suffix = uuid.uuid4().hex[:8]
    basic_name, advanced_name = f"probe-basic-{suffix}", f"probe-advanced-{suffix}"
    data_resources = [{"Type": "AWS::S3::Object", "Values": [f"arn:aws:s3:::{bucket}/"]}]
    advanced = [
        {
            "Name": "management",
            "FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}],
        },
        {
            "Name": "s3-data",
            "FieldSelectors": [
                {"Field": "eventCategory", "Equals": ["Data"]},
                {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
            ],
        },
    ]
    try:
        basic_arn = cloudtrail.create_trail(Name=basic_name, S3BucketName=bucket)["TrailARN"]
        cloudtrail.put_event_selectors(
            TrailName=basic_name,
            EventSelectors=[
                {
                    "ReadWriteType": "WriteOnly",
                    "IncludeManagementEvents": True,
                    "DataResources": data_resources,
                    "ExcludeManagementEventSources": ["kms.amazonaws.com"],
                }
            ],
        )
        advanced_arn = cloudtrail.create_trail(Name=advanced_name, S3BucketName=bucket)["TrailARN"]
        cloudtrail.put_event_selectors(TrailName=advanced_name, AdvancedEventSelectors=advanced)
        inventory = toolkit.collect_sync(
            sandbox.scope(accounts=[security], regions=[region]),
            services="cloudtrail",
            progress=False,
        )
        assert inventory.errors.empty, inventory.errors.to_string()
        trails = inventory["cloudtrail.trails"].set_index("name")
        assert not trails.loc[basic_name, "is_logging"]  # created, never started
        selectors = inventory["cloudtrail.event_selectors"]

        basic = selectors[selectors["trail_arn"] == basic_arn]
        assert len(basic) == 1
        row = basic.iloc[0]
        assert row["kind"] == "basic" and row["trail_name"] == basic_name
        assert row["read_write_type"] == "WriteOnly"
        assert bool(row["include_management_events"])
        assert json.loads(row["data_resources"]) == data_resources
        assert json.loads(row["exclude_management_event_sources"]) == ["kms.amazonaws.com"]
        assert pd.isna(row["advanced_selectors"])

        rows = selectors[selectors["trail_arn"] == advanced_arn]
        assert list(rows["kind"]) == ["advanced", "advanced"]
        assert [json.loads(s) for s in rows["advanced_selectors"]] == advanced
        assert list(rows["include_management_events"]) == [True, False]
        assert rows["read_write_type"].isna().all() and rows["data_resources"].isna().all()
    finally:
        for name in (basic_name, advanced_name):
            with contextlib.suppress(ClientError):
                cloudtrail.delete_trail(Name=name)


def test_the_cloudwatch_logs_check_fails_exactly_the_planted_trails(
    sandbox: Sandbox, inventory: Inventory
) -> None:
    """FSBP CloudTrail.5: only the organization trail delivers to CloudWatch Logs."""
    assert_fails_exactly_the_planted(
        sandbox.truth, inventory, "cloudtrail_cloudwatch_logs_disabled"
    )
