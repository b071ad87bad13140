from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import REPLICATION_TASK, task_logging_findings

if TYPE_CHECKING:
    from ...inventory import Inventory

#: The log components of the target database's side.
TARGET = ("TARGET_APPLY", "TARGET_LOAD")


@check(
    title="DMS replication task does not log the target database",
    severity="medium",
    service="dms",
    resource_type=REPLICATION_TASK,
    tables=["dms.replication_tasks"],
    description="The replication task's logging is off, or its TARGET_APPLY or TARGET_LOAD log "
    "component is below LOGGER_SEVERITY_DEFAULT, as FSBP DMS.7 evaluates it (AWS Config rule "
    "dms-replication-task-targetdb-logging; no parameters). DEFAULT, DEBUG and DETAILED_DEBUG "
    "pass.",
    risk="Failures and anomalies while loading and applying changes to the target database "
    "leave no trace: data lost or altered in migration cannot be investigated.",
    remediation="Turn on the task's CloudWatch logging with TARGET_APPLY and TARGET_LOAD at "
    "LOGGER_SEVERITY_DEFAULT or more (the task must be stopped to change its settings).",
    remediation_cli="aws dms modify-replication-task --region {region} --replication-task-arn "
    '{resource_arn} --replication-task-settings \'{"Logging":{"EnableLogging":true,'
    '"LogComponents":[{"Id":"TARGET_APPLY","Severity":"LOGGER_SEVERITY_DEFAULT"},'
    '{"Id":"TARGET_LOAD","Severity":"LOGGER_SEVERITY_DEFAULT"}]}}\'',
)
def dms_replication_task_target_logging_disabled(inv: Inventory) -> pd.DataFrame:
    return task_logging_findings(inv["dms.replication_tasks"], TARGET)
