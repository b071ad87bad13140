"""``sagemaker.notebook_instances``: every SageMaker notebook instance, with its network placement
(a subnet of the account's VPC or SageMaker's own), direct internet access and root access.

The list step (ListNotebookInstances) answers name, status and type; the settings are a
per-instance hydrate (DescribeNotebookInstance).
"""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare

SERVICE = "sagemaker"
PAGE = {"PaginationConfig": {"PageSize": 100}}
#: A notebook instance deleted between the list and its description: no row.
GONE = ("ValidationException",)


async def list_notebook_instances(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    listed = await ctx.aws.items(client, "list_notebook_instances", "NotebookInstances", **PAGE)
    return [
        {
            "name": notebook["NotebookInstanceName"],
            "arn": notebook["NotebookInstanceArn"],
            "status": notebook.get("NotebookInstanceStatus"),
            "instance_type": notebook.get("InstanceType"),
            "creation_time": notebook.get("CreationTime"),
        }
        for notebook in listed
    ]


def _enabled(value: Any) -> bool | None:
    """SageMaker's "Enabled"/"Disabled" as a flag; None when it does not say."""
    return None if value is None else value == "Enabled"


async def describe(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client, "describe_notebook_instance", None, GONE, NotebookInstanceName=item["name"]
    )
    if answer is None:
        return None
    return {
        "subnet_id": answer.get("SubnetId"),
        "security_groups": json.dumps(sorted(answer.get("SecurityGroups") or [])),
        "direct_internet_access": _enabled(answer.get("DirectInternetAccess")),
        "root_access": _enabled(answer.get("RootAccess")),
        "kms_key_id": answer.get("KmsKeyId"),
        "role_arn": answer.get("RoleArn"),
        "volume_size_gb": answer.get("VolumeSizeInGB"),
    }


notebook_instances = declare(
    "sagemaker.notebook_instances",
    where="regional",
    key=("arn",),
    doc="Every SageMaker notebook instance, with its network placement, direct internet access "
    "and root access.",
    list=ListStep(("sagemaker:ListNotebookInstances",), list_notebook_instances),
    hydrates=(Hydrate("describe", ("sagemaker:DescribeNotebookInstance",), describe),),
    columns=(
        Column("name", "string", "The notebook instance's name."),
        Column(
            "arn", "string", "arn:aws:sagemaker:REGION:ACCOUNT:notebook-instance/NAME (lower case)."
        ),
        Column("status", "string", "Pending, InService, Stopping, Stopped, Failed, Deleting, ..."),
        Column("instance_type", "string", "The ML compute instance type (ml.t3.medium, ...)."),
        Column("creation_time", "datetime64[ns, UTC]", "When it was created."),
        Column(
            "subnet_id",
            "string",
            "The subnet of the account's VPC its network interface is in; null when it runs in "
            "SageMaker's own VPC.",
            "describe",
        ),
        Column(
            "security_groups",
            "string",
            "JSON sorted list of the security group ids of its network interface.",
            "describe",
        ),
        Column(
            "direct_internet_access",
            "boolean",
            "Whether SageMaker gives it internet access through its own VPC (the default).",
            "describe",
        ),
        Column(
            "root_access",
            "boolean",
            "Whether its users can become root on it (the default).",
            "describe",
        ),
        Column(
            "kms_key_id",
            "string",
            "The KMS key that encrypts its storage volume; null for AWS's own key.",
            "describe",
        ),
        Column("role_arn", "string", "The IAM role it acts as.", "describe"),
        Column("volume_size_gb", "Int64", "Size of its ML storage volume, in GB.", "describe"),
    ),
)
