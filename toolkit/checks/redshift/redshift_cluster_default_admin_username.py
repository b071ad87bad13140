from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, live_clusters, redshift_clusters

if TYPE_CHECKING:
    from ...inventory import Inventory

#: The console's default admin user name, which FSBP Redshift.8 fails.
DEFAULT_ADMIN = "awsuser"


@check(
    title="Redshift cluster uses the default admin user name",
    severity="medium",
    service="redshift",
    resource_type=CLUSTER,
    tables=["redshift.clusters"],
    description=f"The cluster's admin user is named {DEFAULT_ADMIN}, as FSBP Redshift.8 "
    "evaluates it (AWS Config rule redshift-default-admin-check; it has no parameters).",
    risk="An attacker who reaches the endpoint needs to guess only the password: the admin "
    "user's name is public knowledge.",
    remediation="The admin user name cannot be changed after creation (a restored snapshot "
    "keeps it): create a new cluster with another admin user name, move the data (UNLOAD and "
    "COPY, or a datashare) and retire this cluster.",
    remediation_cli="aws redshift create-cluster --region {region} --cluster-identifier "
    "NEW_CLUSTER --node-type NODE_TYPE --master-username NEW_ADMIN_NAME --manage-master-password",
)
def redshift_cluster_default_admin_username(inv: Inventory) -> pd.DataFrame:
    c = live_clusters(inv)
    admin = c["master_username"].astype("string")
    default = (admin == DEFAULT_ADMIN).fillna(False).astype(bool)
    detail = pd.Series(
        ("admin user " + admin).fillna("admin user not reported"), index=c.index, dtype="object"
    )
    detail = detail.where(~default, detail + " is the default")
    return redshift_clusters(c, default, detail)
