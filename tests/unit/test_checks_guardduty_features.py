"""GuardDuty protection-plan checks (FSBP GuardDuty.5-13) on detectors built by hand: which
detector FAILs each plan, and why."""

from __future__ import annotations

import json

import pytest
from check_results import results

from toolkit.checks import REGISTRY as CHECKS
from toolkit.checks import load_builtin
from toolkit.collectors import REGISTRY as TABLES
from toolkit.inventory import Inventory

A, B = "111111111111", "222222222222"
ALL_AGENTS = ("EKS_ADDON_MANAGEMENT", "ECS_FARGATE_AGENT_MANAGEMENT", "EC2_AGENT_MANAGEMENT")
FEATURES = {
    "S3_DATA_EVENTS": (),
    "EKS_AUDIT_LOGS": (),
    "EBS_MALWARE_PROTECTION": (),
    "RDS_LOGIN_EVENTS": (),
    "EKS_RUNTIME_MONITORING": ("EKS_ADDON_MANAGEMENT",),
    "LAMBDA_NETWORK_LOGS": (),
    "RUNTIME_MONITORING": ALL_AGENTS,
}
#: check -> (the feature whose disabling fails it, the agent whose disabling fails it or None)
PLANS = {
    "guardduty_eks_audit_logs_disabled": ("EKS_AUDIT_LOGS", None),
    "guardduty_lambda_protection_disabled": ("LAMBDA_NETWORK_LOGS", None),
    "guardduty_ec2_malware_protection_disabled": ("EBS_MALWARE_PROTECTION", None),
    "guardduty_rds_protection_disabled": ("RDS_LOGIN_EVENTS", None),
    "guardduty_s3_protection_disabled": ("S3_DATA_EVENTS", None),
    "guardduty_runtime_monitoring_disabled": ("RUNTIME_MONITORING", None),
    "guardduty_ecs_runtime_monitoring_disabled": (
        "RUNTIME_MONITORING",
        "ECS_FARGATE_AGENT_MANAGEMENT",
    ),
    "guardduty_ec2_runtime_monitoring_disabled": ("RUNTIME_MONITORING", "EC2_AGENT_MANAGEMENT"),
}
FSBP = {
    "guardduty_eks_audit_logs_disabled": "GuardDuty.5",
    "guardduty_lambda_protection_disabled": "GuardDuty.6",
    "guardduty_eks_runtime_monitoring_disabled": "GuardDuty.7",
    "guardduty_ec2_malware_protection_disabled": "GuardDuty.8",
    "guardduty_rds_protection_disabled": "GuardDuty.9",
    "guardduty_s3_protection_disabled": "GuardDuty.10",
    "guardduty_runtime_monitoring_disabled": "GuardDuty.11",
    "guardduty_ecs_runtime_monitoring_disabled": "GuardDuty.12",
    "guardduty_ec2_runtime_monitoring_disabled": "GuardDuty.13",
}


@pytest.fixture(scope="module", autouse=True)
def _checks() -> None:
    load_builtin()


def detector(
    account: str,
    detector_id: str,
    status: str = "ENABLED",
    off: tuple[str, ...] = (),
    features: dict[str, tuple[str, ...]] = FEATURES,
) -> list[dict]:
    """Rows of one detector in us-east-1: every feature and agent ENABLED but those in ``off``."""

    def state(name: str) -> str:
        return "DISABLED" if name in off else "ENABLED"

    return [
        {
            "account_id": account,
            "region": "us-east-1",
            "detector_id": detector_id,
            "detector_status": status,
            "feature": name,
            "status": state(name),
            "additional_configuration": json.dumps(
                sorted(({"name": a, "status": state(a)} for a in agents), key=lambda c: c["name"])
            ),
        }
        for name, agents in features.items()
    ]


def arn(account: str, detector_id: str) -> str:
    return f"arn:aws:guardduty:us-east-1:{account}:detector/{detector_id}"


def inventory(*detectors: list[dict]) -> Inventory:
    rows = [row for d in detectors for row in d]
    return Inventory(
        {"guardduty.detector_features": TABLES["guardduty.detector_features"].frame(rows)}
    )


@pytest.mark.parametrize("check", sorted(PLANS))
def test_each_plan_fails_the_detector_without_it(check: str) -> None:
    feature, agent = PLANS[check]
    inv = inventory(detector(A, "on"), detector(B, "off", off=(agent or feature,)))
    found = results(inv, check)
    assert found[arn(A, "on")][0] == "PASS"
    assert "is enabled on detector on" in found[arn(A, "on")][1]
    assert found[arn(B, "off")][0] == "FAIL"
    assert "is not enabled on detector off" in found[arn(B, "off")][1]


@pytest.mark.parametrize("check", sorted(FSBP))
def test_a_suspended_detector_fails_every_plan(check: str) -> None:
    found = results(inventory(detector(A, "paused", status="DISABLED")), check)
    status, detail = found[arn(A, "paused")]
    assert status == "FAIL"
    assert detail.startswith("detector paused is suspended (DISABLED)")


def test_eks_runtime_monitoring_takes_either_feature_with_the_eks_agent() -> None:
    check = "guardduty_eks_runtime_monitoring_disabled"
    inv = inventory(
        detector(A, "legacy", off=("RUNTIME_MONITORING",)),
        detector(B, "unified", off=("EKS_RUNTIME_MONITORING",)),
        detector(A.replace("1", "3"), "manual", off=("EKS_ADDON_MANAGEMENT",)),
    )
    found = results(inv, check)
    assert found[arn(A, "legacy")][0] == "PASS"
    assert found[arn(B, "unified")][0] == "PASS"
    assert found[arn("333333333333", "manual")][0] == "FAIL"


def test_a_detector_that_lists_no_plan_fails() -> None:
    found = results(
        inventory(detector(A, "bare", features={"S3_DATA_EVENTS": ()})),
        "guardduty_rds_protection_disabled",
    )
    assert found[arn(A, "bare")][0] == "FAIL"


def test_no_detector_no_result() -> None:
    assert results(inventory(), "guardduty_s3_protection_disabled") == {}


@pytest.mark.parametrize("check", sorted(FSBP))
def test_each_check_answers_its_fsbp_control(check: str) -> None:
    assert CHECKS[check].frameworks == {"AWS-FSBP": (FSBP[check],)}
