from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import INSTANCE, rds_instances, yes_no

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="RDS DB instance is publicly accessible",
    severity="critical",
    service="rds",
    resource_type=INSTANCE,
    tables=["rds.db_instances"],
    description="The instance is PubliclyAccessible: its endpoint resolves to a public IP "
    "address, reachable from the internet wherever its security groups allow.",
    risk="The database listens on the internet: credential guessing, engine exploits and data "
    "theft are one security group rule away.",
    remediation="Make the instance private (PubliclyAccessible false) and reach it from inside "
    "the VPC, through a bastion, VPN or RDS Proxy.",
    remediation_cli="aws rds modify-db-instance --region {region} --db-instance-identifier "
    "{resource_id} --no-publicly-accessible --apply-immediately",
)
def rds_instance_publicly_accessible(inv: Inventory) -> pd.DataFrame:
    i = inv["rds.db_instances"]
    public = i["publicly_accessible"].fillna(False)
    endpoint = i["endpoint_address"].fillna("?") + ":" + i["port"].astype("string").fillna("?")
    return rds_instances(
        i, public, yes_no(public, "public endpoint ", "private endpoint ") + endpoint
    )
