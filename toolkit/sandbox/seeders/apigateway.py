"""Amazon API Gateway: REST APIs deployed to a stage with or without execution logging, X-Ray
tracing, an encrypted cache, a client certificate, access logs and a WAF web ACL; HTTP and
WebSocket APIs (API Gateway V2) with a stage with or without access logs and execution logging.

Seeded after CloudFront (the last step before it), so that no earlier id changes. A REST API
gets one GET method on its root (a mock integration) and a deployment. A web ACL a stage names
is made for it (``wafv2.make_web_acl``, REGIONAL scope, in the stage's region) and associated
with the stage. moto keeps
no client certificate (it has none to generate): ``apigateway_answers`` keeps the id the
estate gives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import wafv2
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

#: What an access log line says (the request, the caller, the answer).
ACCESS_LOG_FORMAT = '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":"$context.status"}'
REST_API = {
    "name": str,
    "region": str,
    "stage": str,
    #: Execution logging of every method: ERROR or INFO (absent: off).
    "logging_level": str,
    "tracing": bool,
    #: A cache cluster with caching on for every method, its data encrypted or not.
    "cache": {"encrypted": bool},
    "client_certificate_id": str,
    #: A REGIONAL web ACL made for the stage and associated with it.
    "web_acl": wafv2.WEB_ACL,
    #: The name of the log group access logs go to.
    "access_log_group": str,
    "planted": PLANTED,
}
V2_API = {
    "name": str,
    "region": str,
    #: HTTP or WEBSOCKET.
    "protocol": str,
    "stage": str,
    "access_log_group": str,
    #: WebSocket APIs: execution logging of the default route, ERROR or INFO (absent: off).
    "logging_level": str,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"apigateway_rest_apis": [REST_API], "apigatewayv2_apis": [V2_API]}
ROWS_BY_ACCOUNT = {"apigateway_rest_stages": "arn", "apigatewayv2_stages": "arn"}


@dataclass
class ApiGatewayTruth:
    apigateway_rest_stages: list[dict[str, Any]] = field(default_factory=list)
    apigatewayv2_stages: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's REST APIs and their stage, then its HTTP and WebSocket APIs."""
    for api in spec.get("apigateway_rest_apis", []):
        _rest_api(seeder, session, account_id, api)
    for api in spec.get("apigatewayv2_apis", []):
        _v2_api(seeder, session, account_id, api)


def _log_group_arn(region: str, account_id: str, name: str) -> str:
    return f"arn:aws:logs:{region}:{account_id}:log-group:{name}"


def _rest_api(seeder: Seeder, session: Any, account_id: str, api: dict[str, Any]) -> None:
    region = api.get("region", seeder.regions[0])
    client = seeder.client(session, "apigateway", region)
    made = client.create_rest_api(name=api["name"], endpointConfiguration={"types": ["REGIONAL"]})
    api_id = made["id"]
    root = made.get("rootResourceId") or client.get_resources(restApiId=api_id)["items"][0]["id"]
    client.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
    client.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK")
    deployment = client.create_deployment(restApiId=api_id)["id"]
    stage = api["stage"]
    cache = api.get("cache")
    client.create_stage(
        restApiId=api_id,
        stageName=stage,
        deploymentId=deployment,
        tracingEnabled=bool(api.get("tracing")),
        **({"cacheClusterEnabled": True, "cacheClusterSize": "0.5"} if cache else {}),
    )
    patches = []
    if api.get("logging_level"):
        patches.append(
            {"op": "replace", "path": "/*/*/logging/loglevel", "value": api["logging_level"]}
        )
    if cache:
        patches.append({"op": "replace", "path": "/*/*/caching/enabled", "value": "true"})
        patches.append(
            {
                "op": "replace",
                "path": "/*/*/caching/dataEncrypted",
                "value": "true" if cache.get("encrypted") else "false",
            }
        )
    if api.get("client_certificate_id"):
        patches.append(
            {"op": "replace", "path": "/clientCertificateId", "value": api["client_certificate_id"]}
        )
    destination = None
    if api.get("access_log_group"):
        destination = _log_group_arn(region, account_id, api["access_log_group"])
        patches.append(
            {"op": "replace", "path": "/accessLogSettings/destinationArn", "value": destination}
        )
        patches.append(
            {"op": "replace", "path": "/accessLogSettings/format", "value": ACCESS_LOG_FORMAT}
        )
    if patches:
        client.update_stage(restApiId=api_id, stageName=stage, patchOperations=patches)
    arn = f"arn:aws:apigateway:{region}::/restapis/{api_id}/stages/{stage}"
    web_acl_arn = None
    if api.get("web_acl"):
        web_acl_arn = wafv2.make_web_acl(
            seeder,
            session,
            account_id,
            region,
            "REGIONAL",
            api["web_acl"],
            f"the {api['name']} API's {stage} stage",
        )
        waf = seeder.client(session, "wafv2", region)
        waf.associate_web_acl(WebACLArn=web_acl_arn, ResourceArn=arn)
        wafv2.record_association(seeder, web_acl_arn, arn)
    seeder.truth.apigateway_rest_stages.append(
        {
            "account_id": account_id,
            "region": region,
            "arn": arn,
            "rest_api_id": api_id,
            "rest_api_name": api["name"],
            "stage_name": stage,
            "logging_level": api.get("logging_level", "OFF"),
            "tracing_enabled": bool(api.get("tracing")),
            "cache_encrypted": None if not cache else bool(cache.get("encrypted")),
            "client_certificate_id": api.get("client_certificate_id"),
            "web_acl_arn": web_acl_arn,
            "access_log_destination": destination,
        }
    )
    seeder.plant(api.get("planted"), account_id, region, f"{api_id}/{stage}", "apigateway_stage")


def _v2_api(seeder: Seeder, session: Any, account_id: str, api: dict[str, Any]) -> None:
    region = api.get("region", seeder.regions[0])
    client = seeder.client(session, "apigatewayv2", region)
    protocol = api.get("protocol", "HTTP")
    options = (
        {"RouteSelectionExpression": "$request.body.action"} if protocol == "WEBSOCKET" else {}
    )
    api_id = client.create_api(Name=api["name"], ProtocolType=protocol, **options)["ApiId"]
    stage = api["stage"]
    settings: dict[str, Any] = {}
    destination = None
    if api.get("access_log_group"):
        destination = _log_group_arn(region, account_id, api["access_log_group"])
        settings["AccessLogSettings"] = {
            "DestinationArn": destination,
            "Format": ACCESS_LOG_FORMAT,
        }
    if api.get("logging_level"):
        settings["DefaultRouteSettings"] = {"LoggingLevel": api["logging_level"]}
    client.create_stage(ApiId=api_id, StageName=stage, AutoDeploy=protocol == "HTTP", **settings)
    seeder.truth.apigatewayv2_stages.append(
        {
            "account_id": account_id,
            "region": region,
            "arn": f"arn:aws:apigateway:{region}::/apis/{api_id}/stages/{stage}",
            "api_id": api_id,
            "api_name": api["name"],
            "protocol_type": protocol,
            "stage_name": stage,
            "access_log_destination": destination,
            "logging_level": (api.get("logging_level") or "OFF")
            if protocol == "WEBSOCKET"
            else None,
        }
    )
    seeder.plant(api.get("planted"), account_id, region, f"{api_id}/{stage}", "apigatewayv2_stage")
