"""EFS and AWS Config checks on small inventories built by hand: exactly which resources (for
Config: which account and region) FAIL and which PASS, and why."""

from __future__ import annotations

import re

import pandas as pd

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A, B, C, D, E = (str(n) * 12 for n in range(1, 6))
EAST, WEST = "us-east-1", "eu-west-1"
EFS_CHECK = "efs_file_system_unencrypted"
CONFIG_CHECK = "config_recorder_not_enabled"


def table(name: str, *rows: dict, **base) -> pd.DataFrame:
    return TABLES[name].frame({**base, **row} for row in rows)


def findings(inv: Inventory, check: str) -> pd.DataFrame:
    found = toolkit.run_checks(inv, checks=check)
    assert set(found["check_id"]) <= {check}
    return found


# -- metadata ----------------------------------------------------------------------------------
def test_checks_are_registered_and_mapped_to_their_controls() -> None:
    load_builtin()
    efs, config = CHECKS[EFS_CHECK], CHECKS[CONFIG_CHECK]
    assert efs.frameworks == {"CIS-3.0": ("2.4.1",), "AWS-FSBP": ("EFS.1", "EFS.8")}
    # FSBP Config.1 also asks for the service-linked role, which this check does not judge.
    assert config.frameworks == {"CIS-3.0": ("3.3",)}
    for entry in (efs, config):
        placeholders = set(re.findall(r"\{([a-z_]+)\}", entry.remediation_cli))
        assert placeholders <= {"resource_id", "account_id", "region"}, entry.check_id
        assert entry.remediation_cli.startswith("aws ")
    assert "aggregator" in config.description  # organization-aware: no central PASS


# -- EFS ---------------------------------------------------------------------------------------
def efs_inventory() -> Inventory:
    def fs(fs_id: str, **fields) -> dict:
        return {
            "file_system_id": fs_id,
            "arn": f"arn:aws:elasticfilesystem:{EAST}:{A}:file-system/{fs_id}",
            "life_cycle_state": "available",
            **fields,
        }

    systems = table(
        "efs.file_systems",
        fs("fs-cmk", name="shared", encrypted=True, kms_key_id=f"arn:aws:kms:{EAST}:{A}:key/k"),
        fs("fs-aws", encrypted=True),
        fs("fs-plain", name="scratch", encrypted=False),
        fs("fs-leaving", encrypted=False, life_cycle_state="deleting"),
        account_id=A,
        region=EAST,
    )
    return Inventory({"efs.file_systems": systems})


def test_efs_fails_only_the_unencrypted_file_system() -> None:
    found = findings(efs_inventory(), EFS_CHECK)
    status = dict(zip(found["resource_id"], found["status"].astype(str), strict=True))
    assert status == {"fs-cmk": "PASS", "fs-aws": "PASS", "fs-plain": "FAIL"}
    detail = dict(zip(found["resource_id"], found["detail"], strict=True))
    assert detail["fs-plain"] == "scratch: not encrypted at rest (set only at creation)"
    assert detail["fs-cmk"].endswith(f"arn:aws:kms:{EAST}:{A}:key/k")
    assert "aws/elasticfilesystem" in detail["fs-aws"]
    assert detail["fs-aws"].startswith("fs-aws:")  # no Name tag: named by its id
    arns = dict(zip(found["resource_id"], found["resource_arn"], strict=True))
    assert arns["fs-plain"].endswith(":file-system/fs-plain")


def test_efs_without_file_systems_has_no_rows() -> None:
    inv = Inventory({"efs.file_systems": TABLES["efs.file_systems"].empty()})
    assert findings(inv, EFS_CHECK).empty


# -- AWS Config --------------------------------------------------------------------------------
FULL = {
    "recorder_name": "default",
    "role_arn": "arn:aws:iam::111111111111:role/aws-service-role/config.amazonaws.com/x",
    "all_supported": True,
    "include_global_resource_types": False,
    "recording": True,
    "last_status": "SUCCESS",
    "delivery_channel_name": "default",
    "delivery_bucket": "log-archive",
}
NONE = {
    "recorder_name": None,
    "all_supported": False,
    "include_global_resource_types": False,
    "recording": False,
}


def rec(account: str, region: str, **changes) -> dict:
    return {"account_id": account, "region": region, **FULL, **changes}


def config_inventory(*rows: dict, errors: list[dict] | None = None) -> Inventory:
    frame = table("config.recorders", *rows)
    gaps = pd.DataFrame(errors) if errors else None
    return Inventory({"config.recorders": frame}, errors=gaps)


def by_region(found: pd.DataFrame) -> dict[tuple[str, str], tuple[str, str]]:
    keys = zip(found["account_id"], found["region"], strict=True)
    values = zip(found["status"].astype(str), found["detail"], strict=True)
    return dict(zip(keys, values, strict=True))


def test_config_passes_recording_regions_and_names_what_each_failing_one_lacks() -> None:
    inv = config_inventory(
        rec(A, EAST, include_global_resource_types=True),
        rec(A, WEST),
        rec(B, EAST, include_global_resource_types=True),
        {"account_id": B, "region": WEST, **NONE},
        rec(C, EAST, include_global_resource_types=True),
        rec(
            C,
            WEST,
            recording=False,
            all_supported=False,
            delivery_channel_name=None,
            delivery_bucket=None,
            last_status=None,
        ),
        rec(D, EAST, include_global_resource_types=True, last_status="FAILURE"),
        rec(D, WEST),
    )
    result = by_region(findings(inv, CONFIG_CHECK))
    assert {k: v[0] for k, v in result.items()} == {
        (A, EAST): "PASS",
        (A, WEST): "PASS",
        (B, EAST): "PASS",
        (B, WEST): "FAIL",
        (C, EAST): "PASS",
        (C, WEST): "FAIL",
        (D, EAST): "FAIL",
        (D, WEST): "FAIL",  # the only global recorder (us-east-1) fails to record
    }
    assert result[A, WEST][1] == (
        "recorder default: records all supported resource types, delivers to log-archive; "
        "global resources recorded in us-east-1"
    )
    assert result[B, WEST][1].startswith("no configuration recorder in this region")
    assert result[C, WEST][1].startswith(
        "recorder default: not recording; records chosen resource types, not all supported; "
        "no delivery channel"
    )
    assert "last recording attempt failed" in result[D, EAST][1]
    assert "no region read records global resources" in result[D, WEST][1]


def test_config_fails_every_region_when_no_region_records_global_resources() -> None:
    inv = config_inventory(rec(A, EAST), rec(A, WEST))
    result = by_region(findings(inv, CONFIG_CHECK))
    assert {v[0] for v in result.values()} == {"FAIL"}
    assert all("no region read records global resources (IAM)" in v[1] for v in result.values())


def test_config_region_passes_on_its_best_recorder() -> None:
    """A service-linked recorder that records a few types does not hide the full one."""
    inv = config_inventory(
        rec(A, EAST, recorder_name="AWSConfigurationRecorderForX", all_supported=False),
        rec(A, EAST, include_global_resource_types=True),
    )
    found = findings(inv, CONFIG_CHECK)
    assert len(found) == 1
    assert found["status"].astype(str).tolist() == ["PASS"]
    assert found["resource_id"].tolist() == [A]
    assert found["region"].tolist() == [EAST]


def test_config_unread_region_is_a_gap_not_a_missing_global_recorder() -> None:
    gap = {
        "account_id": E,
        "region": EAST,
        "table": "config.recorders",
        "service": "config",
        "error_code": "AccessDenied",
        "message": "denied",
    }
    inv = config_inventory(rec(E, WEST), errors=[gap])
    found = findings(inv, CONFIG_CHECK)
    statuses = dict(zip(found["region"], found["status"].astype(str), strict=True))
    assert statuses == {WEST: "PASS", EAST: "ERROR"}


def test_config_without_rows_has_no_findings() -> None:
    inv = Inventory({"config.recorders": TABLES["config.recorders"].empty()})
    assert findings(inv, CONFIG_CHECK).empty


# -- FSBP Config.1: recording, with the service-linked role ------------------------------------
LINKED_CHECK = "config_service_linked_recorder_not_enabled"
LINKED = (
    "arn:aws:iam::111111111111:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
)


def test_config1_needs_the_service_linked_role_but_not_global_resources() -> None:
    inv = config_inventory(
        rec(A, EAST, role_arn=LINKED),  # no region records global resources: CIS 3.3 only
        rec(A, WEST, role_arn="arn:aws:iam::111111111111:role/ConfigRecorderRole"),
        {"account_id": B, "region": EAST, **NONE},
        rec(B, WEST, role_arn=LINKED, recording=False),
    )
    result = by_region(findings(inv, LINKED_CHECK))
    assert {k: v[0] for k, v in result.items()} == {
        (A, EAST): "PASS",
        (A, WEST): "FAIL",
        (B, EAST): "FAIL",
        (B, WEST): "FAIL",
    }
    assert result[A, WEST][1] == (
        "recorder default: uses role arn:aws:iam::111111111111:role/ConfigRecorderRole, "
        "not AWSServiceRoleForConfig"
    )
    assert result[B, EAST][1] == "no configuration recorder in this region"
    assert result[B, WEST][1] == "recorder default: not recording"
    assert CHECKS[LINKED_CHECK].frameworks == {"AWS-FSBP": ("Config.1",)}
