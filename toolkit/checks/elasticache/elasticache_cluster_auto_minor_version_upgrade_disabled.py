from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, CLUSTERS, cache_clusters, either, live_clusters

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="ElastiCache cluster does not apply minor version upgrades automatically",
    severity="high",
    service="elasticache",
    resource_type=CLUSTER,
    tables=[CLUSTERS],
    description="AutoMinorVersionUpgrade is off for the cache cluster, as FSBP ElastiCache.2 "
    "evaluates it (AWS Config rule elasticache-auto-minor-version-upgrade-check; it has no "
    "parameters). A cluster whose setting AWS did not report fails too.",
    risk="Security fixes in new minor engine versions are not applied until someone upgrades "
    "the cluster by hand.",
    remediation="Turn on automatic minor version upgrades.",
    remediation_cli="aws elasticache modify-cache-cluster --region {region} "
    "--cache-cluster-id {resource_id} --auto-minor-version-upgrade --apply-immediately",
)
def elasticache_cluster_auto_minor_version_upgrade_disabled(inv: Inventory) -> pd.DataFrame:
    c = live_clusters(inv)
    on = c["auto_minor_version_upgrade"].astype("boolean").fillna(False).astype(bool)
    detail = either(
        c,
        on,
        "minor version upgrades applied automatically",
        "minor version upgrades not applied automatically",
    )
    return cache_clusters(c, ~on, detail)
