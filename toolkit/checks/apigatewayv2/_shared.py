"""What the API Gateway V2 stage checks share: the resource type, the one-row-per-stage helper
and how a stage is named."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..base import evaluate

STAGE = "AWS::ApiGatewayV2::Stage"
#: The CLI words that name the finding's API and stage (its id is ``API_ID/STAGE``).
STAGE_ARGS = (
    "--api-id $(echo {resource_id} | cut -d/ -f1) --stage-name $(echo {resource_id} | cut -d/ -f2)"
)


def named(frame: pd.DataFrame) -> pd.Series:
    """Each stage as people say it: ``API_NAME/STAGE``."""
    return frame["api_name"].astype("string") + "/" + frame["stage_name"].astype("string")


def stages(frame: pd.DataFrame, failed: Any, detail: Any) -> pd.DataFrame:
    ids = frame["api_id"].astype("string") + "/" + frame["stage_name"].astype("string")
    return evaluate(frame, failed, ids, detail, frame["arn"])
