"""AWS Lambda: functions with their function URL and resource-based policy.

Per account and region: ListFunctions, paged at 50 functions a page (it answers each function's
configuration: runtime, role, VPC, KMS key, tracing, architectures). Then per function, run
concurrently: GetFunctionUrlConfig and GetPolicy, so 2 calls a function. "No URL" and "no
policy" (ResourceNotFoundException) become nulls here, not errors. Whether the policy lets
anyone invoke the function is judged with policyuniverse, as the design names it.
"""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from typing import Any

from .base import TableContext, table

SERVICE = "lambda"
#: ListFunctions answers at most 50 functions a page.
PAGE = {"PaginationConfig": {"PageSize": 50}}
NOT_FOUND = ("ResourceNotFoundException",)


@table(
    "lambda.functions",
    where="regional",
    key=("arn",),
    calls=("lambda:ListFunctions", "lambda:GetFunctionUrlConfig", "lambda:GetPolicy"),
    columns=(
        ("function_name", "string", "The function's name."),
        ("arn", "string", "arn:aws:lambda:REGION:ACCOUNT:function:NAME."),
        ("runtime", "string", "The runtime, e.g. python3.12; null for container images."),
        ("role", "string", "The execution role's ARN."),
        ("handler", "string", "The handler the runtime calls; null for container images."),
        ("last_modified", "datetime64[ns, UTC]", "When the function was last changed."),
        ("memory_mb", "Int64", "Memory in MB."),
        ("timeout_s", "Int64", "Timeout in seconds."),
        ("vpc_id", "string", "The VPC the function is attached to; null if none."),
        ("subnet_ids", "string", "JSON list of the function's VPC subnets, sorted."),
        ("security_group_ids", "string", "JSON list of the function's security groups, sorted."),
        ("url", "string", "The function URL; null if the function has none."),
        (
            "url_auth_type",
            "string",
            "NONE (anyone may call the URL) or AWS_IAM; null if there is no URL.",
        ),
        ("policy", "string", "The resource-based policy document (JSON); null if none."),
        (
            "policy_public",
            "boolean",
            "Whether the policy lets anyone invoke the function (judged by policyuniverse).",
        ),
        (
            "kms_key_arn",
            "string",
            "The customer KMS key for its environment variables; null for the AWS key.",
        ),
        ("tracing_mode", "string", "X-Ray tracing: Active or PassThrough."),
        ("architectures", "string", "JSON list of instruction set architectures: x86_64, arm64."),
    ),
)
async def functions(ctx: TableContext) -> list[dict[str, Any]]:
    """Every Lambda function, with its function URL, resource policy and whether that is public."""
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(client, "list_functions", "Functions", **PAGE)
    return list(await asyncio.gather(*(_function(ctx, client, f) for f in found)))


async def _function(ctx: TableContext, client: Any, function: dict[str, Any]) -> dict[str, Any]:
    name = function["FunctionName"]
    url, policy = await asyncio.gather(
        ctx.aws.call_or(client, "get_function_url_config", None, NOT_FOUND, FunctionName=name),
        ctx.aws.call_or(client, "get_policy", None, NOT_FOUND, FunctionName=name),
    )
    document = None if policy is None else policy.get("Policy")
    vpc = function.get("VpcConfig") or {}
    return {
        "function_name": name,
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
        "url": None if url is None else url.get("FunctionUrl"),
        "url_auth_type": None if url is None else url.get("AuthType"),
        "policy": document,
        "policy_public": _is_public(document),
        "kms_key_arn": function.get("KMSKeyArn"),
        "tracing_mode": (function.get("TracingConfig") or {}).get("Mode"),
        "architectures": json.dumps(function.get("Architectures") or []),
    }


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
