from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, either, live_clusters, redshift_clusters

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Redshift cluster does not allow automatic major version upgrades",
    severity="medium",
    service="redshift",
    resource_type=CLUSTER,
    tables=["redshift.clusters"],
    description="AllowVersionUpgrade is false for the cluster, as FSBP Redshift.6 evaluates it "
    "(AWS Config rule redshift-cluster-maintenancesettings-check with allowVersionUpgrade = "
    "true).",
    risk="The engine stays on its major version past the security fixes of later ones, until "
    "someone upgrades it by hand.",
    remediation="Allow major version upgrades in the cluster's maintenance window.",
    remediation_cli="aws redshift modify-cluster --region {region} --cluster-identifier "
    "{resource_id} --allow-version-upgrade",
)
def redshift_cluster_version_upgrade_disabled(inv: Inventory) -> pd.DataFrame:
    c = live_clusters(inv)
    # AWS's default is true: only an explicit false fails.
    allowed = c["allow_version_upgrade"].astype("boolean").fillna(True).astype(bool)
    detail = either(
        c,
        allowed,
        "major version upgrades allowed in the maintenance window",
        "major version upgrades not allowed",
    )
    return redshift_clusters(c, ~allowed, detail)
