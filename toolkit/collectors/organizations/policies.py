"""``organizations.policies``: service control policies; ``content`` is DescribePolicy each."""

from __future__ import annotations

from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare
from ._shared import client, scp_summaries


async def list_policies(ctx: TableContext) -> list[dict[str, Any]]:
    return [
        {
            "id": summary["Id"],
            "arn": summary.get("Arn"),
            "name": summary.get("Name"),
            "description": summary.get("Description"),
            "type": summary.get("Type"),
            "aws_managed": summary.get("AwsManaged"),
            "region": "global",
        }
        for summary in await scp_summaries(ctx)
    ]


async def content(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any]:
    answer = await ctx.aws.call(await client(ctx), "describe_policy", PolicyId=item["id"])
    return {"content": answer["Policy"].get("Content")}


policies = declare(
    "organizations.policies",
    where="organization",
    key=("id",),
    doc="Service control policies and their documents.",
    list=ListStep(("organizations:ListPolicies",), list_policies),
    hydrates=(Hydrate("content", ("organizations:DescribePolicy",), content),),
    columns=(
        Column("id", "string", "The policy's id (p-...)."),
        Column("arn", "string", "The policy's ARN."),
        Column("name", "string", "The policy's name."),
        Column("description", "string", "The policy's description."),
        Column("type", "string", "SERVICE_CONTROL_POLICY."),
        Column("aws_managed", "boolean", "Whether AWS manages the policy (e.g. FullAWSAccess)."),
        Column("content", "string", "The policy document, JSON.", "content"),
    ),
)
