"""What the EKS checks share: the resource type, the clusters worth judging, one row per
cluster, and the oldest Kubernetes version FSBP EKS.2 accepts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

CLUSTER = "AWS::EKS::Cluster"
#: Cluster states with nothing left to protect.
GONE = ("DELETING",)
#: FSBP EKS.2's oldestVersionSupported parameter (AWS Config rule eks-cluster-supported-version):
#: AWS raises it as Kubernetes versions leave EKS standard support. Update it with AWS's.
OLDEST_VERSION_SUPPORTED = "1.33"


def live_clusters(inv: Inventory) -> pd.DataFrame:
    c = inv["eks.clusters"]
    return c[~c["status"].isin(GONE).fillna(False)]


def eks_clusters(c: pd.DataFrame, failed: pd.Series, detail: pd.Series) -> pd.DataFrame:
    return evaluate(c, failed, c["cluster_name"], detail, c["arn"])


def version_key(version: object) -> tuple[int, ...] | None:
    """``"1.29"`` as ``(1, 29)`` so that 1.9 sorts before 1.29; None when unreadable."""
    try:
        return tuple(int(part) for part in str(version).split("."))
    except ValueError:
        return None
