from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, rds_clusters

if TYPE_CHECKING:
    from ...inventory import Inventory

#: FSBP RDS.50's minimumBackupRetentionPeriod default.
MIN_BACKUP_RETENTION_DAYS = 7


@check(
    title="RDS DB cluster keeps automated backups too briefly",
    severity="medium",
    service="rds",
    resource_type=CLUSTER,
    tables=["rds.db_clusters"],
    description=f"The DB cluster keeps automated backups fewer than {MIN_BACKUP_RETENTION_DAYS} "
    f"days (FSBP RDS.50, minimumBackupRetentionPeriod {MIN_BACKUP_RETENTION_DAYS}).",
    risk="Data lost or corrupted more than a few days ago cannot be restored to a point in time.",
    remediation=f"Set the backup retention period to at least {MIN_BACKUP_RETENTION_DAYS} days.",
    remediation_cli="aws rds modify-db-cluster --region {region} --db-cluster-identifier "
    f"{{resource_id}} --backup-retention-period {MIN_BACKUP_RETENTION_DAYS} --apply-immediately",
)
def rds_cluster_backup_retention_too_short(inv: Inventory) -> pd.DataFrame:
    c = inv["rds.db_clusters"]
    days = c["backup_retention_days"].fillna(0)
    return rds_clusters(
        inv, days < MIN_BACKUP_RETENTION_DAYS, "backup retention " + days.astype(str) + " days"
    )
