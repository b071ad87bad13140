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
    title="ECS task definition lets containers write to their root file system",
    severity="high",
    service="ecs",
    resource_type=TASK_DEFINITION,
    tables=["ecs.task_definitions"],
    description="A container definition of the task definition sets readonlyRootFilesystem to "
    "false or leaves it out, as FSBP ECS.5 evaluates it (AWS Config rule "
    "ecs-containers-readonly-access; no parameters; the latest active revision only). AWS "
    "does not judge Windows task definitions; their runtime platform is not collected, so "
    "they are judged here. The detail names the writable containers.",
    risk="An intruder in the container can change its binaries and configuration, drop tools "
    "and persist until the task is replaced.",
    remediation="Register a new revision with readonlyRootFilesystem true for every container "
    "(mount volumes for the paths that must be written) and deploy it.",
    remediation_cli="aws ecs describe-task-definition --region {region} --task-definition "
    "{resource_id}  # then register-task-definition with readonlyRootFilesystem: true",
)
def ecs_task_definition_root_filesystem_writable(inv: Inventory) -> pd.DataFrame:
    t = latest_task_definitions(inv)
    names = containers_where(t, lambda c: c.get("readonly_root_filesystem") is not True)
    writable = names.map(bool).astype(bool)
    detail = pd.Series("every container's root file system is read-only", index=t.index).where(
        ~writable,
        "root file system writable (readonlyRootFilesystem false or not set): " + named(names),
    )
    return ecs_task_definitions(t, writable, detail)
