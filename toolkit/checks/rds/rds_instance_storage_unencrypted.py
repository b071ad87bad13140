from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import INSTANCE, rds_instances, yes_no

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="RDS DB instance storage is not encrypted",
    severity="high",
    service="rds",
    resource_type=INSTANCE,
    tables=["rds.db_instances"],
    description="The DB instance's storage (and so its automated backups, read replicas and "
    "snapshots) is not encrypted at rest.",
    risk="Anyone who obtains the underlying storage, a snapshot or a backup reads the data in "
    "clear; unencrypted snapshots can be shared outside the organization.",
    remediation="Encryption cannot be turned on in place: snapshot the instance, copy the "
    "snapshot with a KMS key, restore a new instance from the encrypted copy and switch over.",
    remediation_cli="aws rds copy-db-snapshot --region {region} "
    "--source-db-snapshot-identifier SNAPSHOT_ID "
    "--target-db-snapshot-identifier {resource_id}-encrypted --kms-key-id KMS_KEY_ID",
)
def rds_instance_storage_unencrypted(inv: Inventory) -> pd.DataFrame:
    i = inv["rds.db_instances"]
    encrypted = i["storage_encrypted"].fillna(False)
    detail = yes_no(encrypted, "encrypted with ", "not encrypted") + i["kms_key_id"].fillna("")
    return rds_instances(i, ~encrypted, detail)
