"""Neptune checks on small inventories built by hand: exactly which clusters and snapshots FAIL
and which PASS, and why."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from check_results import results

from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A, EAST = "1" * 12, "us-east-1"
CONTROLS = {
    "neptune_cluster_storage_unencrypted": "Neptune.1",
    "neptune_cluster_audit_logs_disabled": "Neptune.2",
    "neptune_cluster_snapshot_public": "Neptune.3",
    "neptune_cluster_deletion_protection_disabled": "Neptune.4",
    "neptune_cluster_backup_retention_too_short": "Neptune.5",
    "neptune_cluster_snapshot_unencrypted": "Neptune.6",
    "neptune_cluster_copy_tags_to_snapshots_disabled": "Neptune.8",
}


def table(name: str, *rows: dict) -> pd.DataFrame:
    return TABLES[name].frame({"account_id": A, "region": EAST, **row} for row in rows)


def cluster(name: str, **fields) -> dict:
    return {
        "db_cluster_identifier": name,
        "arn": f"arn:aws:rds:{EAST}:{A}:cluster:{name}",
        "status": "available",
        **fields,
    }


def snapshot(name: str, **fields) -> dict:
    return {
        "snapshot_identifier": name,
        "arn": f"arn:aws:rds:{EAST}:{A}:cluster-snapshot:{name}",
        "db_cluster_identifier": "graph",
        **fields,
    }


def inventory() -> Inventory:
    clusters = table(
        "neptune.clusters",
        cluster(
            "hardened",
            storage_encrypted=True,
            deletion_protection=True,
            backup_retention_days=7,
            copy_tags_to_snapshot=True,
            cloudwatch_logs_exports='["audit", "slowquery"]',
        ),
        cluster(
            "defaults",
            storage_encrypted=False,
            deletion_protection=False,
            backup_retention_days=6,
            copy_tags_to_snapshot=False,
            cloudwatch_logs_exports='["slowquery"]',
        ),
        # Nothing known: judged as off, not skipped.
        cluster("unknown"),
    )
    snapshots = table(
        "neptune.cluster_snapshots",
        snapshot("private", snapshot_type="manual", encrypted=True, public=False),
        snapshot("public", snapshot_type="manual", encrypted=False, public=True),
        snapshot("rds:graph-auto", snapshot_type="automated", encrypted=False, public=False),
    )
    return Inventory({"neptune.clusters": clusters, "neptune.cluster_snapshots": snapshots})


def test_checks_are_registered_and_mapped_to_their_controls() -> None:
    load_builtin()
    for check_id, control in CONTROLS.items():
        entry = CHECKS[check_id]
        assert entry.frameworks == {"AWS-FSBP": (control,)}, check_id
        assert set(re.findall(r"\{([a-z_]+)\}", entry.remediation_cli)) <= {
            "resource_id",
            "account_id",
            "region",
        }
        assert entry.remediation_cli.startswith("aws neptune ")


@pytest.mark.parametrize(
    ("check", "detail_of_defaults"),
    [
        ("neptune_cluster_storage_unencrypted", "not encrypted"),
        ("neptune_cluster_audit_logs_disabled", "audit log not published"),
        ("neptune_cluster_deletion_protection_disabled", "not protected"),
        ("neptune_cluster_backup_retention_too_short", "backup retention 6 days"),
        ("neptune_cluster_copy_tags_to_snapshots_disabled", "does not copy tags"),
    ],
)
def test_cluster_checks(check: str, detail_of_defaults: str) -> None:
    found = results(inventory(), check)
    assert found["hardened"][0] == "PASS"
    assert found["defaults"] == ("FAIL", detail_of_defaults)
    assert found["unknown"][0] == "FAIL"


def test_backup_retention_of_seven_days_passes() -> None:
    assert results(inventory(), "neptune_cluster_backup_retention_too_short")["hardened"] == (
        "PASS",
        "backup retention 7 days",
    )


def test_public_snapshot_judges_manual_snapshots_only() -> None:
    found = results(inventory(), "neptune_cluster_snapshot_public")
    assert found == {"private": ("PASS", "private"), "public": ("FAIL", "public")}


def test_unencrypted_snapshot_judges_manual_and_automated() -> None:
    found = results(inventory(), "neptune_cluster_snapshot_unencrypted")
    assert found == {
        "private": ("PASS", "encrypted"),
        "public": ("FAIL", "not encrypted"),
        "rds:graph-auto": ("FAIL", "not encrypted"),
    }
