from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check, evaluate

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="Step Functions state machine does not log its executions",
    severity="medium",
    service="stepfunctions",
    resource_type="AWS::StepFunctions::StateMachine",
    tables=["stepfunctions.state_machines"],
    description="The state machine's logging level is OFF, as FSBP StepFunctions.1 evaluates it "
    "(AWS Config rule step-functions-state-machine-logging-enabled; its logLevel parameter has "
    "no default, so ALL, ERROR and FATAL all pass).",
    risk="Failed and timed-out executions leave no record in CloudWatch Logs: errors go "
    "unnoticed and incidents cannot be reconstructed once the execution history expires.",
    remediation="Set the state machine's logging level to ERROR or ALL, with a CloudWatch Logs "
    "log group as destination.",
    remediation_cli="aws stepfunctions update-state-machine --region {region} "
    "--state-machine-arn arn:aws:states:{region}:{account_id}:stateMachine:{resource_id} "
    "--logging-configuration file://logging-error-to-log-group.json",
)
def stepfunctions_state_machine_logging_disabled(inv: Inventory) -> pd.DataFrame:
    m = inv["stepfunctions.state_machines"]
    level = m["logging_level"].astype("string").fillna("OFF")
    off = level == "OFF"
    detail = pd.Series("logging level OFF", index=m.index).where(
        off, "logging level " + level + " to " + m["log_destinations"].astype("string").fillna("[]")
    )
    return evaluate(m, off, m["name"], detail, m["arn"])
