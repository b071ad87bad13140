from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="ActiveMQ broker does not stream audit logs to CloudWatch",
    severity="medium",
    service="mq",
    resource_type="AWS::AmazonMQ::Broker",
    tables=["mq.brokers"],
    description="An ActiveMQ broker's audit log to CloudWatch Logs is off, as FSBP MQ.2 "
    "evaluates it (AWS Config rule mq-cloudwatch-audit-logging-enabled; no parameters). "
    "RabbitMQ brokers have no audit log and are not evaluated.",
    risk="User management done through JMX or the ActiveMQ Web Console leaves no record: who "
    "created or changed broker users cannot be found after the fact.",
    remediation="Turn on audit logging (Logs.Audit) for the broker; it needs a resource policy "
    "that lets Amazon MQ write to CloudWatch Logs.",
    remediation_cli="aws mq update-broker --region {region} --broker-id BROKER_ID_FROM_THE_DETAIL "
    "--logs Audit=true,General=true",
)
def mq_broker_audit_logging_disabled(inv: Inventory) -> pd.DataFrame:
    b = inv["mq.brokers"]
    active = b[b["engine_type"].astype("string").fillna("").str.upper() == "ACTIVEMQ"]
    on = active["audit_log_enabled"].astype("boolean").fillna(False).astype(bool)
    detail = pd.Series("audit logs streamed to CloudWatch Logs", index=active.index).where(
        on, "audit logs not streamed to CloudWatch Logs"
    ) + (" (broker id " + active["broker_id"].astype("string") + ")")
    return evaluate(active, ~on, active["broker_name"], detail, active["arn"])
