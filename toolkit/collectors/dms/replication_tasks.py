"""``dms.replication_tasks``: every DMS replication task, with what it logs: whether logging is
on and each log component's severity.

DescribeReplicationTasks answers each task whole, its settings document included (a JSON
string, parsed here): one call a page, no hydrate.
"""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, ListStep, TableContext, declare

SERVICE = "dms"


def logging_of(settings: str | None) -> tuple[bool, str]:
    """Whether the task logs, and its log components as a JSON object {component: severity}."""
    try:
        logging = (json.loads(settings or "{}") or {}).get("Logging") or {}
    except ValueError:
        logging = {}
    components = {c.get("Id"): c.get("Severity") for c in logging.get("LogComponents") or []}
    return bool(logging.get("EnableLogging", False)), json.dumps(components, sort_keys=True)


async def list_tasks(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(client, "describe_replication_tasks", "ReplicationTasks")
    rows = []
    for t in found:
        enabled, components = logging_of(t.get("ReplicationTaskSettings"))
        rows.append(
            {
                "identifier": t["ReplicationTaskIdentifier"],
                "arn": t["ReplicationTaskArn"],
                "status": t.get("Status"),
                "migration_type": t.get("MigrationType"),
                "replication_instance_arn": t.get("ReplicationInstanceArn"),
                "source_endpoint_arn": t.get("SourceEndpointArn"),
                "target_endpoint_arn": t.get("TargetEndpointArn"),
                "logging_enabled": enabled,
                "log_components": components,
            }
        )
    return rows


replication_tasks = declare(
    "dms.replication_tasks",
    where="regional",
    key=("arn",),
    doc="Every DMS replication task, with its logging and each log component's severity.",
    list=ListStep(("dms:DescribeReplicationTasks",), list_tasks),
    columns=(
        Column("identifier", "string", "The task's identifier."),
        Column("arn", "string", "arn:aws:dms:REGION:ACCOUNT:task:ID."),
        Column("status", "string", "ready, running, stopped, failed, ..."),
        Column("migration_type", "string", "full-load, cdc or full-load-and-cdc."),
        Column("replication_instance_arn", "string", "The instance the task runs on."),
        Column("source_endpoint_arn", "string", "The endpoint it reads from."),
        Column("target_endpoint_arn", "string", "The endpoint it writes to."),
        Column(
            "logging_enabled",
            "boolean",
            "True when the task writes CloudWatch logs (Logging.EnableLogging of its settings).",
        ),
        Column(
            "log_components",
            "string",
            "JSON object, keys sorted, of each log component (SOURCE_CAPTURE, TARGET_APPLY, ...) "
            "and its severity (LOGGER_SEVERITY_ERROR ... LOGGER_SEVERITY_DETAILED_DEBUG).",
        ),
    ),
)
