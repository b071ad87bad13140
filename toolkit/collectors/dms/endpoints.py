"""``dms.endpoints``: every DMS source and target endpoint, with how its connection is
protected: the SSL mode, and the engine's own settings for Neptune (IAM authorization),
MongoDB (authentication type) and Redis OSS (TLS).

DescribeEndpoints answers each endpoint whole: one call a page, no hydrate. Passwords are
never answered by AWS and never kept.
"""

from __future__ import annotations

from typing import Any

from ..base import Column, ListStep, TableContext, declare

SERVICE = "dms"


def endpoint_row(e: dict[str, Any]) -> dict[str, Any]:
    neptune = e.get("NeptuneSettings") or {}
    mongo = e.get("MongoDbSettings") or {}
    redis = e.get("RedisSettings") or {}
    return {
        "identifier": e["EndpointIdentifier"],
        "arn": e["EndpointArn"],
        "endpoint_type": (e.get("EndpointType") or "").upper() or None,
        "engine_name": e.get("EngineName"),
        "server_name": e.get("ServerName") or redis.get("ServerName"),
        "port": e.get("Port") or redis.get("Port"),
        "ssl_mode": e.get("SslMode"),
        "neptune_iam_auth_enabled": neptune.get("IamAuthEnabled") if neptune else None,
        "mongodb_auth_type": mongo.get("AuthType"),
        "redis_ssl_security_protocol": redis.get("SslSecurityProtocol"),
    }


async def list_endpoints(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    found = await ctx.aws.items(client, "describe_endpoints", "Endpoints")
    return [endpoint_row(e) for e in found]


endpoints = declare(
    "dms.endpoints",
    where="regional",
    key=("arn",),
    doc="Every DMS endpoint, with its SSL mode and its engine's authentication and TLS settings.",
    list=ListStep(("dms:DescribeEndpoints",), list_endpoints),
    columns=(
        Column("identifier", "string", "The endpoint's identifier."),
        Column("arn", "string", "arn:aws:dms:REGION:ACCOUNT:endpoint:ID."),
        Column("endpoint_type", "string", "SOURCE or TARGET."),
        Column(
            "engine_name", "string", "mysql, postgres, oracle, mongodb, neptune, redis, s3, ..."
        ),
        Column("server_name", "string", "The database host (Redis OSS's from its settings)."),
        Column("port", "Int64", "The database port (Redis OSS's from its settings)."),
        Column(
            "ssl_mode",
            "string",
            "none, require, verify-ca or verify-full; null where the engine has no SSL mode.",
        ),
        Column(
            "neptune_iam_auth_enabled",
            "boolean",
            "Neptune endpoints: True when IAM authorization is on; null for other engines.",
        ),
        Column(
            "mongodb_auth_type",
            "string",
            "MongoDB endpoints: password or no; null for other engines.",
        ),
        Column(
            "redis_ssl_security_protocol",
            "string",
            "Redis OSS endpoints: ssl-encryption or plaintext; null for other engines.",
        ),
    ),
)
