"""``cloudformation.stacks``: every CloudFormation stack, with the service role it deploys with
and whether termination protection is on.

DescribeStacks without a stack name answers every stack that is not deleted, whole: one call a
page, no hydrate.
"""

from __future__ import annotations

from typing import Any

from ..base import Column, ListStep, TableContext, declare

SERVICE = "cloudformation"


async def list_stacks(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(client, "describe_stacks", "Stacks")
    return [
        {
            "stack_name": s["StackName"],
            "arn": s["StackId"],
            "stack_status": s.get("StackStatus"),
            "creation_time": s.get("CreationTime"),
            "role_arn": s.get("RoleARN"),
            "termination_protection": bool(s.get("EnableTerminationProtection", False)),
            "disable_rollback": s.get("DisableRollback"),
        }
        for s in found
    ]


stacks = declare(
    "cloudformation.stacks",
    where="regional",
    key=("arn",),
    doc="Every CloudFormation stack, with its service role and termination protection.",
    list=ListStep(("cloudformation:DescribeStacks",), list_stacks),
    columns=(
        Column("stack_name", "string", "The stack's name."),
        Column(
            "arn", "string", "The stack id: arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/ID."
        ),
        Column(
            "stack_status", "string", "CREATE_COMPLETE, UPDATE_COMPLETE, ROLLBACK_COMPLETE, ..."
        ),
        Column("creation_time", "datetime64[ns, UTC]", "When it was created."),
        Column(
            "role_arn",
            "string",
            "The service role CloudFormation assumes to change the stack's resources; null when "
            "it acts with the credentials of whoever deploys.",
        ),
        Column(
            "termination_protection",
            "boolean",
            "True when the stack cannot be deleted until the protection is turned off.",
        ),
        Column("disable_rollback", "boolean", "True when a failed creation is not rolled back."),
    ),
)
