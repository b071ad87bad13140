"""FSBP CloudTrail.5: CloudTrail trails should be integrated with Amazon CloudWatch Logs.

As AWS's control (Config rule cloud-trail-cloud-watch-logs-enabled, no parameters): a trail
fails when it names no CloudWatch Logs log group to deliver its events to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import TRAIL, cloudtrail_trails

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="CloudTrail trail does not deliver to CloudWatch Logs",
    severity="low",
    service="cloudtrail",
    resource_type=TRAIL,
    tables=["cloudtrail.trails"],
    description="The trail has no CloudWatch Logs log group (CloudWatchLogsLogGroupArn is "
    "empty), as FSBP CloudTrail.5 evaluates it: its events reach only the S3 bucket.",
    risk="Without the events in CloudWatch Logs there are no metric filters or alarms on them: "
    "root use, IAM and network changes go unnoticed until someone reads the bucket.",
    remediation="Create a log group and a role CloudTrail can assume to write to it, then set "
    "both on the trail.",
    remediation_cli="aws cloudtrail update-trail --region {region} --name {resource_id} "
    "--cloud-watch-logs-log-group-arn LOG_GROUP_ARN --cloud-watch-logs-role-arn ROLE_ARN",
)
def cloudtrail_cloudwatch_logs_disabled(inv: Inventory) -> pd.DataFrame:
    t = inv["cloudtrail.trails"]
    group = t["cloud_watch_logs_log_group_arn"].astype("string")
    detail = ("delivers to " + group).fillna("no CloudWatch Logs log group")
    return cloudtrail_trails(inv, group.isna(), detail)
