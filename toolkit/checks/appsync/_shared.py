"""What the AppSync checks share: the resource type and one row per GraphQL API."""

from __future__ import annotations

import pandas as pd

from ..base import evaluate

GRAPHQL_API = "AWS::AppSync::GraphQLApi"


def appsync_apis(a: pd.DataFrame, failed: pd.Series, detail: pd.Series) -> pd.DataFrame:
    return evaluate(a, failed, a["name"], detail, a["arn"])
