"""What the Redshift checks share: the resource type, the clusters worth judging and the
one-row-per-cluster helper."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

CLUSTER = "AWS::Redshift::Cluster"
#: Cluster states with nothing left to protect.
GONE = ("deleting", "final-snapshot")


def live_clusters(inv: Inventory) -> pd.DataFrame:
    c = inv["redshift.clusters"]
    return c[~c["cluster_status"].isin(GONE).fillna(False)]


def redshift_clusters(c: pd.DataFrame, failed: pd.Series, detail: pd.Series) -> pd.DataFrame:
    return evaluate(c, failed, c["cluster_identifier"], detail, c["arn"])


def flag(c: pd.DataFrame, column: str) -> pd.Series:
    """A nullable boolean column as plain booleans; not reported counts as off."""
    return c[column].astype("boolean").fillna(False).astype(bool)


def either(c: pd.DataFrame, condition: pd.Series, yes: str, no: str) -> pd.Series:
    """``yes`` where the condition holds, ``no`` elsewhere: a detail for every cluster."""
    return pd.Series(yes, index=c.index, dtype="object").where(condition, no)
