"""What the SNS checks share: the resource type and one row per topic."""

from __future__ import annotations

import pandas as pd

from ..base import evaluate

TOPIC = "AWS::SNS::Topic"


def sns_topics(t: pd.DataFrame, failed: pd.Series, detail: pd.Series) -> pd.DataFrame:
    """One result per topic of sns.topics, named by the topic's name."""
    return evaluate(t, failed, t["name"], detail, t["topic_arn"])
