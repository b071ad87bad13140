from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, CLUSTERS, cache_clusters, live_clusters

if TYPE_CHECKING:
    from ...inventory import Inventory

#: Automatic backups kept fewer days than this fail (FSBP ElastiCache.1's
#: snapshotRetentionPeriod).
MIN_RETENTION_DAYS = 1
#: Engines with automatic backups (Memcached has none and is not judged).
BACKED_UP_ENGINES = ("redis", "valkey")


@check(
    title="ElastiCache (Redis OSS) cluster does not have automatic backups enabled",
    severity="high",
    service="elasticache",
    resource_type=CLUSTER,
    tables=[CLUSTERS],
    description="A Redis OSS or Valkey cache cluster keeps automatic backups fewer than "
    f"{MIN_RETENTION_DAYS} day (SnapshotRetentionLimit 0: off), as FSBP ElastiCache.1 "
    "evaluates it (AWS Config rule elasticache-redis-cluster-automatic-backup-check with "
    f"snapshotRetentionPeriod = {MIN_RETENTION_DAYS}). Memcached clusters are not judged.",
    risk="Data lost with a node, deleted by mistake or corrupted cannot be restored: no "
    "backup of the cache exists.",
    remediation="Turn on automatic backups (a retention of at least one day) in a window of "
    "low traffic.",
    remediation_cli="aws elasticache modify-cache-cluster --region {region} "
    "--cache-cluster-id {resource_id} --snapshot-retention-limit 7 --apply-immediately",
)
def elasticache_cluster_automatic_backups_disabled(inv: Inventory) -> pd.DataFrame:
    c = live_clusters(inv)
    c = c[c["engine"].isin(BACKED_UP_ENGINES).fillna(False)]
    days = c["snapshot_retention_limit"].astype("Int64").fillna(0)
    kept = (days >= MIN_RETENTION_DAYS).astype(bool)
    detail = pd.Series(
        ("automatic backups kept " + days.astype("string") + " day(s)").where(
            kept, "automatic backups disabled (retention 0)"
        ),
        index=c.index,
    )
    return cache_clusters(c, ~kept, detail)
