from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import INSTANCE, rds_instances, standalone, yes_no

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="RDS DB instance is not Multi-AZ",
    severity="low",
    service="rds",
    resource_type=INSTANCE,
    tables=["rds.db_instances"],
    description="A DB instance outside a DB cluster runs without a standby in another "
    "availability zone.",
    risk="An availability zone outage or a host failure takes the database down until it is "
    "restored.",
    remediation="Convert the instance to a Multi-AZ deployment (where the workload warrants it).",
    remediation_cli="aws rds modify-db-instance --region {region} --db-instance-identifier "
    "{resource_id} --multi-az --apply-immediately",
)
def rds_instance_multi_az_disabled(inv: Inventory) -> pd.DataFrame:
    i = standalone(inv)
    multi_az = i["multi_az"].fillna(False)
    return rds_instances(i, ~multi_az, yes_no(multi_az, "Multi-AZ", "single-AZ"))
