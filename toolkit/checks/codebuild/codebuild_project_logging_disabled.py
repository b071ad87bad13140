from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="CodeBuild project has no build logging",
    severity="medium",
    service="codebuild",
    resource_type="AWS::CodeBuild::Project",
    tables=["codebuild.projects"],
    description="Neither of the project's log options is on: CloudWatch Logs and S3 logs are "
    "both DISABLED. FSBP CodeBuild.4 fails a project environment without at least one log "
    "option, S3 or CloudWatch Logs, enabled (AWS Config rule "
    "codebuild-project-logging-enabled; no parameters).",
    risk="No record of what builds ran, what they fetched and what they printed: a tampered "
    "build or a leaked secret leaves no trace to investigate.",
    remediation="Turn on CloudWatch Logs (the default) or S3 logs for the project.",
    remediation_cli="aws codebuild update-project --region {region} --name {resource_id} "
    "--logs-config 'cloudWatchLogs={status=ENABLED}'",
)
def codebuild_project_logging_disabled(inv: Inventory) -> pd.DataFrame:
    p = inv["codebuild.projects"]
    cloudwatch = (p["cloudwatch_logs_status"] == "ENABLED").fillna(False).astype(bool)
    s3 = (p["s3_logs_status"] == "ENABLED").fillna(False).astype(bool)
    on = [
        pd.Series(name, index=p.index, dtype="string").where(flag, "")
        for name, flag in (("CloudWatch Logs", cloudwatch), ("S3", s3))
    ]
    enabled = (on[0] + ", " + on[1]).str.strip(", ")
    failed = ~(cloudwatch | s3)
    detail = ("logs to " + enabled).where(~failed, "CloudWatch Logs and S3 logs both disabled")
    return evaluate(p, failed, p["name"], detail, p["arn"])
