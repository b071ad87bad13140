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
    title="ECS task definition runs a privileged container",
    severity="high",
    service="ecs",
    resource_type=TASK_DEFINITION,
    tables=["ecs.task_definitions"],
    description="A container definition of the task definition sets privileged to true, as "
    "FSBP ECS.4 evaluates it (AWS Config rule ecs-containers-nonprivileged; no parameters; "
    "the latest active revision only). The detail names the privileged containers.",
    risk="A privileged container has root's powers on the host container instance: it can load "
    "kernel modules, reach every device and escape to the host.",
    remediation="Register a new revision whose containers do not set privileged (grant the "
    "one Linux capability needed instead) and deploy it.",
    remediation_cli="aws ecs describe-task-definition --region {region} --task-definition "
    "{resource_id}  # then register-task-definition without privileged: true",
)
def ecs_task_definition_privileged_container(inv: Inventory) -> pd.DataFrame:
    t = latest_task_definitions(inv)
    names = containers_where(t, lambda c: c.get("privileged") is True)
    privileged = names.map(bool).astype(bool)
    detail = pd.Series("no container is privileged", index=t.index).where(
        ~privileged, "privileged containers: " + named(names)
    )
    return ecs_task_definitions(t, privileged, detail)
