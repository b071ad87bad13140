from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, live_clusters, redshift_clusters

if TYPE_CHECKING:
    from ...inventory import Inventory

#: Automated snapshots kept fewer days than this fail (FSBP Redshift.3's MinRetentionPeriod).
MIN_RETENTION_DAYS = 7


@check(
    title="Redshift cluster keeps automated snapshots too briefly",
    severity="medium",
    service="redshift",
    resource_type=CLUSTER,
    tables=["redshift.clusters"],
    description="Automated snapshots are off (retention 0) or kept fewer than "
    f"{MIN_RETENTION_DAYS} days, as FSBP Redshift.3 evaluates it (AWS Config rule "
    f"redshift-backup-enabled with MinRetentionPeriod = {MIN_RETENTION_DAYS}).",
    risk="Data lost, corrupted or encrypted by ransomware more than a few days ago (or at all, "
    "with automated snapshots off) cannot be restored from an automated snapshot.",
    remediation=f"Keep automated snapshots at least {MIN_RETENTION_DAYS} days (up to 35).",
    remediation_cli="aws redshift modify-cluster --region {region} --cluster-identifier "
    f"{{resource_id}} --automated-snapshot-retention-period {MIN_RETENTION_DAYS}",
)
def redshift_cluster_automated_snapshots_too_short(inv: Inventory) -> pd.DataFrame:
    c = live_clusters(inv)
    days = c["automated_snapshot_retention_period"].astype("Int64").fillna(0)
    kept = days >= MIN_RETENTION_DAYS
    text = days.astype("string")
    detail = pd.Series(
        ("automated snapshots kept " + text + " day(s)").where(
            days > 0, "automated snapshots disabled (retention 0)"
        ),
        index=c.index,
    )
    detail = detail.where(kept, detail + f", fewer than {MIN_RETENTION_DAYS}")
    return redshift_clusters(c, ~kept.astype(bool), detail)
