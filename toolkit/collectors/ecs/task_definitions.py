"""``ecs.task_definitions``: every ACTIVE task definition revision, with its network and process
namespace modes and its containers' security settings as one JSON list.

One row per revision: the FSBP controls judge a task definition (its latest active revision) by
all its containers, so the containers stay together in ``containers``, a JSON list sorted by
name. Environment variables are listed by name only: their values may be secrets, and the
inventory is shared.
"""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare

SERVICE = "ecs"
PAGE = {"PaginationConfig": {"PageSize": 100}}
#: A revision deregistered (or deleted) between the list and its description is gone: no row.
GONE = ("ClientException",)


async def list_task_definitions(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    arns = await ctx.aws.items(
        client, "list_task_definitions", "taskDefinitionArns", status="ACTIVE", **PAGE
    )
    rows = []
    for arn in arns:
        family, revision = arn.rsplit("/", 1)[-1].rsplit(":", 1)
        rows.append({"family": family, "revision": int(revision), "arn": arn})
    latest: dict[str, int] = {}
    for row in rows:
        latest[row["family"]] = max(latest.get(row["family"], 0), row["revision"])
    for row in rows:
        row["latest_active"] = row["revision"] == latest[row["family"]]
    return rows


def container(definition: dict[str, Any]) -> dict[str, Any]:
    """What the checks read of one container definition (never an environment value)."""
    logging = definition.get("logConfiguration") or {}
    return {
        "name": definition.get("name"),
        "image": definition.get("image"),
        "privileged": definition.get("privileged"),
        "readonly_root_filesystem": definition.get("readonlyRootFilesystem"),
        "user": definition.get("user"),
        "environment_names": sorted(e.get("name") for e in definition.get("environment") or []),
        "secret_names": sorted(s.get("name") for s in definition.get("secrets") or []),
        "log_driver": logging.get("logDriver"),
    }


async def describe(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client, "describe_task_definition", None, GONE, taskDefinition=item["arn"]
    )
    if answer is None:
        return None
    task = answer["taskDefinition"]
    containers = sorted(
        (container(c) for c in task.get("containerDefinitions") or []),
        key=lambda c: c["name"] or "",
    )
    return {
        "status": task.get("status"),
        "network_mode": task.get("networkMode"),
        "pid_mode": task.get("pidMode"),
        "requires_compatibilities": json.dumps(sorted(task.get("requiresCompatibilities") or [])),
        "container_count": len(containers),
        "containers": json.dumps(containers, sort_keys=True),
    }


task_definitions = declare(
    "ecs.task_definitions",
    where="regional",
    key=("arn",),
    doc="Every ACTIVE ECS task definition revision, with its network and PID modes and its "
    "containers' security settings.",
    list=ListStep(("ecs:ListTaskDefinitions",), list_task_definitions),
    hydrates=(Hydrate("describe", ("ecs:DescribeTaskDefinition",), describe),),
    columns=(
        Column("family", "string", "The task definition's family."),
        Column("revision", "Int64", "The revision number within the family."),
        Column(
            "arn",
            "string",
            "arn:aws:ecs:REGION:ACCOUNT:task-definition/FAMILY:REVISION.",
        ),
        Column(
            "latest_active",
            "boolean",
            "Whether it is the family's latest ACTIVE revision (the one FSBP's ECS controls "
            "judge).",
        ),
        Column("status", "string", "ACTIVE (only active revisions are listed).", "describe"),
        Column(
            "network_mode",
            "string",
            "bridge, host, awsvpc or none.",
            "describe",
        ),
        Column(
            "pid_mode",
            "string",
            "host (the containers share the host's process namespace) or task; null when not "
            "set (each container has its own).",
            "describe",
        ),
        Column(
            "requires_compatibilities",
            "string",
            "Launch types it was validated for: EC2, FARGATE, EXTERNAL (JSON list, sorted).",
            "describe",
        ),
        Column("container_count", "Int64", "How many container definitions it has.", "describe"),
        Column(
            "containers",
            "string",
            "Its containers, sorted by name (JSON list of objects: name, image, privileged, "
            "readonly_root_filesystem, user, environment_names, secret_names, log_driver; a "
            "setting not given is null; environment values are left out).",
            "describe",
        ),
    ),
)
