"""What the Lambda checks share: resource types and the one-row-per-resource helpers."""

from __future__ import annotations

import pandas as pd

from ..base import evaluate

FUNCTION = "AWS::Lambda::Function"


def lambda_functions(f: pd.DataFrame, failed, detail) -> pd.DataFrame:
    return evaluate(f, failed, f["function_name"], detail, f["arn"])
