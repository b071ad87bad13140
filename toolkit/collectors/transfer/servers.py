"""``transfer.servers``: every Transfer Family server, with the protocols its endpoint speaks.

ListServers answers identity, state, endpoint and identity provider; one hydrate,
DescribeServer, answers the protocols and the logging role.
"""

from __future__ import annotations

import json
from typing import Any

from ..base import Column, Hydrate, ListStep, TableContext, declare

SERVICE = "transfer"
#: A server deleted between the list and its description is gone: no row.
GONE = ("ResourceNotFoundException",)


async def list_servers(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(client, "list_servers", "Servers")
    return [
        {
            "server_id": s["ServerId"],
            "arn": s["Arn"],
            "state": s.get("State"),
            "endpoint_type": s.get("EndpointType"),
            "identity_provider_type": s.get("IdentityProviderType"),
            "user_count": s.get("UserCount"),
        }
        for s in found
    ]


async def describe(ctx: TableContext, item: dict[str, Any]) -> dict[str, Any] | None:
    client = await ctx.client(SERVICE)
    answer = await ctx.aws.call_or(
        client, "describe_server", None, GONE, ServerId=item["server_id"]
    )
    if answer is None:
        return None
    server = answer.get("Server") or {}
    return {
        "protocols": json.dumps(sorted(server.get("Protocols") or [])),
        "logging_role": server.get("LoggingRole"),
    }


servers = declare(
    "transfer.servers",
    where="regional",
    key=("arn",),
    doc="Every Transfer Family server, with the protocols its endpoint speaks.",
    list=ListStep(("transfer:ListServers",), list_servers),
    hydrates=(Hydrate("server", ("transfer:DescribeServer",), describe),),
    columns=(
        Column("server_id", "string", "The server's id, s-..."),
        Column("arn", "string", "arn:aws:transfer:REGION:ACCOUNT:server/ID."),
        Column("state", "string", "ONLINE, OFFLINE, STARTING, STOPPING, ..."),
        Column("endpoint_type", "string", "PUBLIC, VPC or VPC_ENDPOINT."),
        Column(
            "identity_provider_type",
            "string",
            "SERVICE_MANAGED, AWS_DIRECTORY_SERVICE, API_GATEWAY or AWS_LAMBDA.",
        ),
        Column("user_count", "Int64", "How many service-managed users it has."),
        Column(
            "protocols",
            "string",
            "JSON list, sorted, of the protocols clients connect with: SFTP, FTPS, FTP, AS2.",
            "server",
        ),
        Column(
            "logging_role",
            "string",
            "The role the server writes CloudWatch logs with; null when it logs nothing.",
            "server",
        ),
    ),
)
