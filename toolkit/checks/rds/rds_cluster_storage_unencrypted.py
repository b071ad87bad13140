from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, rds_clusters, yes_no

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="RDS DB cluster storage is not encrypted",
    severity="high",
    service="rds",
    resource_type=CLUSTER,
    tables=["rds.db_clusters"],
    description="The DB cluster's storage (and its snapshots) is not encrypted at rest.",
    risk="Anyone who obtains the storage or a snapshot reads the data in clear.",
    remediation="Snapshot the cluster, restore a new cluster from the snapshot with a KMS key "
    "and switch over (encryption cannot be turned on in place).",
    remediation_cli="aws rds restore-db-cluster-from-snapshot --region {region} "
    "--db-cluster-identifier {resource_id}-encrypted --snapshot-identifier SNAPSHOT_ID "
    "--engine ENGINE --kms-key-id KMS_KEY_ID",
)
def rds_cluster_storage_unencrypted(inv: Inventory) -> pd.DataFrame:
    c = inv["rds.db_clusters"]
    encrypted = c["storage_encrypted"].fillna(False)
    detail = yes_no(encrypted, "encrypted with ", "not encrypted") + c["kms_key_id"].fillna("")
    return rds_clusters(inv, ~encrypted, detail)
