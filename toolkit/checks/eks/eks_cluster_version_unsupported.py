from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, each
from ._shared import (
    CLUSTER,
    OLDEST_VERSION_SUPPORTED,
    eks_clusters,
    live_clusters,
    version_key,
)

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="EKS cluster does not run on a supported Kubernetes version",
    severity="high",
    service="eks",
    resource_type=CLUSTER,
    tables=["eks.clusters"],
    description="The cluster's Kubernetes version is older than the oldest version EKS "
    "supports, as FSBP EKS.2 evaluates it (AWS Config rule eks-cluster-supported-version, "
    f"parameter oldestVersionSupported, taken here as {OLDEST_VERSION_SUPPORTED}: AWS raises "
    "it as versions leave standard support). A version that cannot be read fails.",
    risk="An unsupported version gets no security patches, and EKS upgrades it on its own "
    "schedule (or charges for extended support) when support ends.",
    remediation="Upgrade the control plane one minor version at a time to a supported version, "
    "then the node groups and add-ons.",
    remediation_cli="aws eks update-cluster-version --region {region} --name {resource_id} "
    f"--kubernetes-version {OLDEST_VERSION_SUPPORTED}",
)
def eks_cluster_version_unsupported(inv: Inventory) -> pd.DataFrame:
    c = live_clusters(inv)
    oldest = version_key(OLDEST_VERSION_SUPPORTED)
    keys = each(c["version"], version_key)
    supported = keys.map(lambda key: key is not None and key >= oldest).astype(bool)
    version = c["version"].astype("string").fillna("unknown")
    detail = pd.Series(
        ("Kubernetes " + version + f", not older than {OLDEST_VERSION_SUPPORTED}").where(
            supported, "Kubernetes " + version + f", older than {OLDEST_VERSION_SUPPORTED}"
        ),
        index=c.index,
    )
    return eks_clusters(c, ~supported, detail)
