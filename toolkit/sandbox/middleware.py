"""A thin WSGI layer in front of moto that adds what real AWS has and moto lacks.

Per request: count it by operation (and by account), wait the configured latency, answer a
configured share of requests with the service's own throttling error, answer AccessDenied for
chosen (account, service) pairs and for AssumeRole into accounts that cannot be entered, reject
chosen access keys as invalid, answer GetBucketPolicyStatus with policyuniverse's reading of
the policy (moto treats any Condition as private), and GetBucketAcl with every grant (moto
returns only the first grantee and permission of each), GetEbsDefaultKmsKeyId and IAM
Access Analyzer (``accessanalyzer``; moto has neither), Systems Manager's
DescribeInstanceInformation (``ssm_instances``; moto has none), and complete moto's answers where AWS
says more (``rewrites``: default event selectors, trails' custom selectors, Lambda functions'
VPC; ``security_services``: Security Hub's standards, delegated administrators).

Faults that do not heal, or heal only with the client's help: requests held past the client's
read timeout (``hang_rate``, ``hang_seconds``), opt-in regions an account has not enabled
(``disabled_regions``: answered as AWS answers there, as if it did not know the credentials;
see ``REGION_NOT_ENABLED``), endpoints that do not answer (``unreachable``: the connection is
closed with no response), and assumed-role credentials that expire (``credential_ttl_seconds``:
AssumeRole's Expiration says when, and later requests signed with that key get the protocol's
expired-token error, ``EXPIRED``).

``/_sandbox/config`` and ``/_sandbox/counts`` let a test or the parent process change faults and
read counts (per operation, per account, per account and region, and per fault) while the
server runs; ``POST /_sandbox/state`` saves the seeded estate (``saved_state``).
"""

from __future__ import annotations

import contextlib
import json
import random
import re
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from . import (
    accessanalyzer,
    control,
    iam_state,
    protocols,
    rewrites,
    security_services,
    ssm_instances,
)

CONTROL_PREFIX = "/_sandbox/"

#: What AWS answers, per protocol, in an opt-in region the account has not enabled: the region
#: does not know the account's credentials. EC2 says AuthFailure; query services
#: (STS, IAM, RDS) InvalidClientTokenId; JSON services UnrecognizedClientException; S3
#: InvalidAccessKeyId.
REGION_NOT_ENABLED = {
    "ec2": ("AuthFailure", 401, "AWS was not able to validate the provided access credentials"),
    "query": (
        "InvalidClientTokenId",
        403,
        "The security token included in the request is invalid.",
    ),
    "json": (
        "UnrecognizedClientException",
        400,
        "The security token included in the request is invalid.",
    ),
    "rest-json": (
        "UnrecognizedClientException",
        403,
        "The security token included in the request is invalid.",
    ),
    "rest-xml": (
        "InvalidAccessKeyId",
        403,
        "The AWS Access Key Id you provided does not exist in our records.",
    ),
}
#: What AWS answers, per protocol, to a request signed with expired temporary credentials.
#: EC2 says RequestExpired ("...can also occur if the credentials have expired").
EXPIRED = {
    "ec2": ("RequestExpired", 400, "Request has expired."),
    "query": ("ExpiredToken", 403, "The security token included in the request is expired"),
    "json": (
        "ExpiredTokenException",
        400,
        "The security token included in the request is expired",
    ),
    "rest-json": (
        "ExpiredTokenException",
        403,
        "The security token included in the request is expired",
    ),
    "rest-xml": ("ExpiredToken", 400, "The provided token has expired."),
}


@dataclass
class FaultConfig:
    """What the sandbox does to requests; every field can change while it runs."""

    latency_ms: float = 0.0
    throttle_rate: float = 0.0
    #: [account_id, service] pairs answered with AccessDenied (service as botocore names it).
    access_denied: list[list[str]] = field(default_factory=list)
    #: Accounts whose roles cannot be assumed.
    unassumable_accounts: list[str] = field(default_factory=list)
    #: Access key ids answered with InvalidClientTokenId.
    invalid_access_keys: list[str] = field(default_factory=list)
    #: account id -> the one region where IAM Identity Center is enabled, "" for none (moto has
    #: an instance in every region of every account; AWS has one, in its home region, or none).
    identity_center_regions: dict[str, str] = field(default_factory=dict)
    #: Share of requests held ``hang_seconds`` before they are answered (past a client's read
    #: timeout the answer reaches nobody: the client has given up and retried).
    hang_rate: float = 0.0
    hang_seconds: float = 0.0
    #: [account_id or "*", region]: opt-in regions the account has not enabled.
    disabled_regions: list[list[str]] = field(default_factory=list)
    #: [service or "*", region or "*"]: endpoints that do not answer (the connection is
    #: closed with no response); service as botocore or SigV4 names it.
    unreachable: list[list[str]] = field(default_factory=list)
    #: When above 0: seconds AssumeRole credentials live (their Expiration says so).
    credential_ttl_seconds: float = 0.0
    seed: int | None = None

    def update(self, changes: dict[str, Any]) -> None:
        unknown = set(changes) - set(asdict(self))
        if unknown:
            raise ValueError(f"unknown sandbox setting(s): {', '.join(sorted(unknown))}")
        for key, value in changes.items():
            setattr(self, key, value)


class SandboxMiddleware:
    def __init__(self, app: Callable[..., Iterable[bytes]], config: FaultConfig) -> None:
        self.app = app
        self.config = config
        self.counts: Counter[str] = Counter()
        self.account_counts: Counter[str] = Counter()
        self.region_counts: Counter[str] = Counter()
        self.fault_counts: Counter[str] = Counter()
        #: Access key -> when it expires (time.time()), for keys AssumeRole gave out with a TTL.
        self._expiry: dict[str, float] = {}
        self._lock = threading.Lock()
        self._random = random.Random(config.seed)

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path.startswith(CONTROL_PREFIX):
            return self._control(environ, start_response, path[len(CONTROL_PREFIX) :])
        body = _read_body(environ)
        info = protocols.parse(environ, body)
        if info is None:
            return self.app(environ, start_response)
        account = _account_of(info.access_key)
        with self._lock:
            self.counts[info.name] += 1
            self.account_counts[f"{account}:{info.name}"] += 1
            self.region_counts[f"{account}:{info.region}"] += 1
            config = self.config
            expired = self._expiry.get(info.access_key, float("inf")) < time.time()
            throttled = config.throttle_rate > 0 and self._random.random() < config.throttle_rate
            hung = config.hang_rate > 0 and self._random.random() < config.hang_rate
        if expired:  # judged on arrival, as AWS does
            return self._fault(start_response, info, "expired", EXPIRED)
        if config.latency_ms > 0:
            time.sleep(config.latency_ms / 1000.0)
        if hung:
            self._count_fault("hung", info)
            time.sleep(config.hang_seconds)
        if _listed(config.unreachable, (info.service, info.signing_name), info.region):
            self._count_fault("unreachable", info)
            return _drop_connection(environ, start_response)
        if info.access_key in config.invalid_access_keys:
            return _respond(
                start_response,
                protocols.error_response(
                    info,
                    "InvalidClientTokenId",
                    403,
                    "The security token included in the request is invalid.",
                ),
            )
        if _listed(config.disabled_regions, (account,), info.region):
            return self._fault(start_response, info, "region_not_enabled", REGION_NOT_ENABLED)
        if throttled:
            self._count_fault("throttled", info)
            code, status = protocols.THROTTLE["ec2" if info.service == "ec2" else info.protocol]
            return _respond(
                start_response, protocols.error_response(info, code, status, "Rate exceeded")
            )
        denied = self._denial(info, account)
        if denied:
            code, status = protocols.DENY["ec2" if info.service == "ec2" else info.protocol]
            return _respond(start_response, protocols.error_response(info, code, status, denied))
        if info.name == "sts.AssumeRole" and config.credential_ttl_seconds > 0:
            return self._expiring_credentials(environ, start_response, config)
        if info.name == "s3.GetBucketPolicyStatus":
            return _respond(start_response, _policy_status(info, account))
        if info.name == "s3.GetBucketAcl":
            return _respond(start_response, _bucket_acl(info, account))
        if info.name == "ec2.GetEbsDefaultKmsKeyId":
            return _respond(start_response, _ebs_default_key(info, account))
        if info.service == "accessanalyzer":  # moto has no Access Analyzer
            query = environ.get("QUERY_STRING", "")
            return _respond(start_response, accessanalyzer.answer(info, account, query, body))
        if info.name == "ssm.DescribeInstanceInformation":  # moto has no managed instances
            return _respond(start_response, ssm_instances.answer(info, account, body))
        if info.name == "iam.GetCredentialReport":
            report = iam_state.credential_report(account)
            if report is not None:
                return _respond(start_response, report)
        homes = self.config.identity_center_regions
        if (
            info.name == "sso-admin.ListInstances"
            and homes.get(account, info.region) != info.region
        ):
            body = json.dumps({"Instances": []}).encode()
            return _respond(
                start_response, (200, [("Content-Type", "application/x-amz-json-1.1")], body)
            )
        completed = security_services.answer(  # Security Hub's standards, delegated admins
            info, account, body, lambda: _capture(self.app, environ)
        )
        if completed is not None:
            return _respond(start_response, completed)
        rewrite = rewrites.REWRITES.get(info.name)
        if rewrite is not None:
            status, headers, body = _capture(self.app, environ)
            if status == 200:
                body = rewrite(info, account, body)
            return _respond(start_response, (status, headers, body))
        return self.app(environ, start_response)

    def _count_fault(self, kind: str, info: protocols.RequestInfo) -> None:
        """Count a fault in all and for the request's service ("throttled:ec2")."""
        with self._lock:
            self.fault_counts[kind] += 1
            self.fault_counts[f"{kind}:{info.service}"] += 1

    def _fault(
        self,
        start_response: Callable[..., Any],
        info: protocols.RequestInfo,
        kind: str,
        answers: dict[str, tuple[str, int, str]],
    ) -> list[bytes]:
        """Answer with ``answers``' error for the request's protocol, counted as ``kind``."""
        self._count_fault(kind, info)
        code, status, message = answers["ec2" if info.service == "ec2" else info.protocol]
        return _respond(start_response, protocols.error_response(info, code, status, message))

    def _expiring_credentials(
        self, environ: dict[str, Any], start_response: Callable[..., Any], config: FaultConfig
    ) -> list[bytes]:
        """AssumeRole, with credentials that live ``credential_ttl_seconds``: the answer's
        Expiration says so, and the key is rejected as expired once it has passed."""
        status, headers, body = _capture(self.app, environ)
        if status == 200:
            text = body.decode()
            key = re.search(r"<AccessKeyId>([^<]+)</AccessKeyId>", text)
            expires = time.time() + config.credential_ttl_seconds
            stamp = datetime.fromtimestamp(expires, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            text = re.sub(
                r"<Expiration>[^<]*</Expiration>", f"<Expiration>{stamp}</Expiration>", text
            )
            if key:
                with self._lock:
                    self._expiry[key.group(1)] = expires
            body = text.encode()
        return _respond(start_response, (status, headers, body))

    def _denial(self, info: protocols.RequestInfo, account: str) -> str | None:
        denied = self.config.access_denied
        if [account, info.service] in denied or [account, info.signing_name] in denied:
            return (
                f"User: arn:aws:sts::{account}:assumed-role/audit is not authorized to perform: "
                f"{info.service}:{info.operation} (sandbox: access denied for this account)"
            )
        if info.name == "sts.AssumeRole":
            target = info.params.get("RoleArn", "").split(":")
            if len(target) > 4 and target[4] in self.config.unassumable_accounts:
                return (
                    f"User: arn:aws:iam::{account}:root is not authorized to perform: "
                    f"sts:AssumeRole on resource: {info.params.get('RoleArn')}"
                )
        return None

    def _control(
        self, environ: dict[str, Any], start_response: Callable[..., Any], what: str
    ) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        body = _read_body(environ) if method == "POST" else b""
        try:
            with self._lock:
                answer = control.answer(self, method, what, body)
        except Exception as exc:  # a bad control request is the caller's mistake: say so
            return _respond(
                start_response,
                (
                    400,
                    [("Content-Type", "application/json")],
                    json.dumps({"error": str(exc)}).encode(),
                ),
            )
        return _respond(
            start_response,
            (200, [("Content-Type", "application/json")], json.dumps(answer).encode()),
        )


def _listed(pairs: list[list[str]], names: tuple[str, ...], region: str) -> bool:
    """Whether [name or "*", region or "*"] pairs hold one of ``names`` with ``region``."""
    return any(
        (first == "*" or first in names) and second in ("*", region) for first, second in pairs
    )


def _drop_connection(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    """Close the connection with no answer: to the client, an endpoint that does not answer."""
    connection = environ.get("werkzeug.socket")
    if connection is not None:
        with contextlib.suppress(OSError):
            connection.shutdown(socket.SHUT_RDWR)
    # The server's write then fails on the closed socket, which it treats as a dropped client.
    start_response("500 Internal Server Error", [("Content-Length", "0")])
    return [b""]


def _capture(
    app: Callable[..., Iterable[bytes]], environ: dict[str, Any]
) -> tuple[int, list[tuple[str, str]], bytes]:
    """moto's answer as (status, headers without Content-Length, body), to be rewritten."""
    captured: dict[str, Any] = {}

    def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        captured.update(status=status, headers=headers)

    body = b"".join(app(environ, capture))
    headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
    return int(captured["status"].split()[0]), headers, body


def _read_body(environ: dict[str, Any]) -> bytes:
    """Read the body once and put it back, so moto reads it again."""
    import io

    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    body = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(body)
    return body


def _account_of(access_key: str) -> str:
    from moto.iam.models import get_account_id_from

    return get_account_id_from(access_key)


def _bucket(info: protocols.RequestInfo, account: str) -> Any:
    from moto.s3.models import s3_backends

    name = info.path.strip("/").split("/")[0]
    try:
        return s3_backends[account]["aws"].get_bucket(name)
    except Exception:
        return None


def _no_bucket(info: protocols.RequestInfo) -> tuple[int, list[tuple[str, str]], bytes]:
    return protocols.error_response(
        info, "NoSuchBucket", 404, "The specified bucket does not exist"
    )


def _bucket_acl(
    info: protocols.RequestInfo, account: str
) -> tuple[int, list[tuple[str, str]], bytes]:
    """GetBucketAcl with every grantee and permission (moto keeps only the first of each)."""
    from xml.sax.saxutils import escape

    bucket = _bucket(info, account)
    if bucket is None:
        return _no_bucket(info)
    owner = "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a"
    grants = []
    for grant in bucket.acl.grants if bucket.acl else []:
        for grantee in grant.grantees:
            if grantee.uri:
                who = f'<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>{escape(grantee.uri)}</URI></Grantee>'
            else:
                who = (
                    '<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser">'
                    f"<ID>{escape(grantee.id or owner)}</ID><DisplayName>webfile</DisplayName></Grantee>"
                )
            grants += [
                f"<Grant>{who}<Permission>{p}</Permission></Grant>" for p in grant.permissions
            ]
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
        f"<Owner><ID>{owner}</ID><DisplayName>webfile</DisplayName></Owner>"
        f"<AccessControlList>{''.join(grants)}</AccessControlList></AccessControlPolicy>"
    ).encode()
    return 200, [("Content-Type", "application/xml")], body


def _ebs_default_key(
    info: protocols.RequestInfo, account: str
) -> tuple[int, list[tuple[str, str]], bytes]:
    """GetEbsDefaultKmsKeyId (moto: not implemented): the key set, else AWS's alias/aws/ebs."""
    from moto.ec2.models import ec2_backends

    key = ec2_backends[account][info.region].default_kms_key_id or "alias/aws/ebs"
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<GetEbsDefaultKmsKeyIdResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">'
        f"<requestId>sandbox</requestId><kmsKeyId>{key}</kmsKeyId></GetEbsDefaultKmsKeyIdResponse>"
    ).encode()
    return 200, [("Content-Type", "text/xml")], body


def _policy_status(
    info: protocols.RequestInfo, account: str
) -> tuple[int, list[tuple[str, str]], bytes]:
    """GetBucketPolicyStatus as S3 answers it: IsPublic judged on the whole policy."""
    from moto.s3.models import s3_backends
    from policyuniverse.policy import Policy

    name = info.path.strip("/").split("/")[0]
    try:
        bucket = s3_backends[account]["aws"].get_bucket(name)
    except Exception:
        return protocols.error_response(
            info, "NoSuchBucket", 404, "The specified bucket does not exist"
        )
    if not bucket.policy:
        return protocols.error_response(
            info, "NoSuchBucketPolicy", 404, "The bucket policy does not exist"
        )
    public = Policy(json.loads(bucket.policy)).is_internet_accessible()
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<PolicyStatus xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
        f"<IsPublic>{'true' if public else 'false'}</IsPublic></PolicyStatus>"
    ).encode()
    return 200, [("Content-Type", "application/xml")], body


def _respond(
    start_response: Callable[..., Any], answer: tuple[int, list[tuple[str, str]], bytes]
) -> list[bytes]:
    status, headers, body = answer
    reason = {
        200: "OK",
        400: "Bad Request",
        401: "Unauthorized",
        403: "Forbidden",
        404: "Not Found",
        429: "Too Many Requests",
        503: "Service Unavailable",
    }
    start_response(
        f"{status} {reason.get(status, 'Error')}", [*headers, ("Content-Length", str(len(body)))]
    )
    return [body]
