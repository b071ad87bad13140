"""What the SQS checks share: the resource type, one row per queue, and the fix's queue URL."""

from __future__ import annotations

import pandas as pd

from ..base import evaluate

QUEUE = "AWS::SQS::Queue"
#: The queue's URL in a remediation command, from what a finding holds.
QUEUE_URL = "https://sqs.{region}.amazonaws.com/{account_id}/{resource_id}"


def sqs_queues(q: pd.DataFrame, failed: pd.Series, detail: pd.Series) -> pd.DataFrame:
    return evaluate(q, failed, q["queue_name"], detail, q["arn"])
