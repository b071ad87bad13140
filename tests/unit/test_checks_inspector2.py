"""Amazon Inspector scan-type checks (FSBP Inspector.1-4) on account statuses built by hand."""

from __future__ import annotations

import pytest
from check_results import results

from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A = "111111111111"
#: check -> (its column, its FSBP control, the scan type's name in the detail)
PLANS = {
    "inspector2_ec2_scanning_disabled": ("ec2", "Inspector.1", "EC2 scanning"),
    "inspector2_ecr_scanning_disabled": ("ecr", "Inspector.2", "ECR scanning"),
    "inspector2_lambda_code_scanning_disabled": (
        "lambda_code",
        "Inspector.3",
        "Lambda code scanning",
    ),
    "inspector2_lambda_standard_scanning_disabled": (
        "lambda_standard",
        "Inspector.4",
        "Lambda standard scanning",
    ),
}
COLUMNS = ("ec2", "ecr", "lambda_code", "lambda_standard")


@pytest.fixture(scope="module", autouse=True)
def _checks() -> None:
    load_builtin()


def arn(region: str) -> str:
    return f"arn:aws:inspector2:{region}:{A}:account"


@pytest.mark.parametrize("check", sorted(PLANS))
def test_only_the_scan_type_decides(check: str) -> None:
    column, _, name = PLANS[check]
    on = {c: "ENABLED" for c in COLUMNS}
    rows = [
        {"account_id": A, "region": "us-east-1", "status": "ENABLED", **on},
        {"account_id": A, "region": "eu-west-1", "status": "ENABLED", **on, column: "DISABLED"},
        {"account_id": A, "region": "eu-central-1", "status": "ENABLED", **on, column: "ENABLING"},
    ]
    inv = Inventory({"inspector2.account_status": TABLES["inspector2.account_status"].frame(rows)})
    found = results(inv, check)
    assert found[arn("us-east-1")] == ("PASS", f"{name} is ENABLED in us-east-1")
    assert found[arn("eu-west-1")] == ("FAIL", f"{name} is DISABLED in eu-west-1")
    assert found[arn("eu-central-1")] == ("FAIL", f"{name} is ENABLING in eu-central-1")


@pytest.mark.parametrize("check", sorted(PLANS))
def test_each_check_answers_its_fsbp_control(check: str) -> None:
    assert CHECKS[check].frameworks == {"AWS-FSBP": (PLANS[check][1],)}
