"""The S3 lifecycle check on small inventories built by hand: exactly which buckets FAIL and
PASS, why, and the FSBP control it answers."""

from __future__ import annotations

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
LIFECYCLE = "s3_bucket_lifecycle_missing"
TABLE = "s3.bucket_data_protection"


def bucket(name: str, **fields) -> dict:
    return {
        "account_id": A,
        "region": "us-east-1",
        "name": name,
        "arn": f"arn:aws:s3:::{name}",
        **fields,
    }


def results(check: str, *rows: dict) -> dict[str, tuple[str, str]]:
    inv = Inventory({TABLE: TABLES[TABLE].frame(rows)})
    found = toolkit.run_checks(inv, checks=check)
    assert set(found["check_id"]) <= {check}
    values = zip(found["status"].astype(str), found["detail"], strict=True)
    return dict(zip(found["resource_id"], values, strict=True))


def test_lifecycle_is_mapped_to_fsbp_s3_13() -> None:
    load_builtin()
    assert CHECKS[LIFECYCLE].frameworks == {"AWS-FSBP": ("S3.13",)}
    assert "{resource_id}" in CHECKS[LIFECYCLE].remediation_cli


def test_lifecycle_passes_an_enabled_rule_and_fails_none_or_only_disabled() -> None:
    result = results(
        LIFECYCLE,
        bucket("kept", lifecycle_rules=2, lifecycle_rules_enabled=1),
        bucket("disabled", lifecycle_rules=1, lifecycle_rules_enabled=0),
        bucket("none", lifecycle_rules=0, lifecycle_rules_enabled=0),
        bucket("unknown"),
    )
    assert result == {
        "kept": ("PASS", "enabled lifecycle rules: 1"),
        "disabled": ("FAIL", "lifecycle rules: 1, none enabled"),
        "none": ("FAIL", "no lifecycle configuration"),
        "unknown": ("FAIL", "no lifecycle configuration"),
    }
