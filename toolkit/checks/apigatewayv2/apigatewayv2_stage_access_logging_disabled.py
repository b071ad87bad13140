from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import STAGE, STAGE_ARGS, named, stages

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="API Gateway HTTP or WebSocket API stage has no access logging",
    severity="medium",
    service="apigatewayv2",
    resource_type=STAGE,
    tables=["apigatewayv2.stages"],
    description="An API Gateway V2 stage (HTTP or WebSocket API) has no access log settings, "
    "as FSBP APIGateway.9 fails it (no parameters).",
    risk="Without access logs there is no record of who called the API, from where and with "
    "what answer: abuse and incidents cannot be traced.",
    remediation="Set the stage's access logging to a CloudWatch Logs group (or Firehose) with "
    "a format that records the request id, source IP and status.",
    remediation_cli="aws apigatewayv2 update-stage --region {region} "
    + STAGE_ARGS
    + " --access-log-settings DestinationArn=LOG_GROUP_ARN,Format='$context.requestId "
    "$context.identity.sourceIp $context.status'",
)
def apigatewayv2_stage_access_logging_disabled(inv: Inventory) -> pd.DataFrame:
    frame = inv["apigatewayv2.stages"]
    destination = frame["access_log_destination"].astype("string")
    failed = destination.isna() | (destination == "")
    who = named(frame)
    detail = (who + ": access logs go to " + destination.fillna("")).where(
        ~failed, who + ": access logging off"
    )
    return stages(frame, failed, detail)
