"""Redshift checks on small inventories built by hand: exactly which clusters FAIL and PASS,
why, and the FSBP controls they answer."""

from __future__ import annotations

import pytest
from check_results import results

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
EAST = "us-east-1"
PUBLIC = "redshift_cluster_publicly_accessible"
SNAPSHOTS = "redshift_cluster_automated_snapshots_too_short"
LOGGING = "redshift_cluster_audit_logging_disabled"
UPGRADES = "redshift_cluster_version_upgrade_disabled"
ROUTING = "redshift_cluster_enhanced_vpc_routing_disabled"
ADMIN = "redshift_cluster_default_admin_username"
UNENCRYPTED = "redshift_cluster_unencrypted"
CONTROLS = {
    PUBLIC: "Redshift.1",
    SNAPSHOTS: "Redshift.3",
    LOGGING: "Redshift.4",
    UPGRADES: "Redshift.6",
    ROUTING: "Redshift.7",
    ADMIN: "Redshift.8",
    UNENCRYPTED: "Redshift.10",
}


def cluster(name: str, **fields) -> dict:
    return {
        "account_id": A,
        "region": EAST,
        "cluster_identifier": name,
        "arn": f"arn:aws:redshift:{EAST}:{A}:cluster:{name}",
        "cluster_status": "available",
        **fields,
    }


def inventory(*rows: dict) -> Inventory:
    return Inventory({"redshift.clusters": TABLES["redshift.clusters"].frame(rows)})


def test_checks_are_mapped_to_their_fsbp_controls() -> None:
    load_builtin()
    for check, control in CONTROLS.items():
        assert CHECKS[check].frameworks == {"AWS-FSBP": (control,)}
        assert CHECKS[check].remediation_cli.startswith("aws redshift ")
        assert "{region}" in CHECKS[check].remediation_cli


def test_public_access_fails_only_public_clusters() -> None:
    inv = inventory(
        cluster("open", publicly_accessible=True),
        cluster("closed", publicly_accessible=False),
        cluster("leaving", cluster_status="deleting", publicly_accessible=True),
    )
    result = results(inv, PUBLIC)
    assert result == {
        "open": ("FAIL", "publicly accessible: its endpoint resolves to a public IP address"),
        "closed": ("PASS", "not publicly accessible"),
    }
    found = toolkit.run_checks(inv, checks=PUBLIC)
    arns = dict(zip(found["resource_id"], found["resource_arn"], strict=True))
    assert arns["open"] == f"arn:aws:redshift:{EAST}:{A}:cluster:open"


def test_snapshot_retention_needs_seven_days() -> None:
    inv = inventory(
        cluster("week", automated_snapshot_retention_period=7),
        cluster("short", automated_snapshot_retention_period=6),
        cluster("off", automated_snapshot_retention_period=0),
    )
    result = results(inv, SNAPSHOTS)
    assert result["week"] == ("PASS", "automated snapshots kept 7 day(s)")
    assert result["short"] == ("FAIL", "automated snapshots kept 6 day(s), fewer than 7")
    assert result["off"] == ("FAIL", "automated snapshots disabled (retention 0), fewer than 7")


def test_audit_logging_fails_off_and_unreported() -> None:
    inv = inventory(
        cluster(
            "s3",
            logging_enabled=True,
            log_destination_type="s3",
            log_bucket_name="audit-bucket",
        ),
        cluster("cloudwatch", logging_enabled=True, log_destination_type="cloudwatch"),
        cluster("off", logging_enabled=False),
        cluster("unknown"),
    )
    result = results(inv, LOGGING)
    assert result == {
        "s3": ("PASS", "audit logging to s3 bucket audit-bucket"),
        "cloudwatch": ("PASS", "audit logging to cloudwatch"),
        "off": ("FAIL", "audit logging disabled"),
        "unknown": ("FAIL", "audit logging status not reported"),
    }


def test_version_upgrades_fail_only_when_turned_off() -> None:
    inv = inventory(
        cluster("on", allow_version_upgrade=True),
        cluster("pinned", allow_version_upgrade=False),
    )
    result = results(inv, UPGRADES)
    assert result["on"][0] == "PASS"
    assert result["pinned"] == ("FAIL", "major version upgrades not allowed")


def test_enhanced_vpc_routing() -> None:
    inv = inventory(
        cluster("routed", enhanced_vpc_routing=True),
        cluster("direct", enhanced_vpc_routing=False),
    )
    result = results(inv, ROUTING)
    assert result["routed"] == ("PASS", "enhanced VPC routing enabled")
    assert result["direct"][0] == "FAIL"
    assert result["direct"][1].startswith("enhanced VPC routing disabled")


@pytest.mark.parametrize(
    ("admin", "status"), [("awsuser", "FAIL"), ("AWSUSER_2", "PASS"), ("warehouse", "PASS")]
)
def test_default_admin_name_is_exactly_awsuser(admin: str, status: str) -> None:
    result = results(inventory(cluster("c", master_username=admin)), ADMIN)
    assert result["c"][0] == status
    assert result["c"][1].startswith(f"admin user {admin}")


def test_encryption_at_rest_names_the_key() -> None:
    key = f"arn:aws:kms:{EAST}:{A}:key/1234"
    inv = inventory(
        cluster("kms", encrypted=True, kms_key_id=key),
        cluster("plain", encrypted=False),
    )
    result = results(inv, UNENCRYPTED)
    assert result["kms"] == ("PASS", f"encrypted at rest with {key}")
    assert result["plain"] == ("FAIL", "not encrypted at rest")


def test_no_clusters_no_findings() -> None:
    inv = Inventory({"redshift.clusters": TABLES["redshift.clusters"].empty()})
    for check in CONTROLS:
        assert toolkit.run_checks(inv, checks=check).empty
