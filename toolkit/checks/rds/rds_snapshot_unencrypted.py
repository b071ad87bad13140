from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import SNAPSHOT, rds_snapshots, yes_no

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="RDS snapshot is not encrypted",
    severity="medium",
    service="rds",
    resource_type=SNAPSHOT,
    tables=["rds.db_snapshots"],
    description="The DB or DB cluster snapshot, manual or automated (RDS's own backups), is not "
    "encrypted at rest.",
    risk="The snapshot holds a full copy of the database in clear, and unencrypted manual "
    "snapshots can be shared with any account (or made public).",
    remediation="Copy the snapshot with a KMS key, then delete the unencrypted one. Automated "
    "snapshots are as encrypted as their database: encrypt the instance or cluster (restore an "
    "encrypted copy) and the unencrypted ones expire with the backup retention period.",
    remediation_cli="aws rds copy-db-snapshot --region {region} --source-db-snapshot-identifier "
    "{resource_id} --target-db-snapshot-identifier ENCRYPTED_COPY_NAME --kms-key-id KMS_KEY_ID",
)
def rds_snapshot_unencrypted(inv: Inventory) -> pd.DataFrame:
    s = inv["rds.db_snapshots"]
    encrypted = s["encrypted"].fillna(False)
    detail = (
        (s["snapshot_type"].fillna("") + " " + s["kind"]).str.strip()
        + " snapshot of "
        + s["db_instance_identifier"].fillna(s["db_cluster_identifier"]).fillna("?")
        + yes_no(encrypted, ", encrypted", ", not encrypted")
    )
    return rds_snapshots(inv, ~encrypted, detail)
