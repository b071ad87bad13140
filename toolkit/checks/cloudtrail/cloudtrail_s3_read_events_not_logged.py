from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import ACCOUNT, S3_DATA_EVENTS_CLI, TRAIL_TABLES, s3_object_logging

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="S3 object-level read events are not logged",
    severity="low",
    service="cloudtrail",
    resource_type=ACCOUNT,
    tables=list(TRAIL_TABLES),
    description="No multi-region, logging trail covering the account records S3 data events "
    "(GetObject, ...) for the objects of all buckets.",
    risk="Who read which object (data exfiltration) cannot be found out after an incident.",
    remediation="Add a data event selector for AWS::S3::Object (all buckets, read or all "
    "events) to a multi-region trail.",
    remediation_cli=S3_DATA_EVENTS_CLI,
)
def cloudtrail_s3_read_events_not_logged(inv: Inventory) -> pd.DataFrame:
    return s3_object_logging(inv, "true", "read")
