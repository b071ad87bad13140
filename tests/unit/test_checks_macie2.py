"""The Macie check (FSBP Macie.1) on sessions built by hand: enabled passes, paused or absent
fails, and the detail says which."""

from __future__ import annotations

import pytest
from check_results import results

from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
CHECK = "macie2_not_enabled"


@pytest.fixture(scope="module", autouse=True)
def _checks() -> None:
    load_builtin()


def arn(region: str) -> str:
    return f"arn:aws:macie2:{region}:{A}:session"


def inventory() -> Inventory:
    rows = [
        {"account_id": A, "region": "us-east-1", "enabled": True, "status": "ENABLED"},
        {"account_id": A, "region": "eu-west-1", "enabled": True, "status": "PAUSED"},
        {"account_id": A, "region": "eu-central-1", "enabled": False},
    ]
    return Inventory({"macie2.sessions": TABLES["macie2.sessions"].frame(rows)})


def test_enabled_passes_paused_and_absent_fail() -> None:
    found = results(inventory(), CHECK)
    assert found[arn("us-east-1")] == ("PASS", "Macie's session is ENABLED in us-east-1")
    assert found[arn("eu-west-1")] == ("FAIL", "Macie's session is PAUSED in eu-west-1")
    assert found[arn("eu-central-1")] == ("FAIL", "Macie is not enabled in eu-central-1")


def test_answers_fsbp_macie_1() -> None:
    assert CHECKS[CHECK].frameworks == {"AWS-FSBP": ("Macie.1",)}
