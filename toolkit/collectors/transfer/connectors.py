"""``transfer.connectors``: every Transfer Family connector (AS2 or SFTP to a partner's
server), with the role it logs with.

ListConnectors answers id, ARN and URL; one hydrate, DescribeConnector, answers the roles and
the protocol.
"""

from __future__ import annotations

from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare

SERVICE = "transfer"
#: A connector deleted between the list and its description is gone: no row.
GONE = ("ResourceNotFoundException",)


async def list_connectors(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(client, "list_connectors", "Connectors")
    return [{"connector_id": c["ConnectorId"], "arn": c["Arn"], "url": c.get("Url")} for c in found]


async def describe(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client, "describe_connector", None, GONE, ConnectorId=item["connector_id"]
    )
    if answer is None:
        return None
    connector = answer.get("Connector") or {}
    return {
        "protocol": "SFTP" if connector.get("SftpConfig") else "AS2",
        "access_role": connector.get("AccessRole"),
        "logging_role": connector.get("LoggingRole"),
    }


connectors = declare(
    "transfer.connectors",
    where="regional",
    key=("arn",),
    doc="Every Transfer Family connector, with its protocol and logging role.",
    list=ListStep(("transfer:ListConnectors",), list_connectors),
    hydrates=(Hydrate("connector", ("transfer:DescribeConnector",), describe),),
    columns=(
        Column("connector_id", "string", "The connector's id, c-..."),
        Column("arn", "string", "arn:aws:transfer:REGION:ACCOUNT:connector/ID."),
        Column("url", "string", "The partner's server: sftp://HOST or an AS2 URL."),
        Column("protocol", "string", "SFTP or AS2.", "connector"),
        Column(
            "access_role",
            "string",
            "The role the connector reads and writes files with.",
            "connector",
        ),
        Column(
            "logging_role",
            "string",
            "The role the connector writes CloudWatch logs with; null when it logs nothing.",
            "connector",
        ),
    ),
)
