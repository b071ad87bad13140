"""FSBP EFS.7: EFS file systems should have automatic backups enabled.

As AWS's control (no parameters): a file system fails when its backup policy is not ENABLED
(or ENABLING), including when no backup policy was ever set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory

#: States of a file system on its way out: nothing left to judge.
GONE = ("deleting", "deleted")


@check(
    title="EFS file system does not have automatic backups enabled",
    severity="medium",
    service="efs",
    resource_type="AWS::EFS::FileSystem",
    tables=["efs.file_systems"],
    description="The file system's backup policy is off, or was never set, so AWS Backup does "
    "not back it up daily, as FSBP EFS.7 evaluates it (the control has no parameters).",
    risk="Deleted or corrupted files (a faulty job, ransomware) cannot be restored.",
    remediation="Turn on automatic backups (the file system's backup policy), or add it to an "
    "AWS Backup plan of your own.",
    remediation_cli="aws efs put-backup-policy --region {region} --file-system-id {resource_id} "
    "--backup-policy Status=ENABLED",
)
def efs_file_system_automatic_backups_disabled(inv: Inventory) -> pd.DataFrame:
    f = inv["efs.file_systems"]
    f = f[~f["life_cycle_state"].isin(GONE).fillna(False)]
    on = f["backup_enabled"].astype("boolean").fillna(False).astype(bool)
    named = f["name"].fillna(f["file_system_id"]).astype("string")
    detail = (named + ": automatic backups on").where(on, named + ": automatic backups off")
    return evaluate(f, ~on, f["file_system_id"], detail, f["arn"])
