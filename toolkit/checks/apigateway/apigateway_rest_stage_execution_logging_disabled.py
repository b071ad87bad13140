from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import STAGE, named, stages, update_stage_cli

if TYPE_CHECKING:
    from ...inventory import Inventory

#: FSBP APIGateway.1's loggingLevel parameter has no default: ERROR and INFO both pass.
LOGGING_LEVELS = ("ERROR", "INFO")


@check(
    title="API Gateway REST API stage does not log execution",
    severity="medium",
    service="apigateway",
    resource_type=STAGE,
    tables=["apigateway.rest_api_stages"],
    description="A REST API stage's execution logging level is neither ERROR nor INFO for "
    "every method (the stage-wide setting, or a method overriding it), as FSBP APIGateway.1 "
    "fails it with its loggingLevel parameter unset (either level passes).",
    risk="Without execution logs, failed authorizations, integration errors and the requests "
    "behind an incident leave no trace in CloudWatch.",
    remediation="Set the stage's CloudWatch logging to ERROR or INFO for all methods (the "
    "account's API Gateway CloudWatch role must be set first).",
    remediation_cli=update_stage_cli("op=replace,path=/*/*/logging/loglevel,value=ERROR"),
)
def apigateway_rest_stage_execution_logging_disabled(inv: Inventory) -> pd.DataFrame:
    frame = inv["apigateway.rest_api_stages"]
    level = frame["logging_level"].fillna("OFF").astype("string")
    silent = pd.Series(
        [
            ", ".join(
                sorted(
                    f"{path} ({value})"
                    for path, value in json.loads(text if isinstance(text, str) else "{}").items()
                    if value not in LOGGING_LEVELS
                )
            )
            for text in frame["method_logging_levels"]
        ],
        index=frame.index,
        dtype="string",
    )
    failed = ~level.isin(LOGGING_LEVELS) | (silent != "")
    who = named(frame)
    detail = (who + ": execution logging at " + level).where(
        ~failed,
        (who + ": execution logging " + level).where(
            silent == "", who + ": execution logging off for " + silent
        ),
    )
    return stages(frame, failed, detail)
