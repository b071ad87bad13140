"""GuardDuty EKS Runtime Monitoring is not enabled: one result per GuardDuty detector (see "
"``_shared``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import TABLE, protection_plan

if TYPE_CHECKING:
    from ...inventory import Inventory

PLANS = (
    ("EKS_RUNTIME_MONITORING", "EKS_ADDON_MANAGEMENT"),
    ("RUNTIME_MONITORING", "EKS_ADDON_MANAGEMENT"),
)


@check(
    title="GuardDuty EKS Runtime Monitoring is not enabled",
    severity="high",
    service="guardduty",
    resource_type="AWS::GuardDuty::Detector",
    tables=[TABLE],
    description="FAIL when neither EKS_RUNTIME_MONITORING nor RUNTIME_MONITORING is ENABLED "
    "with its EKS_ADDON_MANAGEMENT additional configuration ENABLED, or the "
    "detector is suspended; PASS when it runs with the "
    "plan on. One result per detector; no parameters. In an organization the delegated "
    "administrator sets members' plans on their own detectors.",
    risk="Threats inside EKS workloads (container escapes, reverse shells, malicious "
    "processes) go undetected on clusters without the GuardDuty agent.",
    remediation="Enable Runtime Monitoring for EKS with automated agent configuration "
    "(EKS_ADDON_MANAGEMENT), for every member account from the delegated "
    "administrator.",
    remediation_cli="aws guardduty update-detector --region {region} --detector-id "
    "$(aws guardduty list-detectors --region {region} --query DetectorIds[0] --output text) "
    "--features 'Name=RUNTIME_MONITORING,Status=ENABLED,AdditionalConfiguration=[{Name=EKS_ADDON_MANAGEMENT,Status=ENABLED}]'",
)
def guardduty_eks_runtime_monitoring_disabled(inv: Inventory) -> pd.DataFrame:
    return protection_plan(inv, PLANS, "EKS Runtime Monitoring with automated agent management")
