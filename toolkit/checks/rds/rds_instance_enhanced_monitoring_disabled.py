from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import INSTANCE, rds_instances

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="RDS DB instance has no Enhanced Monitoring",
    severity="low",
    service="rds",
    resource_type=INSTANCE,
    tables=["rds.db_instances"],
    description="Enhanced Monitoring is off on the DB instance (its monitoring interval is 0). "
    "FSBP RDS.6 with no monitoringInterval parameter: any interval passes.",
    risk="Without operating-system metrics (processes, memory, I/O) a resource exhaustion or a "
    "runaway process on the database host is seen late or not at all.",
    remediation="Turn on Enhanced Monitoring with an interval (1 to 60 seconds) and a "
    "monitoring role.",
    remediation_cli="aws rds modify-db-instance --region {region} --db-instance-identifier "
    "{resource_id} --monitoring-interval 60 --monitoring-role-arn "
    "arn:aws:iam::{account_id}:role/rds-monitoring-role --apply-immediately",
)
def rds_instance_enhanced_monitoring_disabled(inv: Inventory) -> pd.DataFrame:
    i = inv["rds.db_instances"]
    interval = i["monitoring_interval"].fillna(0)
    detail = pd.Series(
        [
            f"Enhanced Monitoring every {int(s)} s" if s > 0 else "Enhanced Monitoring off"
            for s in interval
        ],
        index=i.index,
        dtype=object,
    )
    return rds_instances(i, interval <= 0, detail)
