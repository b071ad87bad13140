from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Athena workgroup does not publish query metrics to CloudWatch",
    severity="medium",
    service="athena",
    resource_type="AWS::Athena::WorkGroup",
    tables=["athena.workgroups"],
    description="The workgroup's PublishCloudWatchMetricsEnabled is false, as FSBP Athena.4 "
    "evaluates it (AWS Config rule athena-workgroup-logging-enabled; no parameters).",
    risk="Queries' data scanned, run time and failures are not recorded in CloudWatch: unusual "
    "query activity goes unnoticed and cannot be alarmed on.",
    remediation="Turn on publishing of query metrics to CloudWatch in the workgroup's settings.",
    remediation_cli="aws athena update-work-group --region {region} --work-group {resource_id} "
    "--configuration-updates PublishCloudWatchMetricsEnabled=true",
)
def athena_workgroup_logging_disabled(inv: Inventory) -> pd.DataFrame:
    w = inv["athena.workgroups"]
    on = w["publish_cloudwatch_metrics_enabled"].astype("boolean").fillna(False).astype(bool)
    detail = pd.Series("query metrics published to CloudWatch", index=w.index).where(
        on, "query metrics not published to CloudWatch"
    )
    return evaluate(w, ~on, w["workgroup_name"], detail, w["arn"])
