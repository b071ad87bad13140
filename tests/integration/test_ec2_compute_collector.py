"""The EC2 compute tables (snapshots and images the account owns, launch templates, transit
gateways, VPC endpoints) hold exactly what plain boto3 sees in the sandbox and what was seeded,
and their checks fail exactly the planted resources."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pytest
from census import assert_fails_exactly_the_planted, assert_one_clean_table, cell

import toolkit
from toolkit.inventory import Inventory
from toolkit.sandbox import Sandbox

KEYS = {
    "ec2.images": "image_id",
    "ec2.launch_templates": "launch_template_id",
    "ec2.snapshots": "snapshot_id",
    "ec2.transit_gateways": "transit_gateway_id",
    "ec2.vpc_endpoints": "vpc_endpoint_id",
}
#: The checks whose failures are exactly the planted resources.
PLANTED_CHECKS = (
    "ec2_snapshot_public",
    "ec2_launch_template_public_ip",
    "ec2_launch_template_imdsv1",
    "ec2_transit_gateway_auto_accept_attachments",
)


@pytest.fixture(scope="module")
def inventory(sandbox: Sandbox) -> Inventory:
    # ec2.vpcs for the VPC endpoint check, which judges every VPC
    tables = [*KEYS, "ec2.vpcs"]
    return toolkit.collect_sync(sandbox.scope(), tables=tables, progress=False)


@pytest.fixture(scope="module")
def views(sandbox: Sandbox) -> list[tuple[str, str, Any]]:
    """(account, region, EC2 client) for every unit of the estate, made once: an EC2 client
    parses the largest of AWS's models."""
    views = []
    for account_id in sandbox.truth.account_ids:
        session = sandbox.boto3_session(account_id)
        views += [
            (account_id, region, sandbox.client(session, "ec2", region))
            for region in sandbox.truth.regions
        ]
    return views


def _here(frame: pd.DataFrame, account_id: str, region: str, key: str) -> pd.DataFrame:
    here = frame[(frame["account_id"] == account_id) & (frame["region"] == region)]
    return here.set_index(key)


@pytest.mark.parametrize("table", sorted(KEYS))
def test_no_errors_and_one_clean_table_each(inventory: Inventory, table: str) -> None:
    assert inventory.errors.empty, inventory.errors.to_string()
    assert_one_clean_table(Inventory({table: inventory[table]}), table, ["arn"])


def test_snapshots_match_boto3(views: list[tuple[str, str, Any]], inventory: Inventory) -> None:
    frame = inventory["ec2.snapshots"]
    for account_id, region, ec2 in views:
        listed = ec2.describe_snapshots(OwnerIds=["self"])["Snapshots"]
        assert {s["OwnerId"] for s in listed} <= {account_id}  # only the account's own
        rows = _here(frame, account_id, region, "snapshot_id")
        assert sorted(rows.index) == sorted(s["SnapshotId"] for s in listed)
        for snapshot in listed:
            row = rows.loc[snapshot["SnapshotId"]]
            granted = ec2.describe_snapshot_attribute(
                SnapshotId=snapshot["SnapshotId"], Attribute="createVolumePermission"
            )["CreateVolumePermissions"]
            assert bool(row["public"]) == ({"Group": "all"} in granted)
            assert json.loads(row["shared_with_accounts"]) == sorted(
                p["UserId"] for p in granted if "UserId" in p
            )
            assert bool(row["encrypted"]) == snapshot["Encrypted"]
            assert cell(row["kms_key_id"]) == snapshot.get("KmsKeyId")
            assert row["volume_id"] == snapshot["VolumeId"]
            assert row["volume_size"] == snapshot["VolumeSize"]
            assert row["state"] == snapshot["State"]
            assert row["start_time"] == pd.Timestamp(snapshot["StartTime"]).tz_convert("UTC")
            assert row["arn"] == f"arn:aws:ec2:{region}::snapshot/{snapshot['SnapshotId']}"


def test_images_match_boto3(views: list[tuple[str, str, Any]], inventory: Inventory) -> None:
    frame = inventory["ec2.images"]
    for account_id, region, ec2 in views:
        listed = ec2.describe_images(Owners=["self"])["Images"]
        rows = _here(frame, account_id, region, "image_id")
        assert sorted(rows.index) == sorted(i["ImageId"] for i in listed)
        for image in listed:
            row = rows.loc[image["ImageId"]]
            assert (row["name"], row["state"]) == (image["Name"], image["State"])
            assert bool(row["public"]) == image["Public"]
            assert row["owner_id"] == image["OwnerId"] == account_id
            snapshots = [m["Ebs"]["SnapshotId"] for m in image["BlockDeviceMappings"]]
            assert json.loads(row["snapshot_ids"]) == sorted(snapshots)


def test_launch_templates_match_boto3(
    views: list[tuple[str, str, Any]], inventory: Inventory
) -> None:
    frame = inventory["ec2.launch_templates"]
    for account_id, region, ec2 in views:
        listed = ec2.describe_launch_templates()["LaunchTemplates"]
        rows = _here(frame, account_id, region, "launch_template_id")
        assert sorted(rows.index) == sorted(t["LaunchTemplateId"] for t in listed)
        for template in listed:
            row = rows.loc[template["LaunchTemplateId"]]
            assert row["launch_template_name"] == template["LaunchTemplateName"]
            assert row["default_version_number"] == template["DefaultVersionNumber"]
            (version,) = ec2.describe_launch_template_versions(
                LaunchTemplateId=template["LaunchTemplateId"], Versions=["$Default"]
            )["LaunchTemplateVersions"]
            data = version["LaunchTemplateData"]
            assert row["metadata_http_tokens"] == data["MetadataOptions"]["HttpTokens"]
            assert row["metadata_hop_limit"] == data["MetadataOptions"]["HttpPutResponseHopLimit"]
            assert bool(row["associate_public_ip_address"]) == any(
                i.get("AssociatePublicIpAddress") for i in data["NetworkInterfaces"]
            )
            assert bool(row["has_user_data"]) == ("UserData" in data)
            assert row["unencrypted_ebs_volume_count"] == sum(
                not m["Ebs"].get("Encrypted") for m in data["BlockDeviceMappings"]
            )
            assert (row["image_id"], row["instance_type"]) == (
                data["ImageId"],
                data["InstanceType"],
            )


def test_transit_gateways_match_boto3(
    views: list[tuple[str, str, Any]], inventory: Inventory
) -> None:
    frame = inventory["ec2.transit_gateways"]
    for account_id, region, ec2 in views:
        listed = ec2.describe_transit_gateways()["TransitGateways"]
        rows = _here(frame, account_id, region, "transit_gateway_id")
        assert sorted(rows.index) == sorted(g["TransitGatewayId"] for g in listed)
        for gateway in listed:
            row = rows.loc[gateway["TransitGatewayId"]]
            options = gateway["Options"]
            assert row["arn"] == gateway["TransitGatewayArn"]
            assert row["owner_id"] == gateway["OwnerId"]
            assert bool(row["auto_accept_shared_attachments"]) == (
                options["AutoAcceptSharedAttachments"] == "enable"
            )
            assert row["amazon_side_asn"] == options["AmazonSideAsn"]
            assert bool(row["dns_support"]) == (options["DnsSupport"] == "enable")


def test_vpc_endpoints_match_boto3(views: list[tuple[str, str, Any]], inventory: Inventory) -> None:
    frame = inventory["ec2.vpc_endpoints"]
    for account_id, region, ec2 in views:
        listed = ec2.describe_vpc_endpoints()["VpcEndpoints"]
        rows = _here(frame, account_id, region, "vpc_endpoint_id")
        assert sorted(rows.index) == sorted(e["VpcEndpointId"] for e in listed)
        for endpoint in listed:
            row = rows.loc[endpoint["VpcEndpointId"]]
            assert (row["vpc_id"], row["service_name"], row["vpc_endpoint_type"]) == (
                endpoint["VpcId"],
                endpoint["ServiceName"],
                endpoint["VpcEndpointType"],
            )
            assert json.loads(row["subnet_ids"]) == sorted(endpoint["SubnetIds"])
            assert json.loads(row["security_group_ids"]) == sorted(
                g["GroupId"] for g in endpoint["Groups"]
            )
            assert json.loads(row["policy_document"]) == json.loads(endpoint["PolicyDocument"])
            assert bool(row["private_dns_enabled"]) == endpoint["PrivateDnsEnabled"]


def test_seeded_resources_match_truth(sandbox: Sandbox, inventory: Inventory) -> None:
    truth = sandbox.truth
    snapshots = inventory["ec2.snapshots"].set_index("snapshot_id")
    # every seeded snapshot, and the snapshots AWS made for the seeded images: nothing else
    image_snapshots = {
        s for listed in inventory["ec2.images"]["snapshot_ids"] for s in json.loads(listed)
    }
    assert set(snapshots.index) == {s["snapshot_id"] for s in truth.ebs_snapshots} | (
        image_snapshots
    )
    for seeded in truth.ebs_snapshots:
        row = snapshots.loc[seeded["snapshot_id"]]
        assert (row["account_id"], row["region"], row["name"]) == (
            seeded["account_id"],
            seeded["region"],
            seeded["name"],
        )
        assert bool(row["public"]) == seeded["public"]
        assert json.loads(row["shared_with_accounts"]) == seeded["shared_with_accounts"]
        assert bool(row["encrypted"]) == seeded["encrypted"]
        assert cell(row["kms_key_id"]) == seeded["kms_key_id"]
        assert row["volume_size"] == seeded["volume_size"]
    assert {s["encrypted"] for s in truth.ebs_snapshots} == {True, False}

    images = inventory["ec2.images"].set_index("image_id")
    assert sorted(images.index) == sorted(i["image_id"] for i in truth.images)
    for seeded in truth.images:
        assert images.loc[seeded["image_id"], "name"] == seeded["name"]

    templates = inventory["ec2.launch_templates"].set_index("launch_template_id")
    assert sorted(templates.index) == sorted(
        t["launch_template_id"] for t in truth.launch_templates
    )
    for seeded in truth.launch_templates:
        row = templates.loc[seeded["launch_template_id"]]
        assert row["launch_template_name"] == seeded["name"]
        assert (row["metadata_http_tokens"] == "required") == seeded["imds_v2"]
        assert bool(row["associate_public_ip_address"]) == seeded["public_ip"]
        assert bool(row["has_user_data"]) == seeded["user_data"]
        assert (row["unencrypted_ebs_volume_count"] == 0) == seeded["encrypted_volume"]
        assert (row["image_id"], row["instance_type"]) == (
            seeded["image_id"],
            seeded["instance_type"],
        )

    gateways = inventory["ec2.transit_gateways"].set_index("arn")
    assert sorted(gateways.index) == sorted(g["arn"] for g in truth.transit_gateways)
    for seeded in truth.transit_gateways:
        row = gateways.loc[seeded["arn"]]
        assert (row["transit_gateway_id"], row["name"]) == (
            seeded["transit_gateway_id"],
            seeded["name"],
        )
        assert (
            bool(row["auto_accept_shared_attachments"])
            == (seeded["auto_accept_shared_attachments"])
        )

    endpoints = inventory["ec2.vpc_endpoints"].set_index("vpc_endpoint_id")
    assert sorted(endpoints.index) == sorted(e["vpc_endpoint_id"] for e in truth.vpc_endpoints)
    for seeded in truth.vpc_endpoints:
        row = endpoints.loc[seeded["vpc_endpoint_id"]]
        assert (row["vpc_id"], row["service_name"], row["vpc_endpoint_type"]) == (
            seeded["vpc_id"],
            seeded["service_name"],
            seeded["type"],
        )
        assert json.loads(row["subnet_ids"]) == seeded["subnet_ids"]
        assert json.loads(row["security_group_ids"]) == seeded["security_group_ids"]


def test_calls_grow_as_documented(sandbox: Sandbox, inventory: Inventory) -> None:
    calls = inventory.meta["api_calls"]
    units = len(sandbox.truth.account_ids) * len(sandbox.truth.regions)
    for operation in (
        "DescribeImages",
        "DescribeSnapshots",
        "DescribeLaunchTemplates",
        "DescribeTransitGateways",
        "DescribeVpcEndpoints",
    ):
        assert calls[f"ec2.{operation}"] == units, operation
    # one hydrate call per snapshot and per launch template, none per anything else
    assert calls["ec2.DescribeSnapshotAttribute"] == len(inventory["ec2.snapshots"])
    assert calls["ec2.DescribeLaunchTemplateVersions"] == len(inventory["ec2.launch_templates"])


@pytest.mark.parametrize("check", PLANTED_CHECKS)
def test_the_check_fails_exactly_the_planted(
    sandbox: Sandbox, inventory: Inventory, check: str
) -> None:
    assert_fails_exactly_the_planted(sandbox.truth, inventory, check)


def test_the_vpc_endpoint_check_fails_every_vpc_without_an_ec2_endpoint(
    sandbox: Sandbox, views: list[tuple[str, str, Any]], inventory: Inventory
) -> None:
    """EC2.10 judges every VPC, default ones included: its failures are the VPCs boto3 finds
    without an endpoint for com.amazonaws.REGION.ec2, the planted ones among them."""
    without = set()
    for account_id, region, ec2 in views:
        served = {
            e["VpcId"]
            for e in ec2.describe_vpc_endpoints()["VpcEndpoints"]
            if e["ServiceName"] == f"com.amazonaws.{region}.ec2"
        }
        without |= {
            (account_id, region, v["VpcId"])
            for v in ec2.describe_vpcs()["Vpcs"]
            if v["VpcId"] not in served
        }
    findings = toolkit.run_checks(inventory, checks="ec2_vpc_no_ec2_endpoint")
    failed = findings[findings["status"] == "FAIL"]
    fails = zip(failed["account_id"], failed["region"], failed["resource_id"], strict=True)
    assert set(fails) == without
    planted = {
        (p["account_id"], p["region"], p["resource_id"])
        for p in sandbox.truth.planted
        if p["check"] == "ec2_vpc_no_ec2_endpoint"
    }
    assert planted and planted <= without
    assert (findings["status"] == "PASS").sum() == len(
        {e["vpc_id"] for e in sandbox.truth.vpc_endpoints if e["service_name"].endswith(".ec2")}
    )


@pytest.mark.parametrize("service", ["ecr.api", "ecr.dkr", "ssm", "ssm-contacts", "ssm-incidents"])
def test_each_interface_endpoint_check_fails_every_vpc_without_one(
    sandbox: Sandbox, views: list[tuple[str, str, Any]], inventory: Inventory, service: str
) -> None:
    """EC2.55 to EC2.60 judge every VPC, default ones included: the failures are the VPCs
    boto3 finds without a live interface endpoint for the service, the planted ones among
    them; prod-vpc, which has them all, passes."""
    check = {
        "ecr.api": "ec2_vpc_no_ecr_api_endpoint",
        "ecr.dkr": "ec2_vpc_no_ecr_docker_endpoint",
        "ssm": "ec2_vpc_no_ssm_endpoint",
        "ssm-contacts": "ec2_vpc_no_ssm_contacts_endpoint",
        "ssm-incidents": "ec2_vpc_no_ssm_incidents_endpoint",
    }[service]
    without, served_all = set(), set()
    for account_id, region, ec2 in views:
        served = {
            e["VpcId"]
            for e in ec2.describe_vpc_endpoints()["VpcEndpoints"]
            if e["ServiceName"] == f"com.amazonaws.{region}.{service}"
            and e["VpcEndpointType"] == "Interface"
        }
        served_all |= {(account_id, region, v) for v in served}
        without |= {
            (account_id, region, v["VpcId"])
            for v in ec2.describe_vpcs()["Vpcs"]
            if v["VpcId"] not in served
        }
    findings = toolkit.run_checks(inventory, checks=check)
    failed = findings[findings["status"] == "FAIL"]
    passed = findings[findings["status"] == "PASS"]
    zipped = zip(failed["account_id"], failed["region"], failed["resource_id"], strict=True)
    assert set(zipped) == without
    zipped = zip(passed["account_id"], passed["region"], passed["resource_id"], strict=True)
    assert set(zipped) == served_all and served_all
    planted = {
        (p["account_id"], p["region"], p["resource_id"])
        for p in sandbox.truth.planted
        if p["check"] == check
    }
    assert planted and planted <= without
