"""``apigatewayv2.stages``: every stage of every HTTP and WebSocket API, with what FSBP
APIGateway.1 (WebSocket execution logging) and APIGateway.9 (access logging) judge.

The rows are stages; the list step reads the APIs (GetApis) and each API's stages (GetStages,
in the list step because it is what finds the rows).
"""

from __future__ import annotations

import asyncio
from typing import Any

from ...aws.errors import error_code
from ..base import Column, ListStep, TableContext, bool_or_none, declare

SERVICE = "apigatewayv2"
PAGE = {"PaginationConfig": {"PageSize": 500}}
#: An API deleted between the list and its stages is gone: no rows.
GONE = ("NotFoundException",)


def stage_row(region: str, api: dict[str, Any], stage: dict[str, Any]) -> dict[str, Any]:
    access_logs = stage.get("AccessLogSettings") or {}
    websocket = api.get("ProtocolType") == "WEBSOCKET"
    defaults = stage.get("DefaultRouteSettings") or {}
    return {
        "arn": f"arn:aws:apigateway:{region}::/apis/{api['ApiId']}/stages/{stage['StageName']}",
        "api_id": api["ApiId"],
        "api_name": api.get("Name"),
        "protocol_type": api.get("ProtocolType"),
        "stage_name": stage["StageName"],
        "auto_deploy": bool_or_none(stage.get("AutoDeploy")),
        "created_date": stage.get("CreatedDate"),
        "last_updated_date": stage.get("LastUpdatedDate"),
        "access_log_destination": access_logs.get("DestinationArn"),
        "access_log_format": access_logs.get("Format"),
        # Only WebSocket APIs have execution logging; unset there means off.
        "logging_level": (defaults.get("LoggingLevel") or "OFF") if websocket else None,
    }


async def list_stages(ctx: TableContext) -> list[dict[str, Any]]:
    client = await ctx.client(SERVICE)
    apis = await ctx.aws.items(client, "get_apis", "Items", **PAGE)

    async def stages(api: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            found = await ctx.aws.items(client, "get_stages", "Items", ApiId=api["ApiId"], **PAGE)
        except Exception as exc:
            if error_code(exc) in GONE:
                return []
            raise
        return [stage_row(ctx.region, api, stage) for stage in found]

    found = await asyncio.gather(*(stages(api) for api in apis))
    return [row for rows in found for row in rows]


stages = declare(
    "apigatewayv2.stages",
    where="regional",
    key=("arn",),
    doc="Every stage of every HTTP and WebSocket API, with its access and execution logging.",
    list=ListStep(("apigateway:GET",), list_stages),
    columns=(
        Column("arn", "string", "arn:aws:apigateway:REGION::/apis/API_ID/stages/STAGE."),
        Column("api_id", "string", "The API's id."),
        Column("api_name", "string", "The API's name."),
        Column("protocol_type", "string", "HTTP or WEBSOCKET."),
        Column("stage_name", "string", "The stage's name; $default for an HTTP API's default."),
        Column("auto_deploy", "boolean", "Whether changes to the API deploy to it at once."),
        Column("created_date", "datetime64[ns, UTC]", "When it was created."),
        Column("last_updated_date", "datetime64[ns, UTC]", "When it last changed."),
        Column(
            "access_log_destination",
            "string",
            "Where access logs go (a log group or Firehose ARN); null: off.",
        ),
        Column("access_log_format", "string", "The access log line's format; null: off."),
        Column(
            "logging_level",
            "string",
            "WebSocket APIs: execution logging of the default route (ERROR, INFO or OFF); null "
            "for HTTP APIs, which have none.",
        ),
    ),
)
