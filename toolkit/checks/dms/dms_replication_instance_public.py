from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import REPLICATION_INSTANCE, dms_instances, flag

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="DMS replication instance is publicly accessible",
    severity="critical",
    service="dms",
    resource_type=REPLICATION_INSTANCE,
    tables=["dms.replication_instances"],
    description="The replication instance is publicly accessible (PubliclyAccessible), as FSBP "
    "DMS.1 evaluates it (AWS Config rule dms-replication-not-public; no parameters).",
    risk="A public replication instance has an internet address next to the credentials of "
    "both the source and the target databases it copies between.",
    remediation="Replication instances cannot be made private in place: create a private one "
    "(--no-publicly-accessible) in the same VPC, move the tasks to it and delete this one.",
    remediation_cli="aws dms create-replication-instance --region {region} "
    "--replication-instance-identifier {resource_id}-private --replication-instance-class "
    "INSTANCE_CLASS --no-publicly-accessible",
)
def dms_replication_instance_public(inv: Inventory) -> pd.DataFrame:
    i = inv["dms.replication_instances"]
    public = flag(i, "publicly_accessible")
    detail = pd.Series("not publicly accessible", index=i.index).where(
        ~public, "publicly accessible from the internet"
    )
    return dms_instances(i, public, detail)
