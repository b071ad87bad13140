"""FSBP EFS.4: EFS access points should enforce a user identity.

As AWS's control (no parameters): an access point fails when it defines no POSIX user, so
clients' own user and group ids apply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import ACCESS_POINT, efs_access_points

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="EFS access point does not enforce a user identity",
    severity="medium",
    service="efs",
    resource_type=ACCESS_POINT,
    tables=["efs.access_points"],
    description="The access point defines no POSIX user, so every request keeps the user and "
    "group ids the client claims, as FSBP EFS.4 evaluates it (no parameters).",
    risk="Any client can claim any user id (root included) and read or change the files that "
    "user owns.",
    remediation="Create an access point with a POSIX user (uid and gid) for the application "
    "(the user cannot be changed), move clients to it, and delete this one.",
    remediation_cli="aws efs create-access-point --region {region} --file-system-id "
    "FILE_SYSTEM_ID --posix-user Uid=1000,Gid=1000",
)
def efs_access_point_user_identity_not_enforced(inv: Inventory) -> pd.DataFrame:
    a = inv["efs.access_points"]
    uid = a["posix_user_uid"].astype("Int64")
    gid = a["posix_user_gid"].astype("Int64")
    missing = uid.isna().astype(bool)
    detail = ("POSIX user " + uid.astype("string") + ":" + gid.astype("string")).fillna(
        "no POSIX user: clients' own ids apply"
    )
    return efs_access_points(a, missing, detail)
