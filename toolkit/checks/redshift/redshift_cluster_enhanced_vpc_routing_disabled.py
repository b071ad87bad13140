from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, either, flag, live_clusters, redshift_clusters

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Redshift cluster does not use enhanced VPC routing",
    severity="medium",
    service="redshift",
    resource_type=CLUSTER,
    tables=["redshift.clusters"],
    description="EnhancedVpcRouting is off for the cluster, as FSBP Redshift.7 evaluates it "
    "(AWS Config rule redshift-enhanced-vpc-routing-enabled; it has no parameters).",
    risk="COPY and UNLOAD traffic to S3 and other data stores leaves outside the VPC: security "
    "groups, network ACLs, VPC endpoint policies and flow logs neither limit nor record it.",
    remediation="Turn on enhanced VPC routing, with an S3 gateway endpoint or a NAT route for "
    "the data stores the cluster loads from and unloads to.",
    remediation_cli="aws redshift modify-cluster --region {region} --cluster-identifier "
    "{resource_id} --enhanced-vpc-routing",
)
def redshift_cluster_enhanced_vpc_routing_disabled(inv: Inventory) -> pd.DataFrame:
    c = live_clusters(inv)
    enhanced = flag(c, "enhanced_vpc_routing")
    detail = either(
        c,
        enhanced,
        "enhanced VPC routing enabled",
        "enhanced VPC routing disabled: COPY and UNLOAD traffic bypasses the VPC",
    )
    return redshift_clusters(c, ~enhanced, detail)
