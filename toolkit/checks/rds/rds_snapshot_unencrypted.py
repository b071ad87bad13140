from __future__ import annotations

import pandas as pd

from ...inventory import Inventory
from ..base import check
from ._shared import SNAPSHOT, rds_snapshots, yes_no


@check(
    title="RDS snapshot is not encrypted",
    severity="medium",
    service="rds",
    resource_type=SNAPSHOT,
    tables=["rds.db_snapshots"],
    description="The manual DB or DB cluster snapshot is not encrypted at rest.",
    risk="The snapshot holds a full copy of the database in clear, and unencrypted snapshots "
    "can be shared with any account (or made public).",
    remediation="Copy the snapshot with a KMS key, then delete the unencrypted one.",
    remediation_cli="aws rds copy-db-snapshot --region {region} --source-db-snapshot-identifier "
    "{resource_id} --target-db-snapshot-identifier {resource_id}-encrypted "
    "--kms-key-id KMS_KEY_ID",
)
def rds_snapshot_unencrypted(inv: Inventory) -> pd.DataFrame:
    s = inv["rds.db_snapshots"]
    encrypted = s["encrypted"].fillna(False)
    detail = (
        s["kind"]
        + " snapshot of "
        + s["db_instance_identifier"].fillna(s["db_cluster_identifier"]).fillna("?")
        + yes_no(encrypted, ", encrypted", ", not encrypted")
    )
    return rds_snapshots(inv, ~encrypted, detail)
