"""Findings as OCSF Detection Findings (class 2004, OCSF 1.5.0): what SIEMs and data lakes
(Amazon Security Lake among them) take in.

Written as plain JSON, a list with one finding per line: the toolkit does not need
py-ocsf-models to write it; the tests validate every finding with py-ocsf-models'
``DetectionFinding`` (the model Prowler, the established scanner, writes with), so the runtime
keeps one dependency fewer and a large export does not build a pydantic object per finding.

The mapping follows Prowler's where the two meet: ``status_code`` is the check's verdict
(PASS, FAIL, MUTED, ERROR) and ``status_detail`` its detail; ``status_id`` is the finding's
workflow state as Security Hub sets it for control findings: FAIL and ERROR are New, MUTED
Suppressed, PASS Resolved. ``finding_info.uid`` is stable per check and resource
(``_shared.finding_uid``); the resource is the row's ARN (else its id) with its CloudFormation
type, region and account; ``unmapped.compliance`` carries the framework controls.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from ..files import atomic_write_text
from ._shared import PRODUCT_NAME, ExportContext, Finding, findings_rows

#: The OCSF schema version these findings follow (py-ocsf-models 0.10's OCSF_VERSION).
OCSF_VERSION = "1.5.0"
DETECTION_FINDING = 2004
FINDINGS_CATEGORY = 2
ACTIVITY_CREATE = 1
AWS_ACCOUNT_TYPE = 10

SEVERITY_IDS = {"informational": 1, "low": 2, "medium": 3, "high": 4, "critical": 5}
#: status -> (OCSF status_id, its caption)
STATUS_IDS = {
    "FAIL": (1, "New"),
    "ERROR": (1, "New"),
    "MUTED": (3, "Suppressed"),
    "PASS": (4, "Resolved"),
}


def detection_findings(findings: pd.DataFrame, context: ExportContext) -> list[dict[str, Any]]:
    """One OCSF Detection Finding (a JSON-ready dict) per findings row."""
    return [detection_finding(row, context) for row in findings_rows(findings)]


def detection_finding(row: Finding, context: ExportContext) -> dict[str, Any]:
    """The Detection Finding of one row."""
    millis, stamp = context.millis, context.stamp
    status_id, status = STATUS_IDS.get(row.status, (99, "Other"))
    severity_id = SEVERITY_IDS.get(row.severity, 0)
    metadata: dict[str, Any] = {
        "event_code": row.check_id,
        "product": {
            "name": PRODUCT_NAME,
            "uid": PRODUCT_NAME,
            "vendor_name": PRODUCT_NAME,
            "version": context.version,
        },
        "profiles": ["cloud", "datetime"],
        "uid": row.uid,
        "version": OCSF_VERSION,
    }
    if context.organization_id:
        metadata["tenant_uid"] = context.organization_id
    event: dict[str, Any] = {
        "metadata": metadata,
        "category_uid": FINDINGS_CATEGORY,
        "category_name": "Findings",
        "class_uid": DETECTION_FINDING,
        "class_name": "Detection Finding",
        "activity_id": ACTIVITY_CREATE,
        "activity_name": "Create",
        "type_uid": DETECTION_FINDING * 100 + ACTIVITY_CREATE,
        "type_name": "Detection Finding: Create",
        "time": millis,
        "time_dt": stamp,
        "severity_id": severity_id,
        "severity": row.severity.capitalize() if severity_id else "Unknown",
        "status_id": status_id,
        "status": status,
        "status_code": row.status,
        "status_detail": row.detail,
        "message": row.detail or row.title,
        "finding_info": {
            "uid": row.uid,
            "title": row.title,
            "desc": row.description,
            "created_time": millis,
            "created_time_dt": stamp,
            "types": [row.service],
        },
        "remediation": {"desc": row.remediation or row.title},
        "cloud": _cloud(row, context),
        "unmapped": {
            "check_id": row.check_id,
            "compliance": row.frameworks,
            "remediation_cli": row.remediation_cli,
        },
    }
    if row.risk:
        event["risk_details"] = row.risk
    if row.resource:
        event["resources"] = [
            {
                "uid": row.resource,
                "name": row.resource_id or row.resource,
                "type": row.resource_type or "Other",
                "region": row.region or "",
                "cloud_partition": "aws",
                "group": {"name": row.service},
            }
        ]
    return event


def _cloud(row: Finding, context: ExportContext) -> dict[str, Any]:
    cloud: dict[str, Any] = {"provider": "aws"}
    if row.region:
        cloud["region"] = row.region
    if row.account_id:
        cloud["account"] = {
            "uid": row.account_id,
            "name": context.account_name(row.account_id) or row.account_id,
            "type_id": AWS_ACCOUNT_TYPE,
            "type": "AWS Account",
        }
    if context.organization_id:
        cloud["org"] = {"uid": context.organization_id}
    return cloud


def write_ocsf(findings: pd.DataFrame, target: Path, context: ExportContext) -> None:
    """A JSON list of Detection Findings, one per line, whole or not at all."""
    lines = [
        json.dumps(event, ensure_ascii=False) for event in detection_findings(findings, context)
    ]
    atomic_write_text(target, "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n")
