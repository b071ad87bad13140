"""``sagemaker.endpoint_configs``: every SageMaker endpoint configuration, with its production
variants' initial instance counts and its KMS key.

The list step (ListEndpointConfigs) answers names; the variants are a per-configuration hydrate
(DescribeEndpointConfig). A serverless variant has no instance count.
"""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare

SERVICE = "sagemaker"
PAGE = {"PaginationConfig": {"PageSize": 100}}
#: An endpoint configuration deleted between the list and its description: no row.
GONE = ("ValidationException",)


async def list_endpoint_configs(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    listed = await ctx.aws.items(client, "list_endpoint_configs", "EndpointConfigs", **PAGE)
    return [
        {
            "name": config["EndpointConfigName"],
            "arn": config["EndpointConfigArn"],
            "creation_time": config.get("CreationTime"),
        }
        for config in listed
    ]


async def describe(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client, "describe_endpoint_config", None, GONE, EndpointConfigName=item["name"]
    )
    if answer is None:
        return None
    variants = answer.get("ProductionVariants") or []
    counts = {
        v["VariantName"]: v["InitialInstanceCount"]
        for v in variants
        if v.get("InitialInstanceCount") is not None
    }
    return {
        "variant_count": len(variants),
        "initial_instance_counts": json.dumps(dict(sorted(counts.items()))),
        "min_initial_instance_count": min(counts.values()) if counts else None,
        "kms_key_id": answer.get("KmsKeyId"),
    }


endpoint_configs = declare(
    "sagemaker.endpoint_configs",
    where="regional",
    key=("arn",),
    doc="Every SageMaker endpoint configuration, with its production variants' initial instance "
    "counts and its KMS key.",
    list=ListStep(("sagemaker:ListEndpointConfigs",), list_endpoint_configs),
    hydrates=(Hydrate("describe", ("sagemaker:DescribeEndpointConfig",), describe),),
    columns=(
        Column("name", "string", "The endpoint configuration's name."),
        Column(
            "arn", "string", "arn:aws:sagemaker:REGION:ACCOUNT:endpoint-config/NAME (lower case)."
        ),
        Column("creation_time", "datetime64[ns, UTC]", "When it was created."),
        Column("variant_count", "Int64", "How many production variants it has.", "describe"),
        Column(
            "initial_instance_counts",
            "string",
            "JSON object: each instance-based production variant's name -> its "
            "InitialInstanceCount (serverless variants have none).",
            "describe",
        ),
        Column(
            "min_initial_instance_count",
            "Int64",
            "The smallest InitialInstanceCount of its variants; null when all are serverless.",
            "describe",
        ),
        Column(
            "kms_key_id",
            "string",
            "The KMS key that encrypts the endpoint's storage volumes; null for AWS's own.",
            "describe",
        ),
    ),
)
