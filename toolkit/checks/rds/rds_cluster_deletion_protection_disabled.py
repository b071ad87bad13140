from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, rds_clusters, yes_no

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="RDS DB cluster has no deletion protection",
    severity="low",
    service="rds",
    resource_type=CLUSTER,
    tables=["rds.db_clusters"],
    description="Deletion protection is off on the DB cluster.",
    risk="A mistaken or malicious delete-db-cluster removes the database at once.",
    remediation="Turn on deletion protection on the cluster.",
    remediation_cli="aws rds modify-db-cluster --region {region} --db-cluster-identifier "
    "{resource_id} --deletion-protection --apply-immediately",
)
def rds_cluster_deletion_protection_disabled(inv: Inventory) -> pd.DataFrame:
    c = inv["rds.db_clusters"]
    protected = c["deletion_protection"].fillna(False)
    return rds_clusters(inv, ~protected, yes_no(protected, "protected", "not protected"))
