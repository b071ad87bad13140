"""GuardDuty RDS Protection is not enabled: one result per GuardDuty detector (see ``_shared``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import TABLE, protection_plan

if TYPE_CHECKING:
    from ...inventory import Inventory

PLANS = (("RDS_LOGIN_EVENTS", None),)


@check(
    title="GuardDuty RDS Protection is not enabled",
    severity="high",
    service="guardduty",
    resource_type="AWS::GuardDuty::Detector",
    tables=[TABLE],
    description="FAIL when the detector's RDS_LOGIN_EVENTS feature is not ENABLED, or the "
    "detector is suspended; PASS when it runs with the "
    "plan on. One result per detector; no parameters. In an organization the delegated "
    "administrator sets members' plans on their own detectors.",
    risk="Anomalous logins to Aurora and RDS databases (brute force, logins from unusual "
    "places) go undetected.",
    remediation="Enable RDS Protection on the detector, for every member account from the "
    "delegated administrator.",
    remediation_cli="aws guardduty update-detector --region {region} --detector-id "
    "$(aws guardduty list-detectors --region {region} --query DetectorIds[0] --output text) "
    "--features 'Name=RDS_LOGIN_EVENTS,Status=ENABLED'",
)
def guardduty_rds_protection_disabled(inv: Inventory) -> pd.DataFrame:
    return protection_plan(inv, PLANS, "RDS Protection (RDS_LOGIN_EVENTS)")
