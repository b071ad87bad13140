from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import INSTANCE, rds_instances, standalone, yes_no

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="RDS DB instance has no deletion protection",
    severity="low",
    service="rds",
    resource_type=INSTANCE,
    tables=["rds.db_instances"],
    description="Deletion protection is off on a DB instance outside a DB cluster (cluster "
    "members are protected by their cluster's setting).",
    risk="A mistaken or malicious delete-db-instance removes the database at once.",
    remediation="Turn on deletion protection on the instance.",
    remediation_cli="aws rds modify-db-instance --region {region} --db-instance-identifier "
    "{resource_id} --deletion-protection --apply-immediately",
)
def rds_instance_deletion_protection_disabled(inv: Inventory) -> pd.DataFrame:
    i = standalone(inv)
    protected = i["deletion_protection"].fillna(False)
    return rds_instances(i, ~protected, yes_no(protected, "protected", "not protected"))
