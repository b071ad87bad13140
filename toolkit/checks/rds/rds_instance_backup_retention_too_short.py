from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import INSTANCE, rds_instances, standalone

if TYPE_CHECKING:
    from ...inventory import Inventory

#: Automated backups kept fewer days than this fail rds_instance_backup_retention_too_short
#: (the AWS FSBP RDS.11 default).
MIN_BACKUP_RETENTION_DAYS = 7


@check(
    title="RDS DB instance keeps automated backups too briefly",
    severity="low",
    service="rds",
    resource_type=INSTANCE,
    tables=["rds.db_instances"],
    description=f"Automated backups are off or kept fewer than {MIN_BACKUP_RETENTION_DAYS} days "
    "on a DB instance outside a DB cluster.",
    risk="Data lost or corrupted more than a few days ago (or at all, with backups off) cannot "
    "be restored to a point in time.",
    remediation=f"Set the backup retention period to at least {MIN_BACKUP_RETENTION_DAYS} days.",
    remediation_cli="aws rds modify-db-instance --region {region} --db-instance-identifier "
    f"{{resource_id}} --backup-retention-period {MIN_BACKUP_RETENTION_DAYS} --apply-immediately",
)
def rds_instance_backup_retention_too_short(inv: Inventory) -> pd.DataFrame:
    i = standalone(inv)
    days = i["backup_retention_days"].fillna(0)
    return rds_instances(
        i, days < MIN_BACKUP_RETENTION_DAYS, "backup retention " + days.astype(str) + " days"
    )
