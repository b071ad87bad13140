from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import STAGE, STAGE_ARGS, named, stages

if TYPE_CHECKING:
    from ...inventory import Inventory

#: FSBP APIGateway.1's loggingLevel parameter has no default: ERROR and INFO both pass.
LOGGING_LEVELS = ("ERROR", "INFO")


@check(
    title="API Gateway WebSocket API stage does not log execution",
    severity="medium",
    service="apigatewayv2",
    resource_type=STAGE,
    tables=["apigatewayv2.stages"],
    description="A WebSocket API stage's execution logging level (its default route settings) "
    "is neither ERROR nor INFO, as FSBP APIGateway.1 fails it with its loggingLevel parameter "
    "unset (either level passes). HTTP APIs have no execution logging and are not judged.",
    risk="Without execution logs, failed connections, authorizer denials and integration "
    "errors of the WebSocket API leave no trace in CloudWatch.",
    remediation="Set the stage's default route logging level to ERROR or INFO.",
    remediation_cli="aws apigatewayv2 update-stage --region {region} "
    + STAGE_ARGS
    + " --default-route-settings LoggingLevel=ERROR",
)
def apigatewayv2_websocket_stage_execution_logging_disabled(inv: Inventory) -> pd.DataFrame:
    frame = inv["apigatewayv2.stages"]
    frame = frame[(frame["protocol_type"] == "WEBSOCKET").fillna(False)]
    level = frame["logging_level"].fillna("OFF").astype("string")
    logging = level.isin(LOGGING_LEVELS)
    who = named(frame)
    detail = (who + ": execution logging at " + level).where(
        logging, who + ": execution logging " + level
    )
    return stages(frame, ~logging, detail)
