"""What the ECR checks share: the resource type and one row per repository."""

from __future__ import annotations

import pandas as pd

from ..base import evaluate

REPOSITORY = "AWS::ECR::Repository"


def ecr_repositories(r: pd.DataFrame, failed: pd.Series, detail: pd.Series) -> pd.DataFrame:
    return evaluate(r, failed, r["repository_name"], detail, r["arn"])
