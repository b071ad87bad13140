"""GuardDuty EKS Audit Log Monitoring is not enabled: one result per GuardDuty detector (see "
"``_shared``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import TABLE, protection_plan

if TYPE_CHECKING:
    from ...inventory import Inventory

PLANS = (("EKS_AUDIT_LOGS", None),)


@check(
    title="GuardDuty EKS Audit Log Monitoring is not enabled",
    severity="high",
    service="guardduty",
    resource_type="AWS::GuardDuty::Detector",
    tables=[TABLE],
    description="FAIL when the detector's EKS_AUDIT_LOGS feature is not ENABLED, or the "
    "detector is suspended; PASS when it runs with the "
    "plan on. One result per detector; no parameters. In an organization the delegated "
    "administrator sets members' plans on their own detectors.",
    risk="Suspicious activity in EKS clusters' Kubernetes audit logs (anonymous access, "
    "privilege escalation, exposed dashboards) goes undetected.",
    remediation="Enable EKS Protection (EKS Audit Log Monitoring) on the detector, for every "
    "member account from the delegated administrator.",
    remediation_cli="aws guardduty update-detector --region {region} --detector-id "
    "$(aws guardduty list-detectors --region {region} --query DetectorIds[0] --output text) "
    "--features 'Name=EKS_AUDIT_LOGS,Status=ENABLED'",
)
def guardduty_eks_audit_logs_disabled(inv: Inventory) -> pd.DataFrame:
    return protection_plan(inv, PLANS, "EKS Audit Log Monitoring (EKS_AUDIT_LOGS)")
