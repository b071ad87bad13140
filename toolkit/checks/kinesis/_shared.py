"""What the Kinesis checks share: the resource type and one row per stream."""

from __future__ import annotations

import pandas as pd

from ..base import evaluate

STREAM = "AWS::Kinesis::Stream"


def kinesis_streams(s: pd.DataFrame, failed: pd.Series, detail: pd.Series) -> pd.DataFrame:
    return evaluate(s, failed, s["stream_name"], detail, s["arn"])
