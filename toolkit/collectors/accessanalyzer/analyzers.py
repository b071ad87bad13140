"""``accessanalyzer.analyzers``: every analyzer of each account and region (ListAnalyzers)."""

from __future__ import annotations

from typing import Any

from ..base import Column, ListStep, TableContext, declare

SERVICE = "accessanalyzer"


async def list_analyzers(ctx: TableContext) -> list[dict[str, Any]]:
    listed = await ctx.aws.items(await ctx.client(SERVICE), "list_analyzers", "analyzers")
    return [
        {
            "arn": analyzer["arn"],
            "name": analyzer.get("name"),
            "type": analyzer.get("type"),
            "status": analyzer.get("status"),
            "created_at": analyzer.get("createdAt"),
        }
        for analyzer in listed
    ]


analyzers = declare(
    "accessanalyzer.analyzers",
    where="regional",
    key=("arn",),
    doc="Every IAM Access Analyzer analyzer of each account and region.",
    list=ListStep(("access-analyzer:ListAnalyzers",), list_analyzers),
    columns=(
        Column("arn", "string", "arn:aws:access-analyzer:REGION:ACCOUNT:analyzer/NAME."),
        Column("name", "string", "The analyzer's name."),
        Column(
            "type",
            "string",
            "Its zone of trust and analysis: ACCOUNT or ORGANIZATION (external access), "
            "ACCOUNT_UNUSED_ACCESS, ORGANIZATION_UNUSED_ACCESS, ACCOUNT_INTERNAL_ACCESS or "
            "ORGANIZATION_INTERNAL_ACCESS.",
        ),
        Column(
            "status",
            "string",
            "ACTIVE, CREATING, DISABLED (an organization analyzer that lost its trusted "
            "access or delegated administrator) or FAILED.",
        ),
        Column("created_at", "datetime64[ns, UTC]", "When the analyzer was created."),
    ),
)
