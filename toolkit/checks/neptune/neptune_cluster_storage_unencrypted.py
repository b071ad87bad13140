from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, flag, neptune_clusters, yes_no

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Neptune DB cluster is not encrypted at rest",
    severity="medium",
    service="neptune",
    resource_type=CLUSTER,
    tables=["neptune.clusters"],
    description="The Neptune DB cluster's storage is not encrypted at rest (FSBP Neptune.1).",
    risk="The graph's data, its backups and snapshots are readable by whoever gets the "
    "storage, outside the reach of KMS key policies.",
    remediation="Encryption is chosen when a cluster is made: restore a snapshot to a new, "
    "encrypted cluster (with a KMS key) and move the clients to it.",
    remediation_cli="aws neptune restore-db-cluster-from-snapshot --region {region} "
    "--db-cluster-identifier {resource_id}-encrypted --snapshot-identifier SNAPSHOT "
    "--engine neptune --kms-key-id alias/aws/rds",
)
def neptune_cluster_storage_unencrypted(inv: Inventory) -> pd.DataFrame:
    encrypted = flag(inv["neptune.clusters"], "storage_encrypted")
    return neptune_clusters(inv, ~encrypted, yes_no(encrypted, "encrypted", "not encrypted"))
