from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, eks_clusters, live_clusters

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="EKS cluster endpoint is publicly accessible",
    severity="high",
    service="eks",
    resource_type=CLUSTER,
    tables=["eks.clusters"],
    description="The cluster's Kubernetes API server endpoint is reachable from the internet, "
    "as FSBP EKS.1 evaluates it (AWS Config rule eks-endpoint-no-public-access; no "
    "parameters): public access fails whatever CIDRs it is limited to. The detail names "
    "the allowed CIDRs. A cluster whose access AWS did not report fails too.",
    risk="The cluster's control plane is exposed to the internet: anyone can probe it, and a "
    "leaked kubeconfig or token works from anywhere.",
    remediation="Turn on private endpoint access and turn off public access; reach the API "
    "from inside the VPC (a bastion, VPN or Direct Connect).",
    remediation_cli="aws eks update-cluster-config --region {region} --name {resource_id} "
    "--resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true",
)
def eks_cluster_endpoint_public(inv: Inventory) -> pd.DataFrame:
    c = live_clusters(inv)
    public = c["endpoint_public_access"].astype("boolean").fillna(True).astype(bool)
    cidrs = c["public_access_cidrs"].astype("string").fillna("[]")
    detail = pd.Series(
        ("public endpoint, open to " + cidrs).where(
            public, "public endpoint off: the API server is reachable only from the VPC"
        ),
        index=c.index,
    )
    return eks_clusters(c, public, detail)
