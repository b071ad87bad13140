"""GuardDuty EC2 Runtime Monitoring is not enabled: one result per GuardDuty detector (see "
"``_shared``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import TABLE, protection_plan

if TYPE_CHECKING:
    from ...inventory import Inventory

PLANS = (("RUNTIME_MONITORING", "EC2_AGENT_MANAGEMENT"),)


@check(
    title="GuardDuty EC2 Runtime Monitoring is not enabled",
    severity="medium",
    service="guardduty",
    resource_type="AWS::GuardDuty::Detector",
    tables=[TABLE],
    description="FAIL when RUNTIME_MONITORING is not ENABLED with its EC2_AGENT_MANAGEMENT "
    "(the automated security agent for EC2) ENABLED, or the detector is "
    "suspended; PASS when it runs with the "
    "plan on. One result per detector; no parameters. In an organization the delegated "
    "administrator sets members' plans on their own detectors.",
    risk="Threats on EC2 instances (malicious processes, crypto mining, reverse shells) go "
    "undetected: without automated agent management no GuardDuty agent runs on them.",
    remediation="Enable Runtime Monitoring with automated agent configuration for Amazon EC2,"
    " for every member account from the delegated administrator.",
    remediation_cli="aws guardduty update-detector --region {region} --detector-id "
    "$(aws guardduty list-detectors --region {region} --query DetectorIds[0] --output text) "
    "--features 'Name=RUNTIME_MONITORING,Status=ENABLED,AdditionalConfiguration=[{Name=EC2_AGENT_MANAGEMENT,Status=ENABLED}]'",
)
def guardduty_ec2_runtime_monitoring_disabled(inv: Inventory) -> pd.DataFrame:
    return protection_plan(
        inv, PLANS, "EC2 Runtime Monitoring (RUNTIME_MONITORING with EC2_AGENT_MANAGEMENT)"
    )
