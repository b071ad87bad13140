"""Amazon GuardDuty: detectors, on or suspended, and the organization's delegated administrator.

The delegated administrator (``guardduty.delegated_administrator``) is designated as Security
Hub's is (``securityhub.designate``). A detector entry with ``detector: false`` makes nothing: it
names a region without a detector, to plant the finding there; its resource is
``arn:aws:guardduty:<region>:<account>:detector`` (a detector's own ARN ends in its id).
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
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"guardduty_detectors": [DETECTOR]}
SCHEMA = {"guardduty": {"delegated_administrator": str}}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"guardduty_detectors": "region"}


@dataclass
class GuardDutyTruth:
    guardduty_detectors: list[dict[str, Any]] = field(default_factory=list)
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
            detector_id = guardduty.create_detector(
                Enable=enabled, FindingPublishingFrequency=frequency
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
        seeder.plant(entry.get("planted"), account_id, region, arn, "guardduty_detector")
