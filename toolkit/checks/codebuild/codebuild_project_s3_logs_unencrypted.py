from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="CodeBuild project writes its S3 logs unencrypted",
    severity="low",
    service="codebuild",
    resource_type="AWS::CodeBuild::Project",
    tables=["codebuild.projects"],
    description="The project sends build logs to S3 with encryption disabled "
    "(logsConfig.s3Logs.encryptionDisabled). FSBP CodeBuild.3 fails a project whose S3 logs "
    "have encryption deactivated (AWS Config rule codebuild-project-s3-logs-encrypted; its "
    "exclusion list parameter is empty by default); a project without S3 logs passes.",
    risk="Build logs hold source paths, dependency names, test output and often values echoed "
    "by mistake; unencrypted, they rest in S3 without a KMS key standing in the way.",
    remediation="Turn encryption back on for the project's S3 logs (CodeBuild then encrypts them "
    "with the project's KMS key).",
    remediation_cli="aws codebuild update-project --region {region} --name {resource_id} "
    "--logs-config 's3Logs={status=ENABLED,location=BUCKET/PREFIX,encryptionDisabled=false}'",
)
def codebuild_project_s3_logs_unencrypted(inv: Inventory) -> pd.DataFrame:
    p = inv["codebuild.projects"]
    enabled = (p["s3_logs_status"] == "ENABLED").fillna(False).astype(bool)
    unencrypted = enabled & p["s3_logs_encryption_disabled"].astype("boolean").fillna(False)
    location = p["s3_logs_location"].astype("string").fillna("?")
    detail = pd.Series("no S3 logs", index=p.index, dtype="string")
    detail = detail.where(~enabled, "S3 logs to " + location + " encrypted")
    detail = detail.where(~unencrypted, "S3 logs to " + location + " not encrypted")
    return evaluate(p, unencrypted, p["name"], detail, p["arn"])
