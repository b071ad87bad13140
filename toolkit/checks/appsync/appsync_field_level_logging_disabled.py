from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import GRAPHQL_API, appsync_apis

if TYPE_CHECKING:
    from ...inventory import Inventory

#: Field resolver log levels that pass (FSBP AppSync.2 with its default parameter
#: fieldLoggingLevel unset: any level but NONE, that is ERROR or ALL, and INFO and DEBUG).
LOGGING_LEVELS = ("ERROR", "INFO", "DEBUG", "ALL")


@check(
    title="AppSync GraphQL API has field-level logging disabled",
    severity="medium",
    service="appsync",
    resource_type=GRAPHQL_API,
    tables=["appsync.graphql_apis"],
    description="The GraphQL API's field resolver log level is NONE (or logging is not "
    "configured), as FSBP AppSync.2 evaluates it with its default parameter fieldLoggingLevel "
    "unset, under which any level but NONE passes (AWS Config rule appsync-logging-enabled).",
    risk="Without field-level logs, failing or abused resolvers leave no trace in CloudWatch "
    "Logs: errors cannot be diagnosed and misuse cannot be investigated.",
    remediation="Turn on field-level logging at ERROR (or ALL while investigating) with a role "
    "that lets AppSync write to CloudWatch Logs.",
    remediation_cli="aws appsync update-graphql-api --region {region} --api-id API_ID --name "
    "{resource_id} --log-config fieldLogLevel=ERROR,"
    "cloudWatchLogsRoleArn=arn:aws:iam::{account_id}:role/APPSYNC_LOGS_ROLE",
)
def appsync_field_level_logging_disabled(inv: Inventory) -> pd.DataFrame:
    a = inv["appsync.graphql_apis"]
    level = a["field_log_level"].astype("string").fillna("NONE").str.upper()
    logging = level.isin(LOGGING_LEVELS)
    detail = pd.Series("field-level logging is off (log level NONE)", index=a.index).where(
        ~logging, "field-level logging at " + level
    )
    return appsync_apis(a, ~logging, detail)
