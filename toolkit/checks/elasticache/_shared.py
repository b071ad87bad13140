"""What the ElastiCache checks share: the resource type, the groups worth judging and the
one-row-per-group helper."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

REPLICATION_GROUP = "AWS::ElastiCache::ReplicationGroup"
TABLE = "elasticache.replication_groups"
#: Replication group states with nothing left to protect.
GONE = ("deleting",)


def live_groups(inv: Inventory) -> pd.DataFrame:
    g = inv[TABLE]
    return g[~g["status"].isin(GONE).fillna(False)]


def replication_groups(g: pd.DataFrame, failed: pd.Series, detail: pd.Series) -> pd.DataFrame:
    return evaluate(g, failed, g["replication_group_id"], detail, g["arn"])


def flag(g: pd.DataFrame, column: str) -> pd.Series:
    """A nullable boolean column as plain booleans; not reported counts as off."""
    return g[column].astype("boolean").fillna(False).astype(bool)


def either(g: pd.DataFrame, condition: pd.Series, yes: str, no: str) -> pd.Series:
    return pd.Series(yes, index=g.index, dtype="object").where(condition, no)


CLUSTER = "AWS::ElastiCache::CacheCluster"
CLUSTERS = "elasticache.clusters"


def live_clusters(inv: Inventory) -> pd.DataFrame:
    c = inv[CLUSTERS]
    return c[~c["status"].isin(GONE).fillna(False)]


def cache_clusters(c: pd.DataFrame, failed: pd.Series, detail: pd.Series) -> pd.DataFrame:
    return evaluate(c, failed, c["cache_cluster_id"], detail, c["arn"])
