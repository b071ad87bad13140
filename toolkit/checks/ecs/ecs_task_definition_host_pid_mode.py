from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import TASK_DEFINITION, ecs_task_definitions, latest_task_definitions

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="ECS task definition shares the host's process namespace",
    severity="high",
    service="ecs",
    resource_type=TASK_DEFINITION,
    tables=["ecs.task_definitions"],
    description="The task definition's pidMode is host, so its containers share the host's "
    "process namespace, as FSBP ECS.3 evaluates it (AWS Config rule "
    "ecs-task-definition-pid-mode-check; no parameters; the latest active revision only).",
    risk="The containers see every process on the host and, with enough privilege, can signal, "
    "trace or kill them: the isolation between container and host is gone.",
    remediation="Register a new revision without pidMode host (task, or unset) and deploy it.",
    remediation_cli="aws ecs describe-task-definition --region {region} --task-definition "
    "{resource_id}  # then register-task-definition without pidMode host",
)
def ecs_task_definition_host_pid_mode(inv: Inventory) -> pd.DataFrame:
    t = latest_task_definitions(inv)
    mode = t["pid_mode"].astype("string")
    host = (mode == "host").fillna(False).astype(bool)
    detail = pd.Series(
        ("pidMode " + mode).fillna("pidMode not set: each container has its own namespace"),
        index=t.index,
    ).where(~host, "pidMode host: the containers share the host's process namespace")
    return ecs_task_definitions(t, host, detail)
