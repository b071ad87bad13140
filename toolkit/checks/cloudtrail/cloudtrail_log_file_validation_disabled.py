from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import TRAIL, cloudtrail_trails

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="CloudTrail log file validation is not enabled",
    severity="medium",
    service="cloudtrail",
    resource_type=TRAIL,
    tables=["cloudtrail.trails"],
    description="The trail does not write signed digest files, so its log files cannot be "
    "checked for changes or deletions.",
    risk="Someone with access to the log bucket can alter or delete log files undetected.",
    remediation="Enable log file validation on the trail.",
    remediation_cli="aws cloudtrail update-trail --region {region} --name {resource_id} "
    "--enable-log-file-validation",
)
def cloudtrail_log_file_validation_disabled(inv: Inventory) -> pd.DataFrame:
    t = inv["cloudtrail.trails"]
    on = t["log_file_validation_enabled"].fillna(False)
    return cloudtrail_trails(inv, ~on, on.map({True: "validation on", False: "validation off"}))
