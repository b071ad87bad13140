"""The FSBP checks of the EC2 compute tables (snapshots, launch templates, transit gateways,
VPC endpoints) on small inventories built by hand: exactly which resources FAIL and PASS, and
why."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A, B = "111111111111", "222222222222"
EAST, WEST = "us-east-1", "eu-west-1"
CONTROLS = {
    "ec2_snapshot_public": "EC2.1",
    "ec2_transit_gateway_auto_accept_attachments": "EC2.23",
    "ec2_launch_template_public_ip": "EC2.25",
    "ec2_launch_template_imdsv1": "EC2.170",
    "ec2_vpc_no_ec2_endpoint": "EC2.10",
}


def table(name: str, *rows: dict, **base) -> pd.DataFrame:
    return TABLES[name].frame({"account_id": A, "region": EAST, **base, **row} for row in rows)


def outcome(inv: Inventory, check: str) -> tuple[dict[str, str], dict[str, str]]:
    """(resource id -> status, resource id -> detail) of one check's findings."""
    found = toolkit.run_checks(inv, checks=check)
    assert set(found["check_id"]) == {check}
    ids = found["resource_id"].astype(str)
    return (
        dict(zip(ids, found["status"].astype(str), strict=True)),
        dict(zip(ids, found["detail"], strict=True)),
    )


@pytest.mark.parametrize("check_id", sorted(CONTROLS))
def test_metadata_and_mapping(check_id: str) -> None:
    load_builtin()
    entry = CHECKS[check_id]
    assert entry.frameworks == {"AWS-FSBP": (CONTROLS[check_id],)}
    assert entry.remediation_cli.startswith("aws ec2 ")
    fields = set(re.findall(r"\{([a-z_]+)\}", entry.remediation_cli))
    assert fields and fields <= {"resource_id", "account_id", "region"}


def test_snapshot_public_fails_only_the_snapshot_anyone_may_restore() -> None:
    def snap(snapshot_id: str, **fields) -> dict:
        arn = f"arn:aws:ec2:{EAST}::snapshot/{snapshot_id}"
        return {"snapshot_id": snapshot_id, "arn": arn, **fields}

    inv = Inventory(
        {
            "ec2.snapshots": table(
                "ec2.snapshots",
                snap("snap-pub", name="golden", public=True, shared_with_accounts="[]"),
                snap("snap-shared", public=False, shared_with_accounts=f'["{B}"]'),
                snap("snap-private", public=False, shared_with_accounts="[]"),
                snap("snap-unknown"),  # sharing not collected: not called public
            )
        }
    )
    status, detail = outcome(inv, "ec2_snapshot_public")
    assert status == {
        "snap-pub": "FAIL",
        "snap-shared": "PASS",
        "snap-private": "PASS",
        "snap-unknown": "PASS",
    }
    assert detail["snap-pub"] == "golden: restorable by anyone (createVolumePermission group all)"
    assert detail["snap-shared"] == f"snap-shared: not public, shared with {B} only"
    assert detail["snap-private"] == "snap-private: not public, not shared"


def templates() -> Inventory:
    def template(template_id: str, **fields) -> dict:
        return {
            "launch_template_id": template_id,
            "arn": f"arn:aws:ec2:{EAST}:{A}:launch-template/{template_id}",
            "launch_template_name": template_id.removeprefix("lt-"),
            "default_version_number": 3,
        } | fields

    return Inventory(
        {
            "ec2.launch_templates": table(
                "ec2.launch_templates",
                template(
                    "lt-web", associate_public_ip_address=True, metadata_http_tokens="optional"
                ),
                template(
                    "lt-app", associate_public_ip_address=False, metadata_http_tokens="required"
                ),
                template("lt-bare", associate_public_ip_address=False),  # no metadata options
            )
        }
    )


def test_launch_template_public_ip_fails_the_template_whose_interface_asks_for_one() -> None:
    status, detail = outcome(templates(), "ec2_launch_template_public_ip")
    assert status == {"lt-web": "FAIL", "lt-app": "PASS", "lt-bare": "PASS"}
    assert detail["lt-web"] == (
        "web (default version 3): a network interface sets AssociatePublicIpAddress true"
    )
    assert detail["lt-app"] == "app (default version 3): no network interface asks for a public IP"


def test_launch_template_imdsv1_fails_unless_tokens_are_required() -> None:
    status, detail = outcome(templates(), "ec2_launch_template_imdsv1")
    # unset fails too: AWS's control asks the template itself to say IMDSv2
    assert status == {"lt-web": "FAIL", "lt-app": "PASS", "lt-bare": "FAIL"}
    assert detail["lt-web"] == "web (default version 3): HttpTokens optional, IMDSv1 answered"
    assert detail["lt-bare"] == "bare (default version 3): HttpTokens not set, IMDSv1 answered"
    assert detail["lt-app"] == "app (default version 3): HttpTokens required (IMDSv2 only)"


def test_transit_gateway_auto_accept_fails_in_the_owner_account_only() -> None:
    def tgw(tgw_id: str, **fields) -> dict:
        return {
            "transit_gateway_id": tgw_id,
            "arn": f"arn:aws:ec2:{EAST}:{A}:transit-gateway/{tgw_id}",
            "owner_id": A,
            "state": "available",
        } | fields

    gateways = table(
        "ec2.transit_gateways",
        tgw("tgw-hub", name="hub", auto_accept_shared_attachments=True),
        tgw("tgw-quiet", auto_accept_shared_attachments=False),
        # B's gateway shared with A: judged in B, not here
        tgw("tgw-shared", owner_id=B, auto_accept_shared_attachments=True),
        tgw("tgw-gone", state="deleted", auto_accept_shared_attachments=True),
    )
    status, detail = outcome(
        Inventory({"ec2.transit_gateways": gateways}), "ec2_transit_gateway_auto_accept_attachments"
    )
    assert status == {"tgw-hub": "FAIL", "tgw-quiet": "PASS"}
    assert detail["tgw-hub"] == "hub: AutoAcceptSharedAttachments enable"
    assert detail["tgw-quiet"] == "tgw-quiet: shared attachment requests wait for acceptance"


def test_vpc_without_an_ec2_endpoint_fails() -> None:
    vpcs = pd.concat(
        [
            table("ec2.vpcs", {"vpc_id": v, "arn": f"arn:aws:ec2:{EAST}:{A}:vpc/{v}"})
            for v in ("vpc-with", "vpc-s3-only", "vpc-failed", "vpc-none")
        ]
        + [table("ec2.vpcs", {"vpc_id": "vpc-west", "arn": "w"}, region=WEST)],
        ignore_index=True,
    )

    def endpoint(endpoint_id: str, vpc: str, service: str, state: str = "available", **base):
        return table(
            "ec2.vpc_endpoints",
            {
                "vpc_endpoint_id": endpoint_id,
                "vpc_id": vpc,
                "service_name": service,
                "state": state,
            },
            **base,
        )

    endpoints = pd.concat(
        [
            endpoint("vpce-1", "vpc-with", f"com.amazonaws.{EAST}.ec2"),
            endpoint("vpce-2", "vpc-with", f"com.amazonaws.{EAST}.ec2", "Pending"),
            endpoint("vpce-3", "vpc-s3-only", f"com.amazonaws.{EAST}.s3"),
            endpoint("vpce-4", "vpc-failed", f"com.amazonaws.{EAST}.ec2", "Failed"),
            # an endpoint for another region's EC2 does not count
            endpoint("vpce-5", "vpc-west", f"com.amazonaws.{EAST}.ec2", region=WEST),
        ],
        ignore_index=True,
    )
    inv = Inventory({"ec2.vpcs": vpcs, "ec2.vpc_endpoints": endpoints})
    status, detail = outcome(inv, "ec2_vpc_no_ec2_endpoint")
    assert status == {
        "vpc-with": "PASS",
        "vpc-s3-only": "FAIL",
        "vpc-failed": "FAIL",
        "vpc-none": "FAIL",
        "vpc-west": "FAIL",
    }
    assert detail["vpc-with"] == "EC2 API endpoint vpce-1, vpce-2"
    assert detail["vpc-none"] == f"no VPC endpoint for com.amazonaws.{EAST}.ec2"
    assert detail["vpc-west"] == f"no VPC endpoint for com.amazonaws.{WEST}.ec2"
