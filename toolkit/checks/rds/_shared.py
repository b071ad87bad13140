"""What the RDS checks share: resource types and the one-row-per-resource helpers."""

from __future__ import annotations

import pandas as pd

from ...inventory import Inventory
from ..base import evaluate

INSTANCE = "AWS::RDS::DBInstance"
CLUSTER = "AWS::RDS::DBCluster"
SNAPSHOT = "AWS::RDS::DBSnapshot"


def rds_instances(i: pd.DataFrame, failed, detail) -> pd.DataFrame:
    return evaluate(i, failed, i["db_instance_identifier"], detail, i["arn"])


def standalone(inv: Inventory) -> pd.DataFrame:
    """DB instances outside a DB cluster: those that carry their own protection and backups."""
    i = inv["rds.db_instances"]
    return i[i["db_cluster_identifier"].isna()]


def rds_clusters(inv: Inventory, failed, detail) -> pd.DataFrame:
    c = inv["rds.db_clusters"]
    return evaluate(c, failed, c["db_cluster_identifier"], detail, c["arn"])


def rds_snapshots(inv: Inventory, failed, detail) -> pd.DataFrame:
    s = inv["rds.db_snapshots"]
    return evaluate(s, failed, s["snapshot_identifier"], detail, s["arn"])


def yes_no(flag: pd.Series, yes: str, no: str) -> pd.Series:
    return flag.fillna(False).astype(bool).map({True: yes, False: no})
