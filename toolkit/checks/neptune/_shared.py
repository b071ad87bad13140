"""What the Neptune checks share: resource types and the one-row-per-resource helpers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

#: AWS Security Hub names Neptune clusters and snapshots by RDS's resource types.
CLUSTER = "AWS::RDS::DBCluster"
SNAPSHOT = "AWS::RDS::DBClusterSnapshot"


def neptune_clusters(inv: Inventory, failed, detail) -> pd.DataFrame:
    c = inv["neptune.clusters"]
    return evaluate(c, failed, c["db_cluster_identifier"], detail, c["arn"])


def neptune_snapshots(frame: pd.DataFrame, failed, detail) -> pd.DataFrame:
    return evaluate(frame, failed, frame["snapshot_identifier"], detail, frame["arn"])


def flag(frame: pd.DataFrame, column: str) -> pd.Series:
    """A boolean column with an unknown value taken as off."""
    return frame[column].fillna(False).astype(bool)


def yes_no(flag: pd.Series, yes: str, no: str) -> pd.Series:
    return flag.map({True: yes, False: no})
