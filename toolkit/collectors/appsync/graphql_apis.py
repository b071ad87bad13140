"""``appsync.graphql_apis``: every AppSync GraphQL API, with how its callers authenticate and
what it logs.

ListGraphqlApis answers each API whole (authentication type, additional providers, log
configuration): one call a page, no hydrate.
"""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, ListStep, TableContext, declare

SERVICE = "appsync"


def authentication_types(api: dict[str, Any]) -> list[str]:
    """The primary authentication type and every additional provider's, sorted and distinct."""
    found = {api.get("authenticationType")}
    found |= {
        p.get("authenticationType") for p in api.get("additionalAuthenticationProviders") or []
    }
    return sorted(t for t in found if t)


async def list_apis(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(client, "list_graphql_apis", "graphqlApis")
    rows = []
    for api in found:
        log = api.get("logConfig") or {}
        rows.append(
            {
                "api_id": api["apiId"],
                "name": api.get("name"),
                "arn": api["arn"],
                "authentication_type": api.get("authenticationType"),
                "authentication_types": json.dumps(authentication_types(api)),
                "field_log_level": log.get("fieldLogLevel") or "NONE",
                "log_role_arn": log.get("cloudWatchLogsRoleArn"),
                "xray_enabled": api.get("xrayEnabled"),
                "visibility": api.get("visibility"),
            }
        )
    return rows


graphql_apis = declare(
    "appsync.graphql_apis",
    where="regional",
    key=("arn",),
    doc="Every AppSync GraphQL API, with its authentication types and field-level logging.",
    list=ListStep(("appsync:ListGraphqlApis",), list_apis),
    columns=(
        Column("api_id", "string", "The API's id."),
        Column("name", "string", "The API's name."),
        Column("arn", "string", "arn:aws:appsync:REGION:ACCOUNT:apis/ID."),
        Column(
            "authentication_type",
            "string",
            "The primary authentication type: API_KEY, AWS_IAM, AMAZON_COGNITO_USER_POOLS, "
            "OPENID_CONNECT or AWS_LAMBDA.",
        ),
        Column(
            "authentication_types",
            "string",
            "JSON list, sorted, of the primary and every additional authentication type.",
        ),
        Column(
            "field_log_level",
            "string",
            "Field-level logging to CloudWatch Logs: NONE (also when logging is not configured), "
            "ERROR, INFO, DEBUG or ALL.",
        ),
        Column("log_role_arn", "string", "The role AppSync assumes to write logs; null without."),
        Column("xray_enabled", "boolean", "True when requests are traced with X-Ray."),
        Column("visibility", "string", "GLOBAL (public endpoint) or PRIVATE (VPC only)."),
    ),
)
