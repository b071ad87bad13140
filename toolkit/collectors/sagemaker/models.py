"""``sagemaker.models``: every SageMaker model, with its network isolation and VPC.

The list step (ListModels) answers names; the settings are a per-model hydrate (DescribeModel).
"""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare

SERVICE = "sagemaker"
PAGE = {"PaginationConfig": {"PageSize": 100}}
#: A model deleted between the list and its description: no row.
GONE = ("ValidationException",)


async def list_models(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    listed = await ctx.aws.items(client, "list_models", "Models", **PAGE)
    return [
        {
            "name": model["ModelName"],
            "arn": model["ModelArn"],
            "creation_time": model.get("CreationTime"),
        }
        for model in listed
    ]


async def describe(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(client, "describe_model", None, GONE, ModelName=item["name"])
    if answer is None:
        return None
    vpc = answer.get("VpcConfig") or {}
    primary = answer.get("PrimaryContainer") or {}
    containers = answer.get("Containers") or []
    return {
        "network_isolation": bool(answer.get("EnableNetworkIsolation")),
        "execution_role_arn": answer.get("ExecutionRoleArn"),
        "primary_image": primary.get("Image") or None,
        "container_count": len(containers) if containers else int(bool(primary)),
        "vpc_subnet_ids": json.dumps(sorted(vpc.get("Subnets") or [])),
    }


models = declare(
    "sagemaker.models",
    where="regional",
    key=("arn",),
    doc="Every SageMaker model, with its network isolation and VPC.",
    list=ListStep(("sagemaker:ListModels",), list_models),
    hydrates=(Hydrate("describe", ("sagemaker:DescribeModel",), describe),),
    columns=(
        Column("name", "string", "The model's name."),
        Column("arn", "string", "arn:aws:sagemaker:REGION:ACCOUNT:model/NAME (lower case)."),
        Column("creation_time", "datetime64[ns, UTC]", "When it was created."),
        Column(
            "network_isolation",
            "boolean",
            "Whether its containers run with no network access at all (EnableNetworkIsolation; "
            "off by default).",
            "describe",
        ),
        Column("execution_role_arn", "string", "The IAM role its containers act as.", "describe"),
        Column(
            "primary_image",
            "string",
            "The image of its primary container; null for a multi-container pipeline.",
            "describe",
        ),
        Column(
            "container_count",
            "Int64",
            "How many containers it runs (1 for a primary container alone).",
            "describe",
        ),
        Column(
            "vpc_subnet_ids",
            "string",
            "JSON sorted list of the subnets of the account's VPC it runs in; [] outside one.",
            "describe",
        ),
    ),
)
