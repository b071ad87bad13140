from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import SNAPSHOT, flag, neptune_snapshots, yes_no

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Neptune DB cluster snapshot is not encrypted",
    severity="medium",
    service="neptune",
    resource_type=SNAPSHOT,
    tables=["neptune.cluster_snapshots"],
    description="A Neptune DB cluster snapshot, manual or automated, is not encrypted at rest "
    "(FSBP Neptune.6).",
    risk="The graph's data in the snapshot is readable outside the reach of KMS key policies, "
    "and so is every cluster restored from it.",
    remediation="A snapshot's encryption cannot be changed: restore it to a new cluster "
    "encrypted with a KMS key, snapshot that cluster, and delete the unencrypted snapshot; "
    "encrypt the source cluster so that its next snapshots are.",
    remediation_cli="aws neptune restore-db-cluster-from-snapshot --region {region} "
    "--snapshot-identifier {resource_id} --db-cluster-identifier RESTORED-CLUSTER "
    "--engine neptune --kms-key-id alias/aws/rds",
)
def neptune_cluster_snapshot_unencrypted(inv: Inventory) -> pd.DataFrame:
    s = inv["neptune.cluster_snapshots"]
    encrypted = flag(s, "encrypted")
    return neptune_snapshots(s, ~encrypted, yes_no(encrypted, "encrypted", "not encrypted"))
