from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DISTRIBUTION, UPDATE_CLI, distributions, named

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="CloudFront distribution does not log requests",
    severity="medium",
    service="cloudfront",
    resource_type=DISTRIBUTION,
    tables=["cloudfront.distributions"],
    description="A CloudFront distribution has standard logging (access logs to S3) off, as "
    "FSBP CloudFront.5 fails it (no parameters).",
    risk="Without access logs there is no record of which client asked for what: abuse, "
    "scraping and data exfiltration through the distribution cannot be traced.",
    remediation="Turn on standard logging to an S3 bucket that allows ACLs for the log "
    "delivery (or CloudFront's v2 logging to CloudWatch Logs, S3 or Firehose).",
    remediation_cli=UPDATE_CLI.replace(
        "> config.json",
        "| jq '.Logging = {Enabled: true, IncludeCookies: false, "
        'Bucket: "LOG_BUCKET.s3.amazonaws.com", Prefix: "cloudfront/"}\' > config.json',
    ),
)
def cloudfront_distribution_logging_disabled(inv: Inventory) -> pd.DataFrame:
    frame = inv["cloudfront.distributions"]
    enabled = frame["logging_enabled"].fillna(False).astype(bool)
    who = named(frame)
    bucket = frame["logging_bucket"].fillna("its bucket").astype("string")
    detail = (who + ": logs to " + bucket).where(enabled, who + ": standard logging off")
    return distributions(frame, ~enabled, detail)
