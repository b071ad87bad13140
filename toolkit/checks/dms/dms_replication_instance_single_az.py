from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import REPLICATION_INSTANCE, dms_instances, flag

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="DMS replication instance runs in a single Availability Zone",
    severity="medium",
    service="dms",
    resource_type=REPLICATION_INSTANCE,
    tables=["dms.replication_instances"],
    description="The replication instance is not Multi-AZ (MultiAZ false), as FSBP DMS.13 "
    "evaluates it (AWS Config rule dms-replication-instance-multi-az-enabled; no parameters).",
    risk="When its Availability Zone or host fails, replication stops until the instance is "
    "replaced; with a standby in a second zone, DMS fails over on its own.",
    remediation="Make the instance Multi-AZ (a standby replica in another Availability Zone).",
    remediation_cli="aws dms modify-replication-instance --region {region} "
    "--replication-instance-arn {resource_arn} --multi-az --apply-immediately",
)
def dms_replication_instance_single_az(inv: Inventory) -> pd.DataFrame:
    i = inv["dms.replication_instances"]
    multi_az = flag(i, "multi_az")
    detail = pd.Series("Multi-AZ", index=i.index).where(
        multi_az, "single Availability Zone: no standby"
    )
    return dms_instances(i, ~multi_az, detail)
