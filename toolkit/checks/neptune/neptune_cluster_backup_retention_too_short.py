from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, neptune_clusters

if TYPE_CHECKING:
    from ...inventory import Inventory

#: FSBP Neptune.5's minimumBackupRetentionPeriod default.
MIN_BACKUP_RETENTION_DAYS = 7


@check(
    title="Neptune DB cluster keeps automated backups too briefly",
    severity="medium",
    service="neptune",
    resource_type=CLUSTER,
    tables=["neptune.clusters"],
    description="The Neptune DB cluster keeps automated backups fewer than "
    f"{MIN_BACKUP_RETENTION_DAYS} days (FSBP Neptune.5, minimumBackupRetentionPeriod "
    f"{MIN_BACKUP_RETENTION_DAYS}).",
    risk="Data lost or corrupted more than a few days ago cannot be restored to a point in time.",
    remediation=f"Set the backup retention period to at least {MIN_BACKUP_RETENTION_DAYS} days.",
    remediation_cli="aws neptune modify-db-cluster --region {region} --db-cluster-identifier "
    f"{{resource_id}} --backup-retention-period {MIN_BACKUP_RETENTION_DAYS} --apply-immediately",
)
def neptune_cluster_backup_retention_too_short(inv: Inventory) -> pd.DataFrame:
    days = inv["neptune.clusters"]["backup_retention_days"].fillna(0)
    return neptune_clusters(
        inv, days < MIN_BACKUP_RETENTION_DAYS, "backup retention " + days.astype(str) + " days"
    )
