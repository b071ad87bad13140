from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Transfer Family connector does not log to CloudWatch",
    severity="medium",
    service="transfer",
    resource_type="AWS::Transfer::Connector",
    tables=["transfer.connectors"],
    description="The connector has no logging role, so it publishes no logs to CloudWatch, as "
    "FSBP Transfer.3 evaluates it (AWS Config rule transfer-connector-logging-enabled; no "
    "parameters).",
    risk="Files sent to and fetched from partners leave no trace: a failed, unexpected or "
    "unauthorised transfer cannot be traced.",
    remediation="Give the connector a logging role that lets Transfer Family write to "
    "CloudWatch Logs.",
    remediation_cli="aws transfer update-connector --region {region} --connector-id "
    "{resource_id} --logging-role arn:aws:iam::{account_id}:role/TRANSFER_LOGGING_ROLE",
)
def transfer_connector_logging_disabled(inv: Inventory) -> pd.DataFrame:
    c = inv["transfer.connectors"]
    role = c["logging_role"].astype("string")
    missing = role.isna()
    detail = pd.Series("no logging role: publishes no logs", index=c.index)
    detail = detail.where(missing, "logs with role " + role.fillna(""))
    return evaluate(c, missing, c["connector_id"], detail, c["arn"])
