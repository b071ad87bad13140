from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, ecs_clusters

if TYPE_CHECKING:
    from ...inventory import Inventory

#: Settings under which Container Insights collects the cluster's metrics and logs.
ON = ("enabled", "enhanced")


@check(
    title="ECS cluster does not use Container Insights",
    severity="medium",
    service="ecs",
    resource_type=CLUSTER,
    tables=["ecs.clusters"],
    description="The cluster's containerInsights setting is not enabled (nor enhanced), as "
    "FSBP ECS.12 evaluates it (AWS Config rule ecs-container-insights-enabled; no "
    "parameters). A cluster that does not report the setting fails too.",
    risk="Container restarts, resource exhaustion and unusual activity go unseen: there are no "
    "per-task metrics or performance logs to alarm on or investigate.",
    remediation="Turn on Container Insights for the cluster (enhanced observability, or enabled).",
    remediation_cli="aws ecs update-cluster-settings --region {region} --cluster {resource_id} "
    "--settings name=containerInsights,value=enhanced",
)
def ecs_cluster_container_insights_disabled(inv: Inventory) -> pd.DataFrame:
    c = inv["ecs.clusters"]
    setting = c["container_insights"].astype("string")
    on = setting.isin(ON).fillna(False).astype(bool)
    detail = pd.Series(
        ("Container Insights " + setting).fillna("Container Insights setting not reported"),
        index=c.index,
    )
    return ecs_clusters(c, ~on, detail)
