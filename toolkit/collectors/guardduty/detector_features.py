"""``guardduty.detector_features``: the protection plans of each detector, one row per detector
and feature (S3 Protection, EKS Audit Log Monitoring, Runtime Monitoring, ...).

ListDetectors then GetDetector per detector, both in the list step: every column comes from
GetDetector's ``Features``, so there is nothing a narrower collection could skip. A region
without a detector has no rows (``guardduty.detectors`` says so).
"""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, ListStep, TableContext, declare

SERVICE = "guardduty"
#: A detector deleted between ListDetectors and GetDetector: it has no features.
GONE = ("BadRequestException",)


def additional(feature: dict[str, Any]) -> str:
    """The feature's additional configuration (its agent management) as sorted JSON."""
    configs = [
        {"name": c.get("Name"), "status": c.get("Status")}
        for c in feature.get("AdditionalConfiguration") or []
    ]
    return json.dumps(sorted(configs, key=lambda c: str(c["name"])))


async def list_features(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    rows: list[dict[str, Any]] = []
    for detector_id in await ctx.aws.items(client, "list_detectors", "DetectorIds"):
        got = await ctx.aws.call_or(client, "get_detector", None, GONE, DetectorId=detector_id)
        if got is None:
            continue
        for feature in got.get("Features") or []:
            rows.append(
                {
                    "detector_id": detector_id,
                    "detector_status": got.get("Status"),
                    "feature": feature.get("Name"),
                    "status": feature.get("Status"),
                    "additional_configuration": additional(feature),
                }
            )
    return rows


detector_features = declare(
    "guardduty.detector_features",
    where="regional",
    key=("account_id", "region", "detector_id", "feature"),
    doc="GuardDuty's protection plans: one row per detector and feature, with its agent "
    "management (additional configuration).",
    list=ListStep(("guardduty:ListDetectors", "guardduty:GetDetector"), list_features),
    columns=(
        Column("detector_id", "string", "The detector."),
        Column("detector_status", "string", "The detector's own status: ENABLED or DISABLED."),
        Column(
            "feature",
            "string",
            "The feature: S3_DATA_EVENTS, EKS_AUDIT_LOGS, EBS_MALWARE_PROTECTION, "
            "RDS_LOGIN_EVENTS, LAMBDA_NETWORK_LOGS, RUNTIME_MONITORING, EKS_RUNTIME_MONITORING...",
        ),
        Column("status", "string", "ENABLED or DISABLED."),
        Column(
            "additional_configuration",
            "string",
            'JSON list of {"name", "status"} sorted by name: EKS_ADDON_MANAGEMENT, '
            "ECS_FARGATE_AGENT_MANAGEMENT, EC2_AGENT_MANAGEMENT; [] for none.",
        ),
    ),
)
