from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

#: States of a file system on its way out: nothing left to judge.
GONE = ("deleting", "deleted")


@check(
    title="EFS file system is not encrypted at rest",
    severity="medium",
    service="efs",
    resource_type="AWS::EFS::FileSystem",
    tables=["efs.file_systems"],
    description="The file system's data is not encrypted at rest with a KMS key (AWS managed "
    "aws/elasticfilesystem or customer managed). Encryption is chosen when a file system is "
    "created and cannot be turned on afterwards.",
    risk="File data and its backups are stored in the clear: data-at-rest requirements are not "
    "met, and no KMS key policy stands between the storage and whoever reaches it.",
    remediation="Create a new file system with encryption at rest (ideally with a customer "
    "managed KMS key), copy the data to it (AWS DataSync), move the clients over, then delete "
    "the unencrypted file system.",
    remediation_cli="aws efs create-file-system --region {region} --encrypted --kms-key-id "
    "KMS_KEY_ARN --creation-token {resource_id}-encrypted",
)
def efs_file_system_unencrypted(inv: Inventory) -> pd.DataFrame:
    f = inv["efs.file_systems"]
    f = f[~f["life_cycle_state"].isin(GONE).fillna(False)]
    encrypted = f["encrypted"].fillna(False)
    named = f["name"].fillna(f["file_system_id"]).astype("string")
    key = f["kms_key_id"].fillna("the AWS managed key aws/elasticfilesystem").astype("string")
    detail = (named + ": encrypted at rest with " + key).where(
        encrypted, named + ": not encrypted at rest (set only at creation)"
    )
    return evaluate(f, ~encrypted, f["file_system_id"], detail, f["arn"])
