from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import REPLICATION_TASK, task_logging_findings

if TYPE_CHECKING:
    from ...inventory import Inventory

#: The log components of the source database's side.
SOURCE = ("SOURCE_CAPTURE", "SOURCE_UNLOAD")


@check(
    title="DMS replication task does not log the source database",
    severity="medium",
    service="dms",
    resource_type=REPLICATION_TASK,
    tables=["dms.replication_tasks"],
    description="The replication task's logging is off, or its SOURCE_CAPTURE or SOURCE_UNLOAD "
    "log component is below LOGGER_SEVERITY_DEFAULT, as FSBP DMS.8 evaluates it (AWS Config "
    "rule dms-replication-task-sourcedb-logging; no parameters). DEFAULT, DEBUG and "
    "DETAILED_DEBUG pass.",
    risk="Failures while unloading and capturing changes from the source database leave no "
    "trace: rows missed or read twice in migration cannot be investigated.",
    remediation="Turn on the task's CloudWatch logging with SOURCE_CAPTURE and SOURCE_UNLOAD at "
    "LOGGER_SEVERITY_DEFAULT or more (the task must be stopped to change its settings).",
    remediation_cli="aws dms modify-replication-task --region {region} --replication-task-arn "
    '{resource_arn} --replication-task-settings \'{"Logging":{"EnableLogging":true,'
    '"LogComponents":[{"Id":"SOURCE_CAPTURE","Severity":"LOGGER_SEVERITY_DEFAULT"},'
    '{"Id":"SOURCE_UNLOAD","Severity":"LOGGER_SEVERITY_DEFAULT"}]}}\'',
)
def dms_replication_task_source_logging_disabled(inv: Inventory) -> pd.DataFrame:
    return task_logging_findings(inv["dms.replication_tasks"], SOURCE)
