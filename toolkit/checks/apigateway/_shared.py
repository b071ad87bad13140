"""What the REST API stage checks share: the resource type, the one-row-per-stage helper and
how a stage is named."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..base import evaluate

STAGE = "AWS::ApiGateway::Stage"


def stage_ids(frame: pd.DataFrame) -> pd.Series:
    """``API_ID/STAGE``: unique in a region, where an API's name is not."""
    return frame["rest_api_id"].astype("string") + "/" + frame["stage_name"].astype("string")


def named(frame: pd.DataFrame) -> pd.Series:
    """Each stage as people say it: ``API_NAME/STAGE``."""
    return frame["rest_api_name"].astype("string") + "/" + frame["stage_name"].astype("string")


def stages(frame: pd.DataFrame, failed: Any, detail: Any) -> pd.DataFrame:
    return evaluate(frame, failed, stage_ids(frame), detail, frame["arn"])


def update_stage_cli(operations: str) -> str:
    """The CLI that patches the finding's stage (its id is ``API_ID/STAGE``)."""
    return (
        "aws apigateway update-stage --region {region} --rest-api-id "
        "$(echo {resource_id} | cut -d/ -f1) --stage-name $(echo {resource_id} | cut -d/ -f2) "
        f"--patch-operations {operations}"
    )
