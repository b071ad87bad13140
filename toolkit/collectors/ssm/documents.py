"""``ssm.documents``: every Systems Manager document the account owns, with whom it is shared.

A document shared with the account id ``all`` is public: any AWS account can run it.
"""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare

SERVICE = "ssm"
#: The account id that DescribeDocumentPermission names when a document is public.
EVERYONE = "all"
#: A document deleted between ListDocuments and DescribeDocumentPermission: no row.
GONE = ("InvalidDocument",)


async def list_documents(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    listed = await ctx.aws.items(
        client,
        "list_documents",
        "DocumentIdentifiers",
        Filters=[{"Key": "Owner", "Values": ["Self"]}],
        PaginationConfig={"PageSize": 50},
    )
    return [
        {
            "name": document["Name"],
            "arn": f"arn:aws:ssm:{ctx.region}:{ctx.account_id}:document/{document['Name']}",
            "owner": document.get("Owner"),
            "document_type": document.get("DocumentType"),
            "document_format": document.get("DocumentFormat"),
            "document_version": document.get("DocumentVersion"),
            "schema_version": document.get("SchemaVersion"),
        }
        for document in listed
    ]


async def permissions(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client,
        "describe_document_permission",
        None,
        GONE,
        Name=item["name"],
        PermissionType="Share",
    )
    if answer is None:
        return None
    accounts = sorted(answer.get("AccountIds") or [])
    return {
        "shared_with": json.dumps(accounts),
        "public": any(account.lower() == EVERYONE for account in accounts),
    }


documents = declare(
    "ssm.documents",
    where="regional",
    key=("arn",),
    doc="Every Systems Manager document the account owns, with whom it is shared.",
    list=ListStep(("ssm:ListDocuments",), list_documents),
    hydrates=(Hydrate("permissions", ("ssm:DescribeDocumentPermission",), permissions),),
    columns=(
        Column("name", "string", "The document's name."),
        Column("arn", "string", "arn:aws:ssm:REGION:ACCOUNT:document/NAME."),
        Column("owner", "string", "The account that owns the document."),
        Column("document_type", "string", "Command, Automation, Session, Policy, ..."),
        Column("document_format", "string", "JSON, YAML or TEXT."),
        Column("document_version", "string", "The default version."),
        Column("schema_version", "string", "The document's schema version."),
        Column(
            "shared_with",
            "string",
            "JSON sorted list of the account ids the document is shared with; 'all' when public.",
            "permissions",
        ),
        Column(
            "public", "boolean", "Whether the document is shared with every account.", "permissions"
        ),
    ),
)
