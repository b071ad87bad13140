"""GuardDuty ECS Runtime Monitoring is not enabled: one result per GuardDuty detector (see "
"``_shared``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import TABLE, protection_plan

if TYPE_CHECKING:
    from ...inventory import Inventory

PLANS = (("RUNTIME_MONITORING", "ECS_FARGATE_AGENT_MANAGEMENT"),)


@check(
    title="GuardDuty ECS Runtime Monitoring is not enabled",
    severity="medium",
    service="guardduty",
    resource_type="AWS::GuardDuty::Detector",
    tables=[TABLE],
    description="FAIL when RUNTIME_MONITORING is not ENABLED with its "
    "ECS_FARGATE_AGENT_MANAGEMENT (the automated security agent for ECS on "
    "Fargate) ENABLED, or the detector is suspended; PASS when it runs with the "
    "plan on. One result per detector; no parameters. In an organization the delegated "
    "administrator sets members' plans on their own detectors.",
    risk="Threats inside ECS tasks on Fargate go undetected: without automated agent "
    "management no GuardDuty agent runs beside them.",
    remediation="Enable Runtime Monitoring with automated agent configuration for AWS Fargate"
    " (ECS only), for every member account from the delegated administrator.",
    remediation_cli="aws guardduty update-detector --region {region} --detector-id "
    "$(aws guardduty list-detectors --region {region} --query DetectorIds[0] --output text) "
    "--features 'Name=RUNTIME_MONITORING,Status=ENABLED,AdditionalConfiguration=[{Name=ECS_FARGATE_AGENT_MANAGEMENT,Status=ENABLED}]'",
)
def guardduty_ecs_runtime_monitoring_disabled(inv: Inventory) -> pd.DataFrame:
    return protection_plan(
        inv,
        PLANS,
        "ECS Runtime Monitoring on Fargate (RUNTIME_MONITORING with ECS_FARGATE_AGENT_MANAGEMENT)",
    )
