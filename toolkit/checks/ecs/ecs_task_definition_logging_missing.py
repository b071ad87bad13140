from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import (
    TASK_DEFINITION,
    containers_where,
    ecs_task_definitions,
    latest_task_definitions,
    named,
)

if TYPE_CHECKING:
    from ...inventory import Inventory


@check(
    title="ECS task definition does not have a logging configuration",
    severity="high",
    service="ecs",
    resource_type=TASK_DEFINITION,
    tables=["ecs.task_definitions"],
    description="A container definition of the task definition has no logConfiguration or no "
    "logDriver, as FSBP ECS.9 evaluates it (AWS Config rule "
    "ecs-task-definition-log-configuration; no parameters; the latest active revision "
    "only). The detail names the containers without one.",
    risk="What the containers write to stdout and stderr is lost when the task stops: errors "
    "and intrusions leave no trace to investigate.",
    remediation="Register a new revision with a logConfiguration (awslogs to a CloudWatch log "
    "group, or FireLens) for every container and deploy it.",
    remediation_cli="aws ecs describe-task-definition --region {region} --task-definition "
    "{resource_id}  # then register-task-definition with logConfiguration for each container",
)
def ecs_task_definition_logging_missing(inv: Inventory) -> pd.DataFrame:
    t = latest_task_definitions(inv)
    names = containers_where(t, lambda c: not c.get("log_driver"))
    unlogged = names.map(bool).astype(bool)
    detail = pd.Series("every container has a log driver", index=t.index).where(
        ~unlogged, "no log configuration: " + named(names)
    )
    return ecs_task_definitions(t, unlogged, detail)
