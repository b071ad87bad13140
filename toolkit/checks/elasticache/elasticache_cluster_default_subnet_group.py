from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, CLUSTERS, cache_clusters, live_clusters

if TYPE_CHECKING:
    from ...inventory import Inventory

#: The subnet group AWS makes over the default VPC, which FSBP ElastiCache.7 fails.
DEFAULT_GROUP = "default"


@check(
    title="ElastiCache cluster uses the default subnet group",
    severity="high",
    service="elasticache",
    resource_type=CLUSTER,
    tables=[CLUSTERS],
    description=f"The cache cluster's CacheSubnetGroupName is {DEFAULT_GROUP}, as FSBP "
    "ElastiCache.7 evaluates it (AWS Config rule elasticache-subnet-group-check; it has no "
    "parameters).",
    risk="The default subnet group spans the default VPC's subnets, which are public by "
    "default: the cache inherits routing and network ACLs nobody chose for it.",
    remediation="Create a cache subnet group over private subnets chosen for the cache, and "
    "move the cluster to it (a new cluster from a backup).",
    remediation_cli="aws elasticache create-cache-subnet-group --region {region} "
    "--cache-subnet-group-name CACHE_SUBNETS --cache-subnet-group-description "
    "PRIVATE_CACHE_SUBNETS --subnet-ids SUBNET_ID",
)
def elasticache_cluster_default_subnet_group(inv: Inventory) -> pd.DataFrame:
    c = live_clusters(inv)
    group = c["cache_subnet_group_name"].astype("string")
    default = (group == DEFAULT_GROUP).fillna(False).astype(bool)
    named = ("subnet group " + group).fillna("no subnet group reported")
    detail = pd.Series(named.where(~default, named + " (the default VPC's)"), index=c.index)
    return cache_clusters(c, default, detail)
