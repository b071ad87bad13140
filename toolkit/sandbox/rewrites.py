"""moto's successful answers completed where AWS says more, in the protocol's own shape.

The middleware hands moto's answer body for an operation in ``REWRITES`` to its rewrite, which
returns the body AWS would have sent:

- cloudtrail GetEventSelectors: a trail with no selectors set has AWS's default (all
  management events); moto answers with empty lists;
- cloudtrail DescribeTrails and GetTrail: ``HasCustomEventSelectors`` is true once selectors
  are set (moto always says false);
- lambda ListFunctions, GetFunction, GetFunctionConfiguration: ``VpcConfig.VpcId`` is the VPC
  of the function's subnets (moto always says ``vpc-123abc``);
- iam UploadServerCertificate, ListServerCertificates, GetServerCertificate (XML): each
  certificate's own ``Expiration`` (its body's Not After; moto says 2012 for all), its own
  ``ServerCertificateId`` (moto gives all one id) and an ``UploadDate``: its Not Before (the
  sandbox uploads a certificate when it is issued; AWS refuses one already expired);
- logs PutMetricFilter: the new filter gets its ``creationTime`` (moto keeps none, so
  DescribeMetricFilters answered without one);
- sns Subscribe, ListSubscriptions(ByTopic), GetSubscriptionAttributes, GetTopicAttributes:
  email and http(s) subscriptions stay pending confirmation, as in AWS (``sns_confirmation``).
- secretsmanager GetSecretValue, ListSecrets, DescribeSecret: when each secret was last read
  (``secrets_state``; moto never says);
- ec2 DescribeVpcPeeringConnections (XML): each end's ``CidrBlockSet`` and
  ``Ipv6CidrBlockSet``, the VPC's associated blocks (moto states only its primary
  ``CidrBlock``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from . import secrets_state, sns_confirmation
from .protocols import RequestInfo

DEFAULT_EVENT_SELECTOR = {
    "ReadWriteType": "All",
    "IncludeManagementEvents": True,
    "DataResources": [],
    "ExcludeManagementEventSources": [],
}


def _event_selectors(info: RequestInfo, account: str, body: bytes) -> bytes:
    answer = json.loads(body or b"{}")
    if answer.get("EventSelectors") or answer.get("AdvancedEventSelectors"):
        return body
    answer["EventSelectors"] = [dict(DEFAULT_EVENT_SELECTOR)]
    answer.pop("AdvancedEventSelectors", None)
    return json.dumps(answer).encode()


def _custom_selectors(trail: dict[str, Any]) -> None:
    """Set HasCustomEventSelectors from the trail moto holds (named by its ARN)."""
    from moto.cloudtrail.models import cloudtrail_backends

    parts = str(trail.get("TrailARN", "")).split(":")
    if len(parts) < 6:
        return
    held = cloudtrail_backends[parts[4]][parts[3]].trails.get(trail.get("Name", ""))
    if held is not None:
        trail["HasCustomEventSelectors"] = bool(
            held.event_selectors or held.advanced_event_selectors
        )


def _trails(info: RequestInfo, account: str, body: bytes) -> bytes:
    answer = json.loads(body or b"{}")
    for trail in answer.get("trailList") or []:
        _custom_selectors(trail)
    if isinstance(answer.get("Trail"), dict):
        _custom_selectors(answer["Trail"])
    return json.dumps(answer).encode()


def _function_vpcs(info: RequestInfo, account: str, body: bytes) -> bytes:
    from moto.ec2.models import ec2_backends

    answer = json.loads(body or b"{}")
    configs = [answer, answer.get("Configuration") or {}, *(answer.get("Functions") or [])]
    for config in configs:
        vpc = config.get("VpcConfig") or {}
        if vpc.get("SubnetIds"):
            subnet = ec2_backends[account][info.region].get_subnet(vpc["SubnetIds"][0])
            vpc["VpcId"] = subnet.vpc_id
    return json.dumps(answer).encode()


def _server_certificates(info: RequestInfo, account: str, body: bytes) -> bytes:
    from cryptography import x509
    from moto.iam.models import iam_backends

    held = iam_backends[account]["aws"].certificates  # moto's id -> certificate
    by_arn = {cert.arn: (cert_id, cert) for cert_id, cert in held.items()}

    def complete(block: re.Match[str]) -> str:
        arn = re.search(r"<Arn>([^<]+)</Arn>", block.group(0))
        cert_id, cert = by_arn.get(arn.group(1) if arn else "", (None, None))
        try:
            parsed = x509.load_pem_x509_certificate(cert.cert_body.encode())
        except (AttributeError, ValueError):  # not found, or a body that is no certificate
            return block.group(0)
        values = {
            "ServerCertificateId": "ASCA" + cert_id.upper()[:17],
            "UploadDate": f"{parsed.not_valid_before_utc:%Y-%m-%dT%H:%M:%SZ}",
            "Expiration": f"{parsed.not_valid_after_utc:%Y-%m-%dT%H:%M:%SZ}",
        }
        text = block.group(0)
        for tag, value in values.items():
            text = re.sub(f"<{tag}>[^<]*</{tag}>", f"<{tag}>{value}</{tag}>", text)
        return text

    pattern = r"<(member|ServerCertificateMetadata)>.*?</\1>"
    return re.sub(pattern, complete, body.decode(), flags=re.S).encode()


def _metric_filter_time(info: RequestInfo, account: str, body: bytes) -> bytes:
    """Stamp the filter just put (the one without a time) on moto's own record of it."""
    import time

    from moto.logs.models import logs_backends

    now = int(time.time() * 1000)
    for held in logs_backends[account][info.region].filters.metric_filters:
        held.setdefault("creationTime", now)
    return body


def _peering_blocks(info: RequestInfo, account: str, body: bytes) -> bytes:
    from moto.ec2.models import ec2_backends

    def complete(block: re.Match[str]) -> str:
        found = [
            re.search(f"<{tag}>([^<]+)</{tag}>", block.group(2))
            for tag in ("ownerId", "region", "vpcId")
        ]
        if None in found or "<cidrBlockSet>" in block.group(2):
            return block.group(0)
        owner, region, vpc_id = (match.group(1) for match in found if match)
        vpc = ec2_backends[owner][region].vpcs.get(vpc_id)
        if vpc is None:
            return block.group(0)
        associated = [
            c["cidr_block"]
            for c in vpc.get_cidr_block_association_set()
            + vpc.get_cidr_block_association_set(ipv6=True)
            if (c.get("cidr_block_state") or {}).get("state") == "associated"
        ]
        ipv4 = "".join(
            f"<item><cidrBlock>{c}</cidrBlock></item>" for c in associated if ":" not in c
        )
        ipv6 = "".join(
            f"<item><ipv6CidrBlock>{c}</ipv6CidrBlock></item>" for c in associated if ":" in c
        )
        sets = f"<cidrBlockSet>{ipv4}</cidrBlockSet><ipv6CidrBlockSet>{ipv6}</ipv6CidrBlockSet>"
        return f"<{block.group(1)}>{block.group(2)}{sets}</{block.group(1)}>"

    pattern = r"<(requesterVpcInfo|accepterVpcInfo)>(.*?)</\1>"
    return re.sub(pattern, complete, body.decode(), flags=re.S).encode()


#: Operation ("service.Operation") -> its rewrite of moto's successful answer body.
REWRITES: dict[str, Callable[[RequestInfo, str, bytes], bytes]] = {
    "cloudtrail.GetEventSelectors": _event_selectors,
    "cloudtrail.DescribeTrails": _trails,
    "cloudtrail.GetTrail": _trails,
    "lambda.ListFunctions": _function_vpcs,
    "lambda.GetFunction": _function_vpcs,
    "lambda.GetFunctionConfiguration": _function_vpcs,
    "iam.UploadServerCertificate": _server_certificates,
    "iam.ListServerCertificates": _server_certificates,
    "iam.GetServerCertificate": _server_certificates,
    "logs.PutMetricFilter": _metric_filter_time,
    "sns.Subscribe": sns_confirmation.subscribed,
    "sns.ListSubscriptions": sns_confirmation.listed,
    "sns.ListSubscriptionsByTopic": sns_confirmation.listed,
    "sns.GetSubscriptionAttributes": sns_confirmation.subscription_attributes,
    "sns.GetTopicAttributes": sns_confirmation.topic_attributes,
    **secrets_state.REWRITES,
    "ec2.DescribeVpcPeeringConnections": _peering_blocks,
}

from . import edge_rewrites  # noqa: E402  (load balancers and certificates, in their own module)

REWRITES.update(edge_rewrites.REWRITES)

from . import compute_rewrites, s3_rewrites  # noqa: E402  (EC2 snapshots; S3 event notifications)

REWRITES.update(compute_rewrites.REWRITES)
REWRITES.update(s3_rewrites.REWRITES)
