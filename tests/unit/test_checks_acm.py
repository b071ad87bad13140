"""ACM checks on small inventories built by hand: exactly which certificates FAIL and which
PASS, and why."""

from __future__ import annotations

import re

import pandas as pd

import toolkit
from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
EAST = "us-east-1"
NOW = pd.Timestamp.now(tz="UTC")


def certificate(certificate_id: str, **fields) -> dict:
    return {
        "account_id": A,
        "region": EAST,
        "arn": f"arn:aws:acm:{EAST}:{A}:certificate/{certificate_id}",
        "domain_name": f"{certificate_id}.example.com",
        "type": "IMPORTED",
        "status": "ISSUED",
        **fields,
    }


def results(check: str, *rows: dict) -> dict[str, tuple[str, str]]:
    inv = Inventory({"acm.certificates": TABLES["acm.certificates"].frame(rows)})
    found = toolkit.run_checks(inv, checks=check)
    assert set(found["check_id"]) <= {check}
    return {
        r: (s, d)
        for r, s, d in zip(
            found["resource_id"], found["status"].astype(str), found["detail"], strict=True
        )
    }


def test_checks_are_registered_and_mapped_to_their_fsbp_controls() -> None:
    load_builtin()
    for check, control in (
        ("acm_certificate_expiring_soon", "ACM.1"),
        ("acm_certificate_rsa_key_too_short", "ACM.2"),
    ):
        entry = CHECKS[check]
        assert entry.frameworks == {"AWS-FSBP": (control,)}
        assert entry.remediation_cli.startswith("aws acm ")
        assert set(re.findall(r"\{([a-z_]+)\}", entry.remediation_cli)) <= {
            "resource_id",
            "account_id",
            "region",
        }
    assert "30" in CHECKS["acm_certificate_expiring_soon"].description


def test_expiry_fails_within_30_days_and_after() -> None:
    found = results(
        "acm_certificate_expiring_soon",
        certificate("soon", not_after=NOW + pd.Timedelta(days=29, hours=12)),
        certificate("later", not_after=NOW + pd.Timedelta(days=31), type="AMAZON_ISSUED"),
        certificate("gone", not_after=NOW - pd.Timedelta(days=3)),
        certificate("pending", status="PENDING_VALIDATION", type="AMAZON_ISSUED"),
    )
    assert {k: v[0] for k, v in found.items()} == {
        "soon": "FAIL",
        "later": "PASS",
        "gone": "FAIL",
    }  # a certificate not yet issued has no expiry to judge
    assert found["soon"][1].startswith("soon.example.com (imported): expires ")
    assert found["soon"][1].endswith("in 29 days (fewer than 30)")
    assert found["later"][1].startswith("later.example.com (amazon-issued): expires ")
    assert "expired on" in found["gone"][1]


def test_rsa_keys_shorter_than_2048_bits_fail_and_ec_keys_are_not_judged() -> None:
    found = results(
        "acm_certificate_rsa_key_too_short",
        certificate("weak", key_algorithm="RSA_1024"),
        certificate("fine", key_algorithm="RSA_2048"),
        certificate("strong", key_algorithm="RSA_4096"),
        certificate("curve", key_algorithm="EC_prime256v1"),
    )
    assert found == {
        "weak": ("FAIL", "weak.example.com (imported): RSA key of 1024 bits, fewer than 2048"),
        "fine": ("PASS", "fine.example.com (imported): RSA key of 2048 bits"),
        "strong": ("PASS", "strong.example.com (imported): RSA key of 4096 bits"),
    }


def test_no_certificates_no_rows() -> None:
    assert results("acm_certificate_rsa_key_too_short") == {}
    assert results("acm_certificate_expiring_soon") == {}
