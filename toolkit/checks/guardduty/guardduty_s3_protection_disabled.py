"""GuardDuty S3 Protection is not enabled: one result per GuardDuty detector (see ``_shared``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import TABLE, protection_plan

if TYPE_CHECKING:
    from ...inventory import Inventory

PLANS = (("S3_DATA_EVENTS", None),)


@check(
    title="GuardDuty S3 Protection is not enabled",
    severity="high",
    service="guardduty",
    resource_type="AWS::GuardDuty::Detector",
    tables=[TABLE],
    description="FAIL when the detector's S3_DATA_EVENTS feature is not ENABLED, or the "
    "detector is suspended; PASS when it runs with the "
    "plan on. One result per detector; no parameters. In an organization the delegated "
    "administrator sets members' plans on their own detectors.",
    risk="Suspicious access to S3 data (exfiltration, unusual API callers, disabled "
    "protections) goes undetected.",
    remediation="Enable S3 Protection on the detector, for every member account from the "
    "delegated administrator.",
    remediation_cli="aws guardduty update-detector --region {region} --detector-id "
    "$(aws guardduty list-detectors --region {region} --query DetectorIds[0] --output text) "
    "--features 'Name=S3_DATA_EVENTS,Status=ENABLED'",
)
def guardduty_s3_protection_disabled(inv: Inventory) -> pd.DataFrame:
    return protection_plan(inv, PLANS, "S3 Protection (S3_DATA_EVENTS)")
