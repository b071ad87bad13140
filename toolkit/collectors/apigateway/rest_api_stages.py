"""``apigateway.rest_api_stages``: every stage of every REST API, with what FSBP APIGateway.1
to .5 judge: execution logging level, X-Ray tracing, cache encryption, client certificate for
the backend and the WAF web ACL.

A stage is the unit AWS judges, so the rows are stages; the list step reads the APIs
(GetRestApis) and each API's stages (GetStages, one call an API, in the list step because it is
what finds the rows).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from ...aws.errors import error_code
from ..base import Column, ListStep, TableContext, bool_or_none, declare

SERVICE = "apigateway"
PAGE = {"PaginationConfig": {"PageSize": 500}}
#: The method settings that apply to every method of a stage.
EVERY_METHOD = "*/*"
#: Execution logging when a stage sets no level.
OFF = "OFF"
#: An API deleted between the list and its stages is gone: no rows.
GONE = ("NotFoundException",)


def stage_arn(region: str, api_id: str, stage: str) -> str:
    return f"arn:aws:apigateway:{region}::/restapis/{api_id}/stages/{stage}"


def stage_row(region: str, api: dict[str, Any], stage: dict[str, Any]) -> dict[str, Any]:
    settings = stage.get("methodSettings") or {}
    every = settings.get(EVERY_METHOD) or {}
    overrides = {
        path: value.get("loggingLevel") or OFF
        for path, value in settings.items()
        if path != EVERY_METHOD and "loggingLevel" in value
    }
    cached = {
        path: bool(value.get("cacheDataEncrypted"))
        for path, value in settings.items()
        if value.get("cachingEnabled")
    }
    access_logs = stage.get("accessLogSettings") or {}
    return {
        "arn": stage_arn(region, api["id"], stage["stageName"]),
        "rest_api_id": api["id"],
        "rest_api_name": api.get("name"),
        "endpoint_types": json.dumps(
            sorted((api.get("endpointConfiguration") or {}).get("types") or [])
        ),
        "stage_name": stage["stageName"],
        "deployment_id": stage.get("deploymentId"),
        "logging_level": every.get("loggingLevel") or OFF,
        "method_logging_levels": json.dumps(overrides, sort_keys=True),
        "tracing_enabled": bool(stage.get("tracingEnabled")),
        "cache_cluster_enabled": bool_or_none(stage.get("cacheClusterEnabled")),
        "cache_encryption": json.dumps(cached, sort_keys=True),
        "client_certificate_id": stage.get("clientCertificateId"),
        "web_acl_arn": stage.get("webAclArn"),
        "access_log_destination": access_logs.get("destinationArn"),
    }


async def list_stages(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    apis = await ctx.aws.items(client, "get_rest_apis", "items", **PAGE)

    async def stages(api: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            answer = await ctx.aws.call(client, "get_stages", restApiId=api["id"])
        except Exception as exc:
            if error_code(exc) in GONE:
                return []
            raise
        return [stage_row(ctx.region, api, stage) for stage in answer.get("item") or []]

    found = await asyncio.gather(*(stages(api) for api in apis))
    return [row for rows in found for row in rows]


rest_api_stages = declare(
    "apigateway.rest_api_stages",
    where="regional",
    key=("arn",),
    doc="Every stage of every REST API: execution logging, tracing, cache, certificate, WAF.",
    list=ListStep(("apigateway:GET",), list_stages),
    columns=(
        Column("arn", "string", "arn:aws:apigateway:REGION::/restapis/API_ID/stages/STAGE."),
        Column("rest_api_id", "string", "The REST API's id."),
        Column("rest_api_name", "string", "The REST API's name."),
        Column("endpoint_types", "string", "JSON list: EDGE, REGIONAL or PRIVATE."),
        Column("stage_name", "string", "The stage's name, e.g. prod."),
        Column("deployment_id", "string", "The deployment the stage serves."),
        Column(
            "logging_level",
            "string",
            "Execution logging of every method (method settings */*): ERROR, INFO or OFF (OFF "
            "when the stage sets none).",
        ),
        Column(
            "method_logging_levels",
            "string",
            "JSON object: each method that overrides the logging level (RESOURCE/METHOD) -> "
            "its level.",
        ),
        Column("tracing_enabled", "boolean", "Whether X-Ray active tracing is on."),
        Column("cache_cluster_enabled", "boolean", "Whether the stage has a cache cluster."),
        Column(
            "cache_encryption",
            "string",
            "JSON object: each method setting with caching on (*/* for every method) -> whether "
            "its cached data is encrypted.",
        ),
        Column(
            "client_certificate_id",
            "string",
            "The client certificate API Gateway shows the backend; null: none.",
        ),
        Column("web_acl_arn", "string", "The WAF web ACL that protects the stage; null: none."),
        Column(
            "access_log_destination",
            "string",
            "Where access logs go (a log group or Firehose ARN); null: off.",
        ),
    ),
)
