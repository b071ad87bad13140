"""Amazon GuardDuty: detectors, on or suspended, and the organization's delegated administrator.

The delegated administrator (``guardduty.delegated_administrator``) is designated as Security
Hub's is (``securityhub.designate``). A detector entry with ``detector: false`` makes nothing: it
names a region without a detector, to plant the finding there; its resource is
``arn:aws:guardduty:<region>:<account>:detector`` (a detector's own ARN ends in its id).

Protection plans: every detector is made with every feature CreateDetector takes, each
ENABLED (with its agent management) unless the entry lists it in ``disabled_features`` (or its
agent management in ``disabled_agents``). AWS's GetDetector lists every feature of a detector;
moto lists those it was given, so giving them all makes its answer AWS's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED
from .securityhub import check_delegate, designate

if TYPE_CHECKING:
    from ..seed import Seeder

DETECTOR = {
    "region": str,
    #: false: no detector in the region (only to plant what fails there).
    "detector": bool,
    #: false: the detector is made suspended (DISABLED).
    "enabled": bool,
    "frequency": str,
    #: Protection plans (feature names) made DISABLED; the others are ENABLED.
    "disabled_features": [str],
    #: Agent management (additional configuration names) made DISABLED.
    "disabled_agents": [str],
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"guardduty_detectors": [DETECTOR]}
SCHEMA = {"guardduty": {"delegated_administrator": str}}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"guardduty_detectors": "region", "guardduty_features": "feature"}
#: The features CreateDetector takes, with the agent management each has.
FEATURES = {
    "S3_DATA_EVENTS": (),
    "EKS_AUDIT_LOGS": (),
    "EBS_MALWARE_PROTECTION": (),
    "RDS_LOGIN_EVENTS": (),
    "EKS_RUNTIME_MONITORING": ("EKS_ADDON_MANAGEMENT",),
    "LAMBDA_NETWORK_LOGS": (),
    "RUNTIME_MONITORING": (
        "EKS_ADDON_MANAGEMENT",
        "ECS_FARGATE_AGENT_MANAGEMENT",
        "EC2_AGENT_MANAGEMENT",
    ),
}


@dataclass
class GuardDutyTruth:
    guardduty_detectors: list[dict[str, Any]] = field(default_factory=list)
    #: One row per detector and feature: ``feature``, ``status``, ``agents`` (name -> status).
    guardduty_features: list[dict[str, Any]] = field(default_factory=list)
    #: The delegated administrator's account id, "" for none.
    guardduty_administrator: str = ""


def check(data: dict[str, Any], source: str) -> None:
    """The delegated administrator is a member account of the organization."""
    check_delegate(data, "guardduty", source)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The delegated administrator (once), then the account's detectors."""
    seeder.truth.guardduty_administrator = designate(seeder, "guardduty")
    for entry in spec.get("guardduty_detectors", []):
        region = entry.get("region", seeder.regions[0])
        arn = f"arn:aws:guardduty:{region}:{account_id}:detector"
        if entry.get("detector", True):
            guardduty = seeder.client(session, "guardduty", region)
            enabled = entry.get("enabled", True)
            frequency = entry.get("frequency", "SIX_HOURS")
            features = protection_plans(entry)
            detector_id = guardduty.create_detector(
                Enable=enabled, FindingPublishingFrequency=frequency, Features=features
            )["DetectorId"]
            arn = f"{arn}/{detector_id}"
            seeder.truth.guardduty_detectors.append(
                {
                    "account_id": account_id,
                    "region": region,
                    "detector_id": detector_id,
                    "status": "ENABLED" if enabled else "DISABLED",
                    "frequency": frequency,
                }
            )
            seeder.truth.guardduty_features.extend(
                {
                    "account_id": account_id,
                    "region": region,
                    "detector_id": detector_id,
                    "feature": f["Name"],
                    "status": f["Status"],
                    "agents": {a["Name"]: a["Status"] for a in f["AdditionalConfiguration"]},
                }
                for f in features
            )
        seeder.plant(entry.get("planted"), account_id, region, arn, "guardduty_detector")


def protection_plans(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """CreateDetector's ``Features`` for an estate entry: all on but those it disables."""
    off_features = set(entry.get("disabled_features", []))
    off_agents = set(entry.get("disabled_agents", []))

    def status(name: str, off: set[str]) -> str:
        return "DISABLED" if name in off else "ENABLED"

    return [
        {
            "Name": name,
            "Status": status(name, off_features),
            "AdditionalConfiguration": [
                {"Name": agent, "Status": status(agent, off_agents)} for agent in agents
            ],
        }
        for name, agents in FEATURES.items()
    ]
