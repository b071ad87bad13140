from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import STAGE, named, stages, update_stage_cli

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="API Gateway REST API stage has X-Ray tracing off",
    severity="low",
    service="apigateway",
    resource_type=STAGE,
    tables=["apigateway.rest_api_stages"],
    description="A REST API stage does not have AWS X-Ray active tracing on, as FSBP "
    "APIGateway.3 fails it (no parameters).",
    risk="Without traces, a slow or failing request cannot be followed from the API into the "
    "services it calls: outages and abuse take longer to find.",
    remediation="Turn on X-Ray tracing in the stage's logs and tracing settings.",
    remediation_cli=update_stage_cli("op=replace,path=/tracingEnabled,value=true"),
)
def apigateway_rest_stage_xray_tracing_disabled(inv: Inventory) -> pd.DataFrame:
    frame = inv["apigateway.rest_api_stages"]
    tracing = frame["tracing_enabled"].fillna(False).astype(bool)
    who = named(frame)
    detail = (who + ": X-Ray tracing on").where(tracing, who + ": X-Ray tracing off")
    return stages(frame, ~tracing, detail)
