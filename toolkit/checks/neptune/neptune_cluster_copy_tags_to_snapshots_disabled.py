from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, flag, neptune_clusters, yes_no

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Neptune DB cluster does not copy its tags to snapshots",
    severity="low",
    service="neptune",
    resource_type=CLUSTER,
    tables=["neptune.clusters"],
    description="The Neptune DB cluster does not copy its tags to its snapshots (FSBP Neptune.8).",
    risk="Snapshots lose the tags that say whose data they hold and how it is classified, so "
    "tag-based access policies and inventories miss them.",
    remediation="Turn on copying tags to snapshots.",
    remediation_cli="aws neptune modify-db-cluster --region {region} --db-cluster-identifier "
    "{resource_id} --copy-tags-to-snapshot --apply-immediately",
)
def neptune_cluster_copy_tags_to_snapshots_disabled(inv: Inventory) -> pd.DataFrame:
    copies = flag(inv["neptune.clusters"], "copy_tags_to_snapshot")
    return neptune_clusters(inv, ~copies, yes_no(copies, "copies tags", "does not copy tags"))
