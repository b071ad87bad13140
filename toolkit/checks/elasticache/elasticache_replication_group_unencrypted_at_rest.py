from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import REPLICATION_GROUP, TABLE, flag, live_groups, replication_groups

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="ElastiCache replication group is not encrypted at rest",
    severity="medium",
    service="elasticache",
    resource_type=REPLICATION_GROUP,
    tables=[TABLE],
    description="Encryption at rest is not enabled for the replication group, as FSBP "
    "ElastiCache.4 evaluates it (AWS Config rule elasticache-repl-grp-encrypted-at-rest; it "
    "has no parameters).",
    risk="Data the nodes write to disk (swap, backups in S3, snapshots) is stored unencrypted: "
    "whoever gets a copy of a backup reads the cache's contents.",
    remediation="Create an encrypted replication group from a backup of this one and switch "
    "clients to it (encryption at rest is chosen at creation).",
    remediation_cli="aws elasticache create-replication-group --region {region} "
    "--replication-group-id NEW_GROUP --replication-group-description ENCRYPTED "
    "--snapshot-name BACKUP_OF_{resource_id} --at-rest-encryption-enabled",
)
def elasticache_replication_group_unencrypted_at_rest(inv: Inventory) -> pd.DataFrame:
    g = live_groups(inv)
    encrypted = flag(g, "at_rest_encryption_enabled")
    key = g["kms_key_id"].astype("string")
    detail = pd.Series(
        ("encrypted at rest with " + key)
        .fillna("encrypted at rest with ElastiCache's default key")
        .where(encrypted, "not encrypted at rest"),
        index=g.index,
    )
    return replication_groups(g, ~encrypted, detail)
