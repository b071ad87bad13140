"""``lambda.functions``: every function, with its function URL and resource-based policy.

ListFunctions answers the configuration columns; the URL and the policy are per-function
hydrates, called only when one of their columns is asked for.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare

SERVICE = "lambda"
#: ListFunctions answers at most 50 functions a page.
PAGE = {"PaginationConfig": {"PageSize": 50}}
NOT_FOUND = ("ResourceNotFoundException",)


async def list_functions(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(client, "list_functions", "Functions", **PAGE)
    return [_configuration(function) for function in found]


def _configuration(function: dict[str, Any]) -> dict[str, Any]:
    vpc = function.get("VpcConfig") or {}
    return {
        "function_name": function["FunctionName"],
        "arn": function.get("FunctionArn"),
        "runtime": function.get("Runtime"),
        "role": function.get("Role"),
        "handler": function.get("Handler"),
        "last_modified": _timestamp(function.get("LastModified")),
        "memory_mb": function.get("MemorySize"),
        "timeout_s": function.get("Timeout"),
        "vpc_id": vpc.get("VpcId") or None,
        "subnet_ids": json.dumps(sorted(vpc.get("SubnetIds") or [])),
        "security_group_ids": json.dumps(sorted(vpc.get("SecurityGroupIds") or [])),
        "kms_key_arn": function.get("KMSKeyArn"),
        "tracing_mode": (function.get("TracingConfig") or {}).get("Mode"),
        "architectures": json.dumps(function.get("Architectures") or []),
    }


async def url(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client, "get_function_url_config", None, NOT_FOUND, FunctionName=item["function_name"]
    )
    answer = answer or {}
    return {"url": answer.get("FunctionUrl"), "url_auth_type": answer.get("AuthType")}


async def policy(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client, "get_policy", None, NOT_FOUND, FunctionName=item["function_name"]
    )
    document = None if answer is None else answer.get("Policy")
    return {"policy": document, "policy_public": _is_public(document)}


def _is_public(document: str | None) -> bool:
    """Whether a resource policy grants anyone (Principal *, no limiting condition) access."""
    if not document:
        return False
    from policyuniverse.policy import Policy

    return bool(Policy(json.loads(document)).is_internet_accessible())


def _timestamp(value: Any) -> datetime | None:
    """LastModified is a string (2024-01-31T12:00:00.000+0000); parse each value on its own."""
    if not value or isinstance(value, datetime):
        return value or None
    return datetime.fromisoformat(str(value))


functions = declare(
    "lambda.functions",
    where="regional",
    key=("arn",),
    doc="Every Lambda function, with its function URL, resource policy and whether that is public.",
    list=ListStep(("lambda:ListFunctions",), list_functions),
    hydrates=(
        Hydrate("url", ("lambda:GetFunctionUrlConfig",), url),
        Hydrate("policy", ("lambda:GetPolicy",), policy),
    ),
    columns=(
        Column("function_name", "string", "The function's name."),
        Column("arn", "string", "arn:aws:lambda:REGION:ACCOUNT:function:NAME."),
        Column("runtime", "string", "The runtime, e.g. python3.12; null for container images."),
        Column("role", "string", "The execution role's ARN."),
        Column("handler", "string", "The handler the runtime calls; null for container images."),
        Column("last_modified", "datetime64[ns, UTC]", "When the function was last changed."),
        Column("memory_mb", "Int64", "Memory in MB."),
        Column("timeout_s", "Int64", "Timeout in seconds."),
        Column("vpc_id", "string", "The VPC the function is attached to; null if none."),
        Column("subnet_ids", "string", "JSON list of the function's VPC subnets, sorted."),
        Column(
            "security_group_ids", "string", "JSON list of the function's security groups, sorted."
        ),
        Column("url", "string", "The function URL; null if the function has none.", "url"),
        Column(
            "url_auth_type",
            "string",
            "NONE (anyone may call the URL) or AWS_IAM; null if there is no URL.",
            "url",
        ),
        Column(
            "policy",
            "string",
            "The resource-based policy document (JSON); null if none.",
            "policy",
        ),
        Column(
            "policy_public",
            "boolean",
            "Whether the policy lets anyone invoke the function (judged by policyuniverse).",
            "policy",
        ),
        Column(
            "kms_key_arn",
            "string",
            "The customer KMS key for its environment variables; null for the AWS key.",
        ),
        Column("tracing_mode", "string", "X-Ray tracing: Active or PassThrough."),
        Column(
            "architectures", "string", "JSON list of instruction set architectures: x86_64, arm64."
        ),
    ),
)
