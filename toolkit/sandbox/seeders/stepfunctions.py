"""AWS Step Functions: state machines that log their execution history to a CloudWatch Logs log
group at a level, or not at all (AWS's default), with X-Ray tracing on or off.

The role and log group are named, not made: Step Functions only uses them when it runs, and the
sandbox runs nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

STATE_MACHINE = {
    "name": str,
    "region": str,
    #: ALL, ERROR or FATAL (to log_group), or OFF (AWS's default).
    "logging": str,
    "log_group": str,
    "tracing": bool,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"state_machines": [STATE_MACHINE]}
#: Truth rows appended per account, with the field that orders them within an account.
ROWS_BY_ACCOUNT = {"state_machines": "arn"}
#: One Pass state: what the machine does does not matter to the checks.
DEFINITION = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}})


@dataclass
class StepFunctionsTruth:
    state_machines: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's state machines, each with its logging and tracing."""
    for machine in spec.get("state_machines", []):
        region = machine.get("region", seeder.regions[0])
        states = seeder.client(session, "stepfunctions", region)
        level = machine.get("logging", "OFF")
        logging: dict[str, Any] = {"level": level}
        group_arn = None
        if level != "OFF":
            group_arn = f"arn:aws:logs:{region}:{account_id}:log-group:{machine['log_group']}:*"
            logging["includeExecutionData"] = False
            logging["destinations"] = [{"cloudWatchLogsLogGroup": {"logGroupArn": group_arn}}]
        arn = states.create_state_machine(
            name=machine["name"],
            definition=DEFINITION,
            roleArn=f"arn:aws:iam::{account_id}:role/{machine['name']}-states",
            type="STANDARD",
            loggingConfiguration=logging,
            tracingConfiguration={"enabled": bool(machine.get("tracing"))},
        )["stateMachineArn"]
        seeder.truth.state_machines.append(
            {
                "account_id": account_id,
                "region": region,
                "name": machine["name"],
                "arn": arn,
                "logging_level": level,
                "log_group_arn": group_arn,
                "tracing": bool(machine.get("tracing")),
            }
        )
        seeder.plant(machine.get("planted"), account_id, region, machine["name"], "state_machine")
