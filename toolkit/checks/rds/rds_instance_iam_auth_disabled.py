from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import INSTANCE, rds_instances, standalone, yes_no

if TYPE_CHECKING:
    from ...inventory import Inventory

#: Engines that support IAM database authentication (FSBP RDS.10 judges only these).
IAM_AUTH_ENGINES = ("mysql", "postgres", "mariadb")


@check(
    title="RDS DB instance has no IAM database authentication",
    severity="medium",
    service="rds",
    resource_type=INSTANCE,
    tables=["rds.db_instances"],
    description="IAM database authentication is off on a MySQL, PostgreSQL or MariaDB DB "
    "instance outside a cluster (FSBP RDS.10; an Aurora member's is its cluster's, RDS.12).",
    risk="Only long-lived database passwords authenticate: they are shared, stored in "
    "applications and not revoked when a person leaves.",
    remediation="Turn on IAM database authentication and grant rds-db:connect to the roles "
    "that connect.",
    remediation_cli="aws rds modify-db-instance --region {region} --db-instance-identifier "
    "{resource_id} --enable-iam-database-authentication --apply-immediately",
)
def rds_instance_iam_auth_disabled(inv: Inventory) -> pd.DataFrame:
    i = standalone(inv)
    i = i[i["engine"].isin(IAM_AUTH_ENGINES)]
    enabled = i["iam_auth_enabled"].fillna(False).astype(bool)
    return rds_instances(
        i, ~enabled, yes_no(enabled, "IAM authentication on", "IAM authentication off")
    )
