from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import CLUSTER, flag, live_clusters, redshift_clusters

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Redshift cluster is not encrypted at rest",
    severity="medium",
    service="redshift",
    resource_type=CLUSTER,
    tables=["redshift.clusters"],
    description="The cluster is not encrypted at rest, as FSBP Redshift.10 evaluates it (AWS "
    "Config rule redshift-cluster-kms-enabled; FSBP sets no kmsKeyArns, so any KMS key passes).",
    risk="Its data blocks, backups and snapshots are stored unencrypted: a copied snapshot or "
    "disk shows the data to whoever holds it, and no KMS key policy stands in the way.",
    remediation="Encrypt the cluster with a KMS key (modify-cluster --encrypted migrates it; "
    "plan for the time the migration takes).",
    remediation_cli="aws redshift modify-cluster --region {region} --cluster-identifier "
    "{resource_id} --encrypted --kms-key-id KMS_KEY_ARN",
)
def redshift_cluster_unencrypted(inv: Inventory) -> pd.DataFrame:
    c = live_clusters(inv)
    encrypted = flag(c, "encrypted")
    key = c["kms_key_id"].astype("string")
    detail = pd.Series(
        ("encrypted at rest with " + key)
        .fillna("encrypted at rest")
        .where(encrypted, "not encrypted at rest"),
        index=c.index,
    )
    return redshift_clusters(c, ~encrypted, detail)
