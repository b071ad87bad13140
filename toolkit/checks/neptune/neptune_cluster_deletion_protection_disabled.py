from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, flag, neptune_clusters, yes_no

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Neptune DB cluster has no deletion protection",
    severity="low",
    service="neptune",
    resource_type=CLUSTER,
    tables=["neptune.clusters"],
    description="Deletion protection is off on the Neptune DB cluster (FSBP Neptune.4).",
    risk="A mistaken or malicious delete-db-cluster removes the graph at once.",
    remediation="Turn on deletion protection on the cluster.",
    remediation_cli="aws neptune modify-db-cluster --region {region} --db-cluster-identifier "
    "{resource_id} --deletion-protection --apply-immediately",
)
def neptune_cluster_deletion_protection_disabled(inv: Inventory) -> pd.DataFrame:
    protected = flag(inv["neptune.clusters"], "deletion_protection")
    return neptune_clusters(inv, ~protected, yes_no(protected, "protected", "not protected"))
