"""Findings in the AWS Security Finding Format (ASFF 2018-10-08), as Security Hub's
BatchImportFindings takes them.

Each finding is filed as the toolkit's own custom product in its account and region
(``ProductArn`` ``arn:aws:securityhub:REGION:ACCOUNT:product/ACCOUNT/default``): Security Hub
accepts such a finding only from that account, in that region, so ``batches`` groups the
findings by both, at most 100 per call (the API's limit). Findings of global services
(region ``global``) are filed in a home region (``_shared.context_for``). A row without an
account (a check whose table was not collected at all) names nothing Security Hub could file
it under and is left out; the other formats keep it.

Mapping (aligned with Prowler's and with Security Hub's own control findings): FAIL is
Compliance FAILED with workflow NEW, PASS is PASSED and RESOLVED (Security Hub resolves passed
control findings the same way), MUTED is FAILED and SUPPRESSED (still failing, accepted),
ERROR is NOT_AVAILABLE ("could not be performed") and NEW. Severity and types are also given
as ``FindingProviderFields``, as Security Hub asks of finding providers; the attributes Security
Hub fills itself (``Region``, ``AwsAccountName``) are left to it, the account's name goes into
``ProductFields``. Texts are cut to the API's lengths
(title 256, description 1024, recommendation 512 characters). The resource type is the
check's CloudFormation type in ASFF's spelling (``AWS::S3::Bucket`` -> ``AwsS3Bucket``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from ..files import atomic_write_text
from ._shared import PRODUCT_NAME, ExportContext, Finding, findings_rows

SCHEMA_VERSION = "2018-10-08"
BATCH_SIZE = 100
TITLE_LENGTH = 256
DESCRIPTION_LENGTH = 1024
RECOMMENDATION_LENGTH = 512
RELATED_REQUIREMENTS = 32

#: status -> (Compliance.Status, Workflow.Status)
STATUSES = {
    "FAIL": ("FAILED", "NEW"),
    "PASS": ("PASSED", "RESOLVED"),
    "MUTED": ("FAILED", "SUPPRESSED"),
    "ERROR": ("NOT_AVAILABLE", "NEW"),
}
#: framework label -> ASFF finding type (namespace/category/classifier)
FRAMEWORK_TYPES = {
    "CIS-3.0": "Software and Configuration Checks/Industry and Regulatory Standards/"
    "CIS AWS Foundations Benchmark",
    "AWS-FSBP": "Software and Configuration Checks/Industry and Regulatory Standards/"
    "AWS Foundational Security Best Practices",
}
DEFAULT_TYPE = "Software and Configuration Checks/AWS Security Best Practices"
_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z0-9]+")


def security_findings(findings: pd.DataFrame, context: ExportContext) -> list[dict[str, Any]]:
    """One AwsSecurityFinding per findings row that has an account."""
    return [security_finding(row, context) for row in findings_rows(findings) if row.account_id]


def security_finding(row: Finding, context: ExportContext) -> dict[str, Any]:
    """The AwsSecurityFinding of one row (which must have an account)."""
    account = row.account_id or ""
    region = context.concrete_region(row.region)
    compliance_status, workflow_status = STATUSES.get(row.status, ("NOT_AVAILABLE", "NEW"))
    stamp = context.stamp
    severity = {"Label": row.severity.upper(), "Original": row.severity}
    types = [FRAMEWORK_TYPES[f] for f in row.frameworks if f in FRAMEWORK_TYPES] or [DEFAULT_TYPE]
    finding: dict[str, Any] = {
        "SchemaVersion": SCHEMA_VERSION,
        "Id": f"{PRODUCT_NAME}/{account}/{region}/{row.check_id}/{row.uid}",
        "ProductArn": f"arn:aws:securityhub:{region}:{account}:product/{account}/default",
        "GeneratorId": f"{PRODUCT_NAME}/{row.check_id}",
        "AwsAccountId": account,
        "Types": types,
        "CreatedAt": stamp,
        "UpdatedAt": stamp,
        "FirstObservedAt": stamp,
        "LastObservedAt": stamp,
        "Severity": severity,
        # how a finding provider states severity and types (the top-level ones are for customers)
        "FindingProviderFields": {"Severity": severity, "Types": types},
        "Title": _cut(row.title, TITLE_LENGTH),
        "Description": _cut(row.detail or row.description or row.title, DESCRIPTION_LENGTH),
        "Remediation": {
            "Recommendation": {"Text": _cut(row.remediation or row.title, RECOMMENDATION_LENGTH)}
        },
        "ProductFields": {
            f"{PRODUCT_NAME}/CheckId": row.check_id,
            f"{PRODUCT_NAME}/Status": row.status,
            f"{PRODUCT_NAME}/Service": row.service,
        },
        "Resources": [_resource(row, account, region)],
        "Compliance": {"Status": compliance_status},
        "Workflow": {"Status": workflow_status},
        "RecordState": "ACTIVE",
    }
    requirements = [
        f"{label} {control}" for label, ids in row.frameworks.items() for control in ids
    ][:RELATED_REQUIREMENTS]
    if requirements:
        finding["Compliance"]["RelatedRequirements"] = requirements
    name = context.account_name(account)
    if name:  # AwsAccountName is Security Hub's to fill
        finding["ProductFields"][f"{PRODUCT_NAME}/AccountName"] = name
    return finding


def _resource(row: Finding, account: str, region: str) -> dict[str, Any]:
    """The row's resource, or (a gap row has none) the account itself."""
    if row.resource:
        return {
            "Type": resource_type(row.resource_type),
            "Id": row.resource,
            "Partition": "aws",
            "Region": region,
        }
    account_resource = f"AWS::::Account:{account}"
    return {"Type": "AwsAccount", "Id": account_resource, "Partition": "aws", "Region": region}


def resource_type(cloudformation_type: str) -> str:
    """ASFF's spelling of a CloudFormation type: ``AWS::EC2::VPC`` -> ``AwsEc2Vpc``,
    ``AWS::RDS::DBCluster`` -> ``AwsRdsDbCluster``; anything else is ``Other``."""
    parts = cloudformation_type.split("::")
    if len(parts) != 3 or parts[0] != "AWS":
        return "Other"
    words = _WORDS.findall(parts[1]) + _WORDS.findall(parts[2])
    return "Aws" + "".join(word.capitalize() for word in words)


def batches(
    findings: Iterable[dict[str, Any]], size: int = BATCH_SIZE
) -> Iterator[tuple[str, str, list[dict[str, Any]]]]:
    """``(account, region, findings)``: each BatchImportFindings call's findings, at most
    ``size``, all of one account and region (the call must be made there)."""
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for finding in findings:
        key = (finding["AwsAccountId"], product_region(finding))
        grouped.setdefault(key, []).append(finding)
    for (account, region), group in grouped.items():
        for start in range(0, len(group), size):
            yield account, region, group[start : start + size]


def product_region(finding: dict[str, Any]) -> str:
    """The region a finding is filed in: its ProductArn's (``arn:aws:securityhub:REGION:...``)."""
    return str(finding["ProductArn"]).split(":")[3]


def write_asff(findings: pd.DataFrame, target: Path, context: ExportContext) -> None:
    """A JSON list of AwsSecurityFindings, one per line, whole or not at all."""
    lines = [json.dumps(f, ensure_ascii=False) for f in security_findings(findings, context)]
    atomic_write_text(target, "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n")


def _cut(text: str, limit: int) -> str:
    text = text.strip() or "-"
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."
