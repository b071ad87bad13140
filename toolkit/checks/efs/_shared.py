"""What the EFS access point checks share: the resource type and the one-row-per-access-point
helper."""

from __future__ import annotations

import pandas as pd

from ..base import evaluate

ACCESS_POINT = "AWS::EFS::AccessPoint"


def efs_access_points(a: pd.DataFrame, failed: pd.Series, detail: pd.Series) -> pd.DataFrame:
    """One finding per access point, named by its id."""
    return evaluate(a, failed, a["access_point_id"], detail, a["arn"])
