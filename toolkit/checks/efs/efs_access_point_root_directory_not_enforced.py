"""FSBP EFS.3: EFS access points should enforce a root directory.

As AWS's control (no parameters): an access point fails when its root directory path is /,
the file system's own root (the default when none is given).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import ACCESS_POINT, efs_access_points

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="EFS access point does not enforce a root directory",
    severity="medium",
    service="efs",
    resource_type=ACCESS_POINT,
    tables=["efs.access_points"],
    description="The access point's root directory is / (the default), so clients that mount "
    "through it see the whole file system, as FSBP EFS.3 evaluates it (no parameters).",
    risk="An application given the access point reaches every other application's files on "
    "the shared file system, not only its own directory.",
    remediation="Create an access point with the application's own directory as its root "
    "(the root directory cannot be changed), move clients to it, and delete this one.",
    remediation_cli="aws efs create-access-point --region {region} --file-system-id "
    "FILE_SYSTEM_ID --root-directory Path=/APPLICATION_DIRECTORY",
)
def efs_access_point_root_directory_not_enforced(inv: Inventory) -> pd.DataFrame:
    a = inv["efs.access_points"]
    path = a["root_directory_path"].astype("string").fillna("/")
    whole = (path == "/").astype(bool)
    detail = ("root directory " + path).where(~whole, "root directory / (the whole file system)")
    return efs_access_points(a, whole, detail)
