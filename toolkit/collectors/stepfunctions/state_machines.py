"""``stepfunctions.state_machines``: every Step Functions state machine, with where and how
much of its execution history it logs.

ListStateMachines answers the name, ARN, type and creation date; one hydrate,
DescribeStateMachine, answers the status, logging, tracing and encryption (the definition
itself is not kept: it can be large and says nothing the checks need).
"""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare

SERVICE = "stepfunctions"
#: A state machine deleted between the list and its description is gone: no row.
GONE = ("StateMachineDoesNotExist",)


async def list_state_machines(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(client, "list_state_machines", "stateMachines")
    return [
        {
            "name": m["name"],
            "arn": m["stateMachineArn"],
            "type": m.get("type"),
            "creation_date": m.get("creationDate"),
        }
        for m in found
    ]


async def describe(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client, "describe_state_machine", None, GONE, stateMachineArn=item["arn"]
    )
    if answer is None:
        return None
    logging = answer.get("loggingConfiguration") or {}
    groups = [
        (d.get("cloudWatchLogsLogGroup") or {}).get("logGroupArn")
        for d in logging.get("destinations") or []
    ]
    return {
        "status": answer.get("status"),
        "role_arn": answer.get("roleArn"),
        # AWS answers level OFF for a state machine made without logging.
        "logging_level": logging.get("level") or "OFF",
        "include_execution_data": bool(logging.get("includeExecutionData")),
        "log_destinations": json.dumps(sorted(g for g in groups if g)),
        "tracing_enabled": bool((answer.get("tracingConfiguration") or {}).get("enabled")),
        "encryption_type": (answer.get("encryptionConfiguration") or {}).get("type"),
    }


state_machines = declare(
    "stepfunctions.state_machines",
    where="regional",
    key=("arn",),
    doc="Every Step Functions state machine, with its logging, tracing and encryption.",
    list=ListStep(("states:ListStateMachines",), list_state_machines),
    hydrates=(Hydrate("describe", ("states:DescribeStateMachine",), describe),),
    columns=(
        Column("name", "string", "The state machine's name."),
        Column("arn", "string", "arn:aws:states:REGION:ACCOUNT:stateMachine:NAME."),
        Column("type", "string", "STANDARD or EXPRESS."),
        Column("creation_date", "datetime64[ns, UTC]", "When it was created."),
        Column("status", "string", "ACTIVE or DELETING.", "describe"),
        Column("role_arn", "string", "The IAM role it runs as.", "describe"),
        Column(
            "logging_level",
            "string",
            "Which execution history events go to CloudWatch Logs: ALL, ERROR, FATAL or OFF.",
            "describe",
        ),
        Column(
            "include_execution_data",
            "boolean",
            "Whether the logs include execution input and output.",
            "describe",
        ),
        Column(
            "log_destinations",
            "string",
            "JSON sorted list of the CloudWatch Logs log group ARNs it logs to.",
            "describe",
        ),
        Column("tracing_enabled", "boolean", "Whether AWS X-Ray tracing is on.", "describe"),
        Column(
            "encryption_type",
            "string",
            "AWS_OWNED_KEY or CUSTOMER_MANAGED_KMS_KEY: what encrypts its data.",
            "describe",
        ),
    ),
)
