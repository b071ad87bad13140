from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DOMAIN, TABLE, domains, flag, logged_to, opensearch_domains

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="OpenSearch domain does not send error logs to CloudWatch Logs",
    severity="medium",
    service="opensearch",
    resource_type=DOMAIN,
    tables=[TABLE],
    description="Error (application) log publishing to CloudWatch Logs is not enabled for the "
    "domain, as FSBP Opensearch.4 evaluates it (AWS Config rule opensearch-logs-to-cloudwatch "
    "with logtype = 'error').",
    risk="Errors of the domain, including failed requests and plugin faults that help explain "
    "an incident or an outage, are not kept anywhere you can search or alarm on.",
    remediation="Publish error logs to a CloudWatch Logs log group (with a resource policy "
    "that lets OpenSearch Service write to it).",
    remediation_cli="aws opensearch update-domain-config --region {region} --domain-name "
    "{resource_id} --log-publishing-options "
    "ES_APPLICATION_LOGS={{CloudWatchLogsLogGroupArn=LOG_GROUP_ARN,Enabled=true}}",
)
def opensearch_domain_error_logging_disabled(inv: Inventory) -> pd.DataFrame:
    d = domains(inv)
    on = flag(d, "error_logs_enabled")
    return opensearch_domains(
        d, ~on, logged_to(d, "error_logs_enabled", "error_log_group_arn", "error logs")
    )
