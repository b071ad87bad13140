from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, DEFAULT_ADMIN_USERNAMES, rds_clusters

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="RDS DB cluster uses the default administrator name",
    severity="medium",
    service="rds",
    resource_type=CLUSTER,
    tables=["rds.db_clusters"],
    description="The administrator of the DB cluster is named admin or postgres, the defaults "
    "(FSBP RDS.24).",
    risk="A guessable administrator name leaves only the password between an attacker and "
    "full control of the database.",
    remediation="The administrator's name cannot be changed (a restored snapshot keeps it): "
    "make a new cluster with a custom administrator name and move the data to it.",
    remediation_cli="aws rds describe-db-clusters --region {region} --db-cluster-identifier "
    "{resource_id} --query 'DBClusters[0].MasterUsername'",
)
def rds_cluster_default_admin_username(inv: Inventory) -> pd.DataFrame:
    c = inv["rds.db_clusters"]
    name = c["master_username"].fillna("")
    failed = name.str.lower().isin(DEFAULT_ADMIN_USERNAMES)
    detail = "administrator " + name + failed.map({True: " (a default)", False: ""})
    return rds_clusters(inv, failed, detail)
