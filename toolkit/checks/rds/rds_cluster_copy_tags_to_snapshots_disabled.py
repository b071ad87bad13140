from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate
from ._shared import CLUSTER, yes_no

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Aurora DB cluster does not copy its tags to snapshots",
    severity="low",
    service="rds",
    resource_type=CLUSTER,
    tables=["rds.db_clusters"],
    description="An Aurora DB cluster (engine aurora, aurora-mysql or aurora-postgresql) does "
    "not copy its tags to its snapshots (FSBP RDS.16).",
    risk="Snapshots lose the tags that say whose data they hold and how it is classified, so "
    "tag-based access policies and inventories miss them.",
    remediation="Turn on copying tags to snapshots.",
    remediation_cli="aws rds modify-db-cluster --region {region} --db-cluster-identifier "
    "{resource_id} --copy-tags-to-snapshot --apply-immediately",
)
def rds_cluster_copy_tags_to_snapshots_disabled(inv: Inventory) -> pd.DataFrame:
    c = inv["rds.db_clusters"]
    c = c[c["engine"].fillna("").str.startswith("aurora")]
    copies = c["copy_tags_to_snapshot"].fillna(False).astype(bool)
    detail = yes_no(copies, "copies tags", "does not copy tags")
    return evaluate(c, ~copies, c["db_cluster_identifier"], detail, c["arn"])
