"""``athena.workgroups``: every Athena workgroup, with whether it publishes query metrics to
CloudWatch and how its query results are stored.

ListWorkGroups answers the name, state, description and creation time (the ARN is built from
the name); one hydrate, GetWorkGroup, answers the configuration.
"""

from __future__ import annotations

from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare
from ..ec2._shared import partition

SERVICE = "athena"
LIMIT = 50
#: A workgroup deleted between the list and its configuration is gone: no row.
GONE = ("InvalidRequestException", "ResourceNotFoundException")


async def list_workgroups(ctx: TableContext) -> list[dict[str, Any]]:
    """ListWorkGroups has no paginator: follow NextToken."""
    client = await ctx.client(SERVICE)
    prefix = f"arn:{partition(ctx.region)}:athena:{ctx.region}:{ctx.account_id}:workgroup/"
    found: list[dict[str, Any]] = []
    token: str | None = None
    while True:
        page = await ctx.aws.call(
            client, "list_work_groups", MaxResults=LIMIT, **({"NextToken": token} if token else {})
        )
        found.extend(page.get("WorkGroups") or [])
        token = page.get("NextToken")
        if not token or not page.get("WorkGroups"):
            break
    return [
        {
            "workgroup_name": w["Name"],
            "arn": prefix + w["Name"],
            "state": w.get("State"),
            "description": w.get("Description") or None,
            "creation_time": w.get("CreationTime"),
        }
        for w in found
    ]


async def configuration(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client, "get_work_group", None, GONE, WorkGroup=item["workgroup_name"]
    )
    if answer is None:
        return None
    found = (answer.get("WorkGroup") or {}).get("Configuration") or {}
    results = found.get("ResultConfiguration") or {}
    encryption = results.get("EncryptionConfiguration") or {}
    return {
        "publish_cloudwatch_metrics_enabled": bool(found.get("PublishCloudWatchMetricsEnabled")),
        "enforce_workgroup_configuration": bool(found.get("EnforceWorkGroupConfiguration")),
        "output_location": results.get("OutputLocation"),
        "encryption_option": encryption.get("EncryptionOption"),
        "kms_key": encryption.get("KmsKey"),
        "engine_version": (found.get("EngineVersion") or {}).get("EffectiveEngineVersion"),
    }


workgroups = declare(
    "athena.workgroups",
    where="regional",
    key=("arn",),
    doc="Every Athena workgroup, with its CloudWatch query metrics and query result storage.",
    list=ListStep(("athena:ListWorkGroups",), list_workgroups),
    hydrates=(Hydrate("configuration", ("athena:GetWorkGroup",), configuration),),
    columns=(
        Column("workgroup_name", "string", "The workgroup's name (primary: the default one)."),
        Column("arn", "string", "arn:aws:athena:REGION:ACCOUNT:workgroup/NAME."),
        Column("state", "string", "ENABLED or DISABLED."),
        Column("description", "string", "Its description; null without one."),
        Column("creation_time", "datetime64[ns, UTC]", "When it was created."),
        Column(
            "publish_cloudwatch_metrics_enabled",
            "boolean",
            "Whether it publishes query metrics to CloudWatch.",
            "configuration",
        ),
        Column(
            "enforce_workgroup_configuration",
            "boolean",
            "Whether its settings override the ones a query's client asks for.",
            "configuration",
        ),
        Column(
            "output_location",
            "string",
            "The S3 location of query results (s3://bucket/prefix/); null without one.",
            "configuration",
        ),
        Column(
            "encryption_option",
            "string",
            "How query results are encrypted: SSE_S3, SSE_KMS or CSE_KMS; null when not.",
            "configuration",
        ),
        Column(
            "kms_key",
            "string",
            "The KMS key of SSE_KMS or CSE_KMS; null otherwise.",
            "configuration",
        ),
        Column(
            "engine_version",
            "string",
            "The query engine it runs (Athena engine version 3...).",
            "configuration",
        ),
    ),
)
