"""What the CloudFormation checks share: the resource type and one row per stack."""

from __future__ import annotations

import pandas as pd

from ..base import evaluate

STACK = "AWS::CloudFormation::Stack"


def cloudformation_stacks(s: pd.DataFrame, failed: pd.Series, detail: pd.Series) -> pd.DataFrame:
    return evaluate(s, failed, s["stack_name"], detail, s["arn"])
