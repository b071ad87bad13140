from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..base import check
from ._shared import (
    TASK_DEFINITION,
    containers,
    ecs_task_definitions,
    latest_task_definitions,
)

if TYPE_CHECKING:
    from ...inventory import Inventory

#: FSBP ECS.8's secretKeys parameter (not customizable).
SECRET_KEYS = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA")


def _offending(found: list[dict]) -> list[str]:
    return sorted(
        f"{c.get('name')}.{name}"
        for c in found
        for name in c.get("environment_names") or []
        if name in SECRET_KEYS
    )


@check(
    title="ECS task definition passes credentials as container environment variables",
    severity="high",
    service="ecs",
    resource_type=TASK_DEFINITION,
    tables=["ecs.task_definitions"],
    description="A container definition's plain environment variables include "
    "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or ECS_ENGINE_AUTH_DATA, as FSBP ECS.8 "
    "evaluates it (AWS Config rule ecs-no-environment-secrets, parameter secretKeys with "
    "those three names, not customizable; the latest active revision only). Only names are "
    "read, never values; the detail names container.variable.",
    risk="The credentials are stored in clear text in the task definition: anyone who can "
    "describe task definitions (many read-only roles can) reads them.",
    remediation="Move the credentials to Secrets Manager or Parameter Store and reference them "
    "under secrets, or better, give the task a task role; then rotate the exposed keys.",
    remediation_cli="aws ecs describe-task-definition --region {region} --task-definition "
    "{resource_id}  # then register-task-definition with secrets valueFrom or a task role",
)
def ecs_task_definition_secrets_in_environment(inv: Inventory) -> pd.DataFrame:
    t = latest_task_definitions(inv)
    offending = containers(t).map(_offending)
    exposed = offending.map(bool).astype(bool)
    detail = pd.Series("no credential in plain environment variables", index=t.index).where(
        ~exposed,
        "credentials in plain environment variables: " + offending.map(", ".join),
    )
    return ecs_task_definitions(t, exposed, detail)
