from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, either, flag, live_clusters, redshift_clusters

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Redshift cluster is publicly accessible",
    severity="critical",
    service="redshift",
    resource_type=CLUSTER,
    tables=["redshift.clusters"],
    description="The cluster's PubliclyAccessible setting is true, as FSBP Redshift.1 evaluates "
    "it (AWS Config rule redshift-cluster-public-access-check; it has no parameters).",
    risk="Its endpoint resolves to a public IP address: anyone on the internet whom its "
    "security groups let through can try the admin password against the database.",
    remediation="Turn off public access and reach the cluster from inside the VPC (a VPN, a "
    "bastion or Redshift-managed VPC endpoints).",
    remediation_cli="aws redshift modify-cluster --region {region} --cluster-identifier "
    "{resource_id} --no-publicly-accessible",
)
def redshift_cluster_publicly_accessible(inv: Inventory) -> pd.DataFrame:
    c = live_clusters(inv)
    public = flag(c, "publicly_accessible")
    detail = either(
        c,
        public,
        "publicly accessible: its endpoint resolves to a public IP address",
        "not publicly accessible",
    )
    return redshift_clusters(c, public, detail)
