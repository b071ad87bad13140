from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import SNAPSHOT, flag, neptune_snapshots, yes_no

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Neptune DB cluster snapshot is public",
    severity="critical",
    service="neptune",
    resource_type=SNAPSHOT,
    tables=["neptune.cluster_snapshots"],
    description="A manual Neptune DB cluster snapshot may be restored by any AWS account: its "
    "restore attribute includes all (FSBP Neptune.3).",
    risk="Anyone can copy the graph's data into their own account.",
    remediation="Remove all from the snapshot's restore attribute; share with named accounts only.",
    remediation_cli="aws neptune modify-db-cluster-snapshot-attribute --region {region} "
    "--db-cluster-snapshot-identifier {resource_id} --attribute-name restore "
    "--values-to-remove all",
)
def neptune_cluster_snapshot_public(inv: Inventory) -> pd.DataFrame:
    s = inv["neptune.cluster_snapshots"]
    s = s[s["snapshot_type"] == "manual"]
    public = flag(s, "public")
    return neptune_snapshots(s, public, yes_no(public, "public", "private"))
