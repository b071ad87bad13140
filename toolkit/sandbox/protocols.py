"""Read an AWS request off the wire, and write errors in each protocol's own shape.

The middleware needs to know, for every request, which service and operation it is and who
sent it, and to answer throttling or AccessDenied exactly as that service would, so that
botocore classifies and retries them as it does against AWS. Operations of REST services
(S3, Lambda, ...) are matched against botocore's own service models.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import parse_qs

#: Signing names that differ from botocore's service name.
SIGNING_TO_SERVICE = {
    "sso": "sso-admin",
    "awsssoportal": "sso",
    "access-analyzer": "accessanalyzer",
    "elasticfilesystem": "efs",
    "monitoring": "cloudwatch",
    # Classic and v2 load balancing sign alike; a Classic request says Version=2012-06-01.
    "elasticloadbalancing": "elbv2",
    "elasticmapreduce": "emr",
}
CLASSIC_ELB_VERSION = "2012-06-01"
#: OpenSearch Service and its older Elasticsearch API both sign as "es"; the OpenSearch API's
#: paths start with its version.
OPENSEARCH_PATH = "/2021-01-01/"

THROTTLE = {
    "ec2": ("RequestLimitExceeded", 503),
    "query": ("Throttling", 400),
    "json": ("ThrottlingException", 400),
    "rest-json": ("TooManyRequestsException", 429),
    "rest-xml": ("SlowDown", 503),
}
DENY = {
    "ec2": ("UnauthorizedOperation", 403),
    "query": ("AccessDenied", 403),
    "json": ("AccessDeniedException", 400),
    "rest-json": ("AccessDeniedException", 403),
    "rest-xml": ("AccessDenied", 403),
}


@dataclass(frozen=True)
class RequestInfo:
    service: str  # botocore service name, e.g. "s3", "sso-admin"
    operation: str  # e.g. "ListBuckets"
    protocol: str  # query, ec2, json, rest-json, rest-xml
    access_key: str
    region: str
    params: dict[str, str]  # query-protocol parameters (AssumeRole's RoleArn, ...)
    path: str
    signing_name: str  # the SigV4 service name, also the IAM prefix: s3control signs as "s3"

    @property
    def name(self) -> str:
        return f"{self.service}.{self.operation}"


def parse(environ: dict[str, Any], body: bytes) -> RequestInfo | None:
    """Service, operation and caller of a signed AWS request; None for anything else."""
    auth = environ.get("HTTP_AUTHORIZATION", "")
    match = re.search(r"Credential=([^/]+)/\d+/([^/]+)/([^/]+)/aws4_request", auth)
    if not match:
        return None
    access_key, region, signing = match.groups()
    path = environ.get("PATH_INFO", "")
    service = SIGNING_TO_SERVICE.get(signing, signing)
    if service == "s3" and path.startswith("/v20180820/"):
        service = "s3control"
    if service == "apigateway" and path.startswith("/v2/"):
        service = "apigatewayv2"  # HTTP and WebSocket APIs sign as API Gateway too
    if service == "es" and path.startswith(OPENSEARCH_PATH):
        service = "opensearch"
    model = _model(service)
    protocol = model.metadata.get("protocol", "") if model else ""
    params: dict[str, str] = {}
    operation = ""
    if protocol in ("query", "ec2"):
        fields = parse_qs(environ.get("QUERY_STRING", ""))
        if body and environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
            fields.update(parse_qs(body.decode("utf-8", "replace")))
        params = {k: v[0] for k, v in fields.items()}
        operation = params.get("Action", "")
        if signing == "elasticloadbalancing" and params.get("Version") == CLASSIC_ELB_VERSION:
            service = "elb"
    elif protocol == "json" or environ.get("HTTP_X_AMZ_TARGET"):
        operation = environ.get("HTTP_X_AMZ_TARGET", "").rpartition(".")[2]
        protocol = protocol or "json"
    elif model is not None:
        operation = _rest_operation(
            service, environ.get("REQUEST_METHOD", "GET"), path, environ.get("QUERY_STRING", "")
        )
    return RequestInfo(
        service,
        operation or "Unknown",
        protocol or "rest-json",
        access_key,
        region,
        params,
        path,
        signing,
    )


@cache
def _botocore_session() -> Any:
    """One botocore session for every model the sandbox reads, on moto's loader (each model
    is parsed once per process)."""
    import botocore.session

    from .moto_speedups import shared_loader

    session = botocore.session.get_session()
    session.register_component("data_loader", shared_loader())
    return session


@cache
def _model(service: str) -> Any:
    from botocore.exceptions import UnknownServiceError

    try:
        return _botocore_session().get_service_model(service)
    except UnknownServiceError:
        return None


@cache
def _rest_routes(service: str) -> list[tuple[str, re.Pattern[str], frozenset[str], int, str]]:
    """(method, path pattern, literal query keys, specificity, operation) for a REST service.

    Current operations come before deprecated ones, so that a route two share (S3's ``GET
    /{Bucket}?lifecycle`` is GetBucketLifecycleConfiguration's and the deprecated
    GetBucketLifecycle's) is named as today's SDKs call it."""
    model = _model(service)
    routes = []
    names = sorted(model.operation_names, key=lambda n: bool(model.operation_model(n).deprecated))
    for name in names:
        http = model.operation_model(name).http
        uri = http.get("requestUri", "/")
        path, _, query = uri.partition("?")
        literal_keys = frozenset(part.split("=")[0] for part in query.split("&") if part)
        pattern = ""
        literals = 0
        for piece in re.split(r"(\{[^}]+\})", path):
            if piece.startswith("{"):
                pattern += ".+" if piece.endswith("+}") else "[^/]+"
            else:
                pattern += re.escape(piece)
                literals += len(piece.strip("/"))
        pattern = pattern.rstrip("/") or ""
        compiled = re.compile(f"^{pattern}/?$")
        routes.append((http.get("method", "GET"), compiled, literal_keys, literals, name))
    return routes


def _rest_operation(service: str, method: str, path: str, query_string: str) -> str:
    keys = set(parse_qs(query_string, keep_blank_values=True))
    best: tuple[int, int, str] | None = None
    for route_method, pattern, literal_keys, literals, name in _rest_routes(service):
        if route_method != method or not literal_keys <= keys or not pattern.match(path):
            continue
        rank = (len(literal_keys), literals, name)
        if best is None or rank[:2] > best[:2]:
            best = rank
    return best[2] if best else ""


def error_response(
    info: RequestInfo, code: str, status: int, message: str
) -> tuple[int, list[tuple[str, str]], bytes]:
    """An error in the protocol of ``info``'s service, as that service sends it."""
    request_id = str(uuid.uuid4())
    if info.protocol in ("json", "rest-json"):
        body = json.dumps({"__type": code, "message": message}).encode()
        headers = [
            ("Content-Type", "application/x-amz-json-1.1"),
            ("x-amzn-ErrorType", code),
            ("x-amzn-RequestId", request_id),
        ]
        return status, headers, body
    if info.protocol == "ec2":
        xml = (
            f"<Response><Errors><Error><Code>{code}</Code><Message>{_xml(message)}</Message>"
            f"</Error></Errors><RequestID>{request_id}</RequestID></Response>"
        )
    elif info.protocol == "query":
        xml = (
            f'<ErrorResponse xmlns="https://{info.service}.amazonaws.com/doc/"><Error>'
            f"<Type>Sender</Type><Code>{code}</Code><Message>{_xml(message)}</Message></Error>"
            f"<RequestId>{request_id}</RequestId></ErrorResponse>"
        )
    else:
        xml = (
            f"<Error><Code>{code}</Code><Message>{_xml(message)}</Message>"
            f"<RequestId>{request_id}</RequestId></Error>"
        )
    body = ('<?xml version="1.0" encoding="UTF-8"?>' + xml).encode()
    return status, [("Content-Type", "text/xml"), ("x-amzn-RequestId", request_id)], body


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
