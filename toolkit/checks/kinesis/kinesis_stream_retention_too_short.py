from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import STREAM, kinesis_streams

if TYPE_CHECKING:
    from ...inventory import Inventory

#: Streams keeping records fewer hours than this fail (FSBP Kinesis.3's default parameter
#: minimumBackupRetentionPeriod).
MIN_RETENTION_HOURS = 168


@check(
    title="Kinesis stream keeps records too briefly",
    severity="medium",
    service="kinesis",
    resource_type=STREAM,
    tables=["kinesis.streams"],
    description=f"The data stream keeps records fewer than {MIN_RETENTION_HOURS} hours "
    "(RetentionPeriodHours), as FSBP Kinesis.3 evaluates it with its default parameter "
    f"minimumBackupRetentionPeriod {MIN_RETENTION_HOURS} (AWS Config rule "
    "kinesis-stream-backup-retention-check).",
    risk="A consumer that falls behind or fails for longer than the retention period loses "
    "records for good: they cannot be reprocessed after an outage or a bug.",
    remediation=f"Raise the stream's retention period to at least {MIN_RETENTION_HOURS} hours "
    "(retention beyond 24 hours is billed).",
    remediation_cli="aws kinesis increase-stream-retention-period --region {region} "
    f"--stream-name {{resource_id}} --retention-period-hours {MIN_RETENTION_HOURS}",
)
def kinesis_stream_retention_too_short(inv: Inventory) -> pd.DataFrame:
    s = inv["kinesis.streams"]
    hours = s["retention_period_hours"].astype("Int64")
    short = (hours.fillna(0) < MIN_RETENTION_HOURS).astype(bool)
    detail = (
        "retention "
        + hours.astype("string").fillna("unknown")
        + " hours"
        + pd.Series(f" (under {MIN_RETENTION_HOURS})", index=s.index).where(short, "")
    )
    return kinesis_streams(s, short, detail)
