"""moto's answers for load balancers and certificates completed where AWS says more (hooked
into ``rewrites.REWRITES``):

- elbv2 DescribeLoadBalancerAttributes: AWS names every attribute of a load balancer's type
  with its default; moto leaves out those never set (``access_logs.s3.enabled``, and for
  Application Load Balancers ``routing.http.drop_invalid_header_fields.enabled``,
  ``routing.http.desync_mitigation_mode``, ``idle_timeout.timeout_seconds``,
  ``routing.http2.enabled``), and says cross-zone load balancing is off for Application Load
  Balancers, where AWS always has it on;
- elbv2 DescribeListeners: AWS gives a TLS policy only to HTTPS and TLS listeners; moto gives
  one to every listener;
- elb CreateLoadBalancer: a Classic Load Balancer made in subnets is enabled in their
  Availability Zones, which AWS names in ``AvailabilityZones``; moto keeps an empty list. The
  zones are set on moto's record of the new load balancer, so every later answer names them;
- acm DescribeCertificate: ``InUseBy`` names the load balancer that uses the certificate (moto
  names an ELBv2 listener, or a Classic Load Balancer's DNS name, where AWS names the ARN), and an ACM-issued, issued certificate in use is ``ELIGIBLE`` for managed
  renewal (moto says ``INELIGIBLE`` for all); ListCertificates likewise for the eligibility.

Known and left as moto answers: a Network Load Balancer's ARN says ``loadbalancer/app/``
where AWS says ``loadbalancer/net/`` (the table reads the type from ``Type``, not the ARN).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from .protocols import RequestInfo

#: AWS's default of each attribute moto leaves out, by load balancer type.
DEFAULT_ATTRIBUTES = {
    "application": {
        "access_logs.s3.enabled": "false",
        "idle_timeout.timeout_seconds": "60",
        "routing.http.desync_mitigation_mode": "defensive",
        "routing.http.drop_invalid_header_fields.enabled": "false",
        "routing.http2.enabled": "true",
    },
    "network": {"access_logs.s3.enabled": "false"},
    "gateway": {},
}
#: What AWS fixes whatever moto says.
FIXED_ATTRIBUTES = {"application": {"load_balancing.cross_zone.enabled": "true"}}
#: Listener protocols that carry a TLS policy.
TLS_PROTOCOLS = ("HTTPS", "TLS")


def _balancer_type(account: str, region: str, arn: str) -> str | None:
    from moto.elbv2.models import elbv2_backends

    held = elbv2_backends[account][region].load_balancers.get(arn)
    return None if held is None else held.type


def _attributes(info: RequestInfo, account: str, body: bytes) -> bytes:
    kind = _balancer_type(account, info.region, info.params.get("LoadBalancerArn", ""))
    if kind is None:
        return body
    text = body.decode()
    for key, value in FIXED_ATTRIBUTES.get(kind, {}).items():
        text = re.sub(
            rf"(<Key>{re.escape(key)}</Key>\s*<Value>)[^<]*(</Value>)", rf"\g<1>{value}\2", text
        )
    present = set(re.findall(r"<Key>([^<]+)</Key>", text))
    missing = "".join(
        f"<member><Key>{key}</Key><Value>{value}</Value></member>"
        for key, value in DEFAULT_ATTRIBUTES.get(kind, {}).items()
        if key not in present
    )
    return text.replace("</Attributes>", missing + "</Attributes>", 1).encode()


def _listeners(info: RequestInfo, account: str, body: bytes) -> bytes:
    """Each listener's part of the answer runs from its ``<ListenerArn>`` to the next; its own
    ``<Protocol>`` comes first (a redirect action's comes later)."""
    parts = re.split(r"(?=<member>\s*<ListenerArn>)", body.decode())
    for index, part in enumerate(parts[1:], start=1):
        protocol = re.search(r"<Protocol>([^<]+)</Protocol>", part)
        if not (protocol and protocol.group(1) in TLS_PROTOCOLS):
            parts[index] = re.sub(r"<SslPolicy>[^<]*</SslPolicy>", "", part)
    return "".join(parts).encode()


def load_balancer_of(arn: str) -> str:
    """The load balancer's ARN for a listener's (itself for any other ARN)."""
    match = re.match(
        r"^(arn:[^:]+:elasticloadbalancing:[^:]*:[^:]*:)listener/([^/]+/[^/]+/[^/]+)/", arn
    )
    return f"{match.group(1)}loadbalancer/{match.group(2)}" if match else arn


def classic_arn(user: str, account: str, region: str) -> str:
    """A Classic Load Balancer's ARN for the DNS name moto records as its certificate's user
    (``NAME.REGION.elb.amazonaws.com``); any other user as it is."""
    match = re.fullmatch(r"([A-Za-z0-9-]+)\.[a-z0-9-]+\.elb\.amazonaws\.com", user)
    if not match:
        return user
    return f"arn:aws:elasticloadbalancing:{region}:{account}:loadbalancer/{match.group(1)}"


def _eligibility(certificate: dict, in_use: bool) -> None:
    if certificate.get("Type") == "AMAZON_ISSUED" and certificate.get("Status") == "ISSUED":
        certificate["RenewalEligibility"] = "ELIGIBLE" if in_use else "INELIGIBLE"


def _certificate(info: RequestInfo, account: str, body: bytes) -> bytes:
    answer = json.loads(body or b"{}")
    certificate = answer.get("Certificate")
    if isinstance(certificate, dict):
        users = certificate.get("InUseBy") or []
        certificate["InUseBy"] = sorted(
            {load_balancer_of(classic_arn(arn, account, info.region)) for arn in users}
        )
        _eligibility(certificate, bool(users))
    return json.dumps(answer).encode()


def _certificate_list(info: RequestInfo, account: str, body: bytes) -> bytes:
    answer = json.loads(body or b"{}")
    for summary in answer.get("CertificateSummaryList") or []:
        _eligibility(summary, bool(summary.get("InUse")))
    return json.dumps(answer).encode()


def _classic_zones(info: RequestInfo, account: str, body: bytes) -> bytes:
    from moto.ec2.models import ec2_backends
    from moto.elb.models import elb_backends

    held = elb_backends[account][info.region].load_balancers.get(
        info.params.get("LoadBalancerName", "")
    )
    if held is not None and held.subnets and not held.availability_zones:
        ec2 = ec2_backends[account][info.region]
        held.availability_zones = sorted(
            {ec2.get_subnet(subnet).availability_zone for subnet in held.subnets}
        )
    return body


REWRITES: dict[str, Callable[[RequestInfo, str, bytes], bytes]] = {
    "elb.CreateLoadBalancer": _classic_zones,
    "elbv2.DescribeLoadBalancerAttributes": _attributes,
    "elbv2.DescribeListeners": _listeners,
    "acm.DescribeCertificate": _certificate,
    "acm.ListCertificates": _certificate_list,
}
