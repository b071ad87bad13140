from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import DOMAIN, TABLE, domains, flag, logged_to, opensearch_domains

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="OpenSearch domain does not have audit logging enabled",
    severity="medium",
    service="opensearch",
    resource_type=DOMAIN,
    tables=[TABLE],
    description="Audit log publishing to CloudWatch Logs is not enabled for the domain, as FSBP "
    "Opensearch.5 evaluates it (AWS Config rule opensearch-audit-logging-enabled; Security Hub "
    "leaves its cloudWatchLogsLogGroupArnList empty, so any log group passes).",
    risk="Who signed in, who was refused and which indexes were read or changed leave no "
    "record: misuse of the data cannot be noticed or investigated.",
    remediation="Publish audit logs to a CloudWatch Logs log group and turn them on in the "
    "domain's security settings (they need fine-grained access control).",
    remediation_cli="aws opensearch update-domain-config --region {region} --domain-name "
    "{resource_id} --log-publishing-options "
    "AUDIT_LOGS={{CloudWatchLogsLogGroupArn=LOG_GROUP_ARN,Enabled=true}}",
)
def opensearch_domain_audit_logging_disabled(inv: Inventory) -> pd.DataFrame:
    d = domains(inv)
    on = flag(d, "audit_logs_enabled")
    return opensearch_domains(
        d, ~on, logged_to(d, "audit_logs_enabled", "audit_log_group_arn", "audit logs")
    )
