from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, rds_clusters, yes_no

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="RDS DB cluster has no IAM database authentication",
    severity="medium",
    service="rds",
    resource_type=CLUSTER,
    tables=["rds.db_clusters"],
    description="IAM database authentication is off on the DB cluster (FSBP RDS.12).",
    risk="Only long-lived database passwords authenticate: they are shared, stored in "
    "applications and not revoked when a person leaves.",
    remediation="Turn on IAM database authentication and grant rds-db:connect to the roles "
    "that connect.",
    remediation_cli="aws rds modify-db-cluster --region {region} --db-cluster-identifier "
    "{resource_id} --enable-iam-database-authentication --apply-immediately",
)
def rds_cluster_iam_auth_disabled(inv: Inventory) -> pd.DataFrame:
    c = inv["rds.db_clusters"]
    enabled = c["iam_auth_enabled"].fillna(False).astype(bool)
    return rds_clusters(
        inv, ~enabled, yes_no(enabled, "IAM authentication on", "IAM authentication off")
    )
