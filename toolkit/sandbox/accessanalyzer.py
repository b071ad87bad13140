"""IAM Access Analyzer in the sandbox: moto has none, so the middleware answers it here.

Analyzers are kept in this process per (account, region) in ``ANALYZERS`` (``saved_state``
saves and restores them with the estate) and answered in the service's REST-JSON shape:
CreateAnalyzer (``PUT /analyzer``), ListAnalyzers (``GET /analyzer``, optional ``type``, paged
by ``maxResults`` and ``nextToken``), GetAnalyzer and DeleteAnalyzer (``/analyzer/{name}``).

What AWS enforces, the sandbox does, with AWS's errors: names of its pattern and types of its
enum (ValidationException, reason and field list), a name used once per account and region
(ConflictException, except a retry with the same client token, which gets the same ARN), one
account-level analyzer per type per account and region and five organization-level ones
(ServiceQuotaExceededException); an organization analyzer only from the management account or
an access-analyzer.amazonaws.com delegated administrator (AccessDeniedException), and only with
the organization's trusted access for the service (ValidationException "Service not enabled
for AWS Organizations"). An organization analyzer whose trusted access is later disabled is
listed DISABLED, as AWS lists it. Analyzers are ACTIVE at once (AWS says CREATING for a few
seconds). Other operations are answered 501 NotImplemented in the same shape.
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, unquote

from .protocols import RequestInfo, error_response

Answer = tuple[int, list[tuple[str, str]], bytes]

#: (account, region) -> analyzer name -> the analyzer (ListAnalyzers' fields, plus the token).
ANALYZERS: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
TYPES = (
    "ACCOUNT",
    "ORGANIZATION",
    "ACCOUNT_UNUSED_ACCESS",
    "ORGANIZATION_UNUSED_ACCESS",
    "ACCOUNT_INTERNAL_ACCESS",
    "ORGANIZATION_INTERNAL_ACCESS",
)
SERVICE_PRINCIPAL = "access-analyzer.amazonaws.com"
#: Analyzers of one type an account may hold in a region (AWS's quotas, not adjustable here).
QUOTA = {"ACCOUNT": 1, "ORGANIZATION": 5}
NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,254}")
_lock = threading.Lock()


def answer(info: RequestInfo, account: str, query: str, body: bytes) -> Answer:
    """The answer to one Access Analyzer request signed by ``account``."""
    operation = {
        "CreateAnalyzer": _create,
        "ListAnalyzers": _list,
        "GetAnalyzer": _get,
        "DeleteAnalyzer": _delete,
    }.get(info.operation)
    if operation is None:
        return error_response(
            info,
            "NotImplemented",
            501,
            f"The sandbox does not implement Access Analyzer {info.operation}.",
        )
    try:
        fields = json.loads(body or b"{}")
    except ValueError:
        return _invalid(info, "body", "The request body is not valid JSON.")
    params = {k: v[-1] for k, v in parse_qs(query).items()}
    with _lock:
        return operation(info, account, fields, params)


def _create(info: RequestInfo, account: str, fields: dict[str, Any], _: Any) -> Answer:
    name, kind = fields.get("analyzerName"), fields.get("type")
    if not isinstance(name, str) or not NAME.fullmatch(name):
        return _invalid(info, "analyzerName", f"must match pattern {NAME.pattern}")
    if kind not in TYPES:
        return _invalid(info, "type", f"must be one of {', '.join(TYPES)}")
    held = ANALYZERS.setdefault((account, info.region), {})
    token = fields.get("clientToken")
    if name in held:
        if token and held[name].get("clientToken") == token:  # a retry: the same answer
            return _ok({"arn": held[name]["arn"]})
        return _error(
            info,
            "ConflictException",
            409,
            f"Analyzer {name} already exists",
            resourceId=name,
            resourceType="Analyzer",
        )
    scope = "ORGANIZATION" if kind.startswith("ORGANIZATION") else "ACCOUNT"
    if scope == "ORGANIZATION":
        refused = _organization_refusal(info, account)
        if refused is not None:
            return refused
    quota = 1 if kind == "ORGANIZATION_INTERNAL_ACCESS" else QUOTA[scope]
    if sum(a["type"] == kind for a in held.values()) >= quota:
        return _error(
            info,
            "ServiceQuotaExceededException",
            402,
            f"You have reached the limit of {quota} {kind} analyzer(s) in {info.region}.",
            resourceId=name,
            resourceType="Analyzer",
        )
    arn = f"arn:aws:access-analyzer:{info.region}:{account}:analyzer/{name}"
    held[name] = {
        "arn": arn,
        "name": name,
        "type": kind,
        "createdAt": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "status": "ACTIVE",
        "tags": dict(fields.get("tags") or {}),
        "clientToken": token,
    }
    return _ok({"arn": arn})


def _list(info: RequestInfo, account: str, _: Any, params: dict[str, str]) -> Answer:
    kind = params.get("type")
    if kind is not None and kind not in TYPES:
        return _invalid(info, "type", f"must be one of {', '.join(TYPES)}")
    held = [
        _summary(a, account)
        for a in ANALYZERS.get((account, info.region), {}).values()
        if kind is None or a["type"] == kind
    ]
    try:
        start = int(params.get("nextToken") or 0)
        size = int(params.get("maxResults") or 100)
    except ValueError:
        return _invalid(info, "nextToken", "Invalid pagination token or page size.")
    if start < 0 or size < 1:
        return _invalid(info, "maxResults", "Invalid pagination token or page size.")
    page: dict[str, Any] = {"analyzers": held[start : start + size]}
    if start + size < len(held):
        page["nextToken"] = str(start + size)
    return _ok(page)


def _get(info: RequestInfo, account: str, _: Any, __: Any) -> Answer:
    name = unquote(info.path.rstrip("/").rsplit("/", 1)[-1])
    found = ANALYZERS.get((account, info.region), {}).get(name)
    if found is None:
        return _not_found(info, name)
    return _ok({"analyzer": _summary(found, account)})


def _delete(info: RequestInfo, account: str, _: Any, __: Any) -> Answer:
    name = unquote(info.path.rstrip("/").rsplit("/", 1)[-1])
    if ANALYZERS.get((account, info.region), {}).pop(name, None) is None:
        return _not_found(info, name)
    return _ok({})


def _summary(analyzer: dict[str, Any], account: str) -> dict[str, Any]:
    """ListAnalyzers' AnalyzerSummary: DISABLED, with AWS's reason, for an organization
    analyzer that has lost its trusted access or its delegated administrator."""
    shown = {k: v for k, v in analyzer.items() if k != "clientToken"}
    if analyzer["type"].startswith("ORGANIZATION"):
        reason = _lost_organization_access(account)
        if reason is not None:
            shown.update(status="DISABLED", statusReason={"code": reason})
    return shown


def _organization(account: str) -> Any:
    """moto's backend of the organization ``account`` belongs to (its management account's);
    None outside any organization. Found from the organizations themselves, which a saved
    estate keeps (moto's member-to-management index is not part of its backends)."""
    from moto.organizations.models import organizations_backends

    for partitions in list(organizations_backends.values()):
        for backend in list(partitions.values()):
            if backend.org is None:
                continue
            if backend.account_id == account or any(a.id == account for a in backend.accounts):
                return backend
    return None


def _is_administrator(backend: Any, account: str) -> bool:
    """The management account, or a delegated administrator for Access Analyzer."""
    return backend.account_id == account or any(
        admin.account.id == account and SERVICE_PRINCIPAL in admin.services
        for admin in backend.admins
    )


def _trusted(backend: Any) -> bool:
    return any(s.get("ServicePrincipal") == SERVICE_PRINCIPAL for s in backend.services)


def _organization_refusal(info: RequestInfo, account: str) -> Answer | None:
    """Why ``account`` may not create an organization analyzer, as AWS says it; None if it may."""
    backend = _organization(account)
    if backend is not None and not _is_administrator(backend, account):
        return error_response(
            info,
            "AccessDeniedException",
            403,
            f"Account {account} is not a delegated administrator",
        )
    if backend is None or not _trusted(backend):
        return _invalid(info, "type", "Service not enabled for AWS Organizations", field=False)
    return None


def _lost_organization_access(account: str) -> str | None:
    backend = _organization(account)
    if backend is None or not _trusted(backend):
        return "AWS_SERVICE_ACCESS_DISABLED"
    if not _is_administrator(backend, account):
        return "DELEGATED_ADMINISTRATOR_DEREGISTERED"
    return None


def _ok(document: dict[str, Any]) -> Answer:
    headers = [("Content-Type", "application/json"), ("x-amzn-RequestId", str(uuid.uuid4()))]
    return 200, headers, json.dumps(document).encode()


def _invalid(info: RequestInfo, name: str, message: str, field: bool = True) -> Answer:
    """ValidationException with AWS's reason and, for a bad field, the field list."""
    extra: dict[str, Any] = {"reason": "FIELD_VALIDATION_FAILED"}
    if field:
        extra["fieldList"] = [{"name": name, "message": message}]
        message = f"Invalid {name}: {message}"
    return _error(info, "ValidationException", 400, message, **extra)


def _not_found(info: RequestInfo, name: str) -> Answer:
    return _error(
        info,
        "ResourceNotFoundException",
        404,
        f"Analyzer {name} not found",
        resourceId=name,
        resourceType="Analyzer",
    )


def _error(info: RequestInfo, code: str, status: int, message: str, **members: Any) -> Answer:
    """The protocol's error, with the members the service's error shape adds to it."""
    status, headers, body = error_response(info, code, status, message)
    return status, headers, json.dumps({**json.loads(body), **members}).encode()
