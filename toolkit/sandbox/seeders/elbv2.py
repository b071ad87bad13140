"""Elastic Load Balancing v2: Application and Network Load Balancers in a VPC of the account,
each with a target group, its attributes (deletion protection, access logs, invalid header
fields, desync mitigation) and its listeners (plain HTTP forwarded or redirected to HTTPS,
HTTPS with an ACM certificate and a TLS policy, TCP).

Seeded after EC2 (subnets and security groups by name) and ACM (an HTTPS listener names its
certificate by domain).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import acm
from .schema import PLANTED

if TYPE_CHECKING:
    from ..seed import Seeder

LISTENER = {
    "protocol": str,
    "port": int,
    #: Plain HTTP only: redirect to HTTPS on 443 instead of forwarding to the target group.
    "redirect_https": bool,
    #: HTTPS and TLS: the domain of the account's ACM certificate in the region, and the policy.
    "certificate": str,
    "ssl_policy": str,
    #: Planted on the listener, named LOAD_BALANCER:PORT (FSBP ELB.17, ELB.18).
    "planted": PLANTED,
}
#: The target group every load balancer forwards to (default: HTTP for Application, TCP for
#: Network, health checks in the same protocol).
TARGET_GROUP = {"protocol": str, "health_check_protocol": str, "planted": PLANTED}
LOAD_BALANCER = {
    "name": str,
    "region": str,
    "type": str,
    "scheme": str,
    "vpc": str,
    "subnets": [str],
    "security_groups": [str],
    "deletion_protection": bool,
    #: The S3 bucket that gets its access logs (none: access logs off).
    "access_logs": str,
    "drop_invalid_headers": bool,
    "desync_mitigation": str,
    "listeners": [LISTENER],
    "target_group": TARGET_GROUP,
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"load_balancers": [LOAD_BALANCER]}
ROWS_BY_ACCOUNT = {
    "elbv2_load_balancers": "arn",
    "elbv2_listeners": "arn",
    "elbv2_target_groups": "arn",
}
#: The protocol a load balancer type's target group speaks.
TARGET_PROTOCOL = {"application": "HTTP", "network": "TCP"}


@dataclass
class Elbv2Truth:
    elbv2_load_balancers: list[dict[str, Any]] = field(default_factory=list)
    elbv2_listeners: list[dict[str, Any]] = field(default_factory=list)
    elbv2_target_groups: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's load balancers, their attributes, target groups and listeners."""
    for balancer in spec.get("load_balancers", []):
        region = balancer.get("region", seeder.regions[0])
        elbv2 = seeder.client(session, "elbv2", region)
        vpc = _vpc(seeder, account_id, region, balancer["vpc"])
        subnets = {s["name"]: s["id"] for s in vpc["subnets"]}
        groups = {g["name"]: g["id"] for g in vpc["security_groups"]}
        kind = balancer.get("type", "application")
        subnet_ids = [subnets[name] for name in balancer["subnets"]]
        group_ids = [groups[name] for name in balancer.get("security_groups", [])]
        made = elbv2.create_load_balancer(
            Name=balancer["name"],
            Subnets=subnet_ids,
            SecurityGroups=group_ids,
            Scheme=balancer.get("scheme", "internet-facing"),
            Type=kind,
        )["LoadBalancers"][0]
        arn = made["LoadBalancerArn"]
        elbv2.modify_load_balancer_attributes(
            LoadBalancerArn=arn, Attributes=_attributes(balancer, kind)
        )
        target_group = _target_group(seeder, elbv2, account_id, region, vpc["id"], balancer)
        for listener in balancer.get("listeners", []):
            made_by = {**balancer, "arn": arn}
            _listener(seeder, elbv2, account_id, region, made_by, target_group, listener)
        seeder.truth.elbv2_load_balancers.append(
            {
                "account_id": account_id,
                "region": region,
                "arn": arn,
                "name": balancer["name"],
                "type": kind,
                "scheme": made["Scheme"],
                "vpc_id": vpc["id"],
                "subnet_ids": subnet_ids,
                "security_group_ids": sorted(group_ids),
                "deletion_protection": bool(balancer.get("deletion_protection")),
                "access_logs_bucket": balancer.get("access_logs"),
                "drop_invalid_headers": bool(balancer.get("drop_invalid_headers")),
                "desync_mitigation": balancer.get("desync_mitigation"),
            }
        )
        seeder.plant(balancer.get("planted"), account_id, region, balancer["name"], "elbv2")


def _target_group(
    seeder: Seeder, elbv2: Any, account_id: str, region: str, vpc_id: str, balancer: dict
) -> str:
    """The load balancer's target group, in the protocol the estate names (its type's default
    otherwise); its ARN."""
    spec = balancer.get("target_group") or {}
    protocol = spec.get("protocol", TARGET_PROTOCOL[balancer.get("type", "application")])
    options = {}
    if spec.get("health_check_protocol"):
        options["HealthCheckProtocol"] = spec["health_check_protocol"]
    name = f"{balancer['name']}-targets"
    made = elbv2.create_target_group(
        Name=name, Protocol=protocol, Port=80, VpcId=vpc_id, **options
    )["TargetGroups"][0]
    seeder.truth.elbv2_target_groups.append(
        {
            "account_id": account_id,
            "region": region,
            "arn": made["TargetGroupArn"],
            "name": name,
            "protocol": protocol,
            "health_check_protocol": made["HealthCheckProtocol"],
            "vpc_id": vpc_id,
        }
    )
    seeder.plant(spec.get("planted"), account_id, region, name, "elbv2")
    return made["TargetGroupArn"]


def _attributes(balancer: dict[str, Any], kind: str) -> list[dict[str, str]]:
    """The attributes the estate sets (AWS's defaults for the rest)."""
    values = {"deletion_protection.enabled": balancer.get("deletion_protection", False)}
    if balancer.get("access_logs"):
        values["access_logs.s3.enabled"] = True
        values["access_logs.s3.bucket"] = balancer["access_logs"]
    if kind == "application":
        if "drop_invalid_headers" in balancer:
            key = "routing.http.drop_invalid_header_fields.enabled"
            values[key] = balancer["drop_invalid_headers"]
        if "desync_mitigation" in balancer:
            values["routing.http.desync_mitigation_mode"] = balancer["desync_mitigation"]
    return [
        {"Key": key, "Value": str(value).lower() if isinstance(value, bool) else str(value)}
        for key, value in values.items()
    ]


def _listener(
    seeder: Seeder,
    elbv2: Any,
    account_id: str,
    region: str,
    balancer: dict[str, Any],
    target_group: str,
    listener: dict[str, Any],
) -> None:
    balancer_arn = balancer["arn"]
    if listener.get("redirect_https"):
        action = {
            "Type": "redirect",
            "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"},
        }
    else:
        action = {"Type": "forward", "TargetGroupArn": target_group}
    options: dict[str, Any] = {}
    certificates = []
    if listener.get("certificate"):
        arns = acm.certificate_arns(seeder, account_id)
        certificates = [arns[(region, listener["certificate"])]]
        options["Certificates"] = [{"CertificateArn": certificates[0]}]
    if listener.get("ssl_policy"):
        options["SslPolicy"] = listener["ssl_policy"]
    made = elbv2.create_listener(
        LoadBalancerArn=balancer_arn,
        Protocol=listener["protocol"],
        Port=listener["port"],
        DefaultActions=[action],
        **options,
    )["Listeners"][0]
    seeder.truth.elbv2_listeners.append(
        {
            "account_id": account_id,
            "region": region,
            "arn": made["ListenerArn"],
            "load_balancer_arn": balancer_arn,
            "protocol": listener["protocol"],
            "port": listener["port"],
            "redirects_to_https": bool(listener.get("redirect_https")),
            "certificates": certificates,
            "ssl_policy": listener.get("ssl_policy"),
        }
    )
    name = f"{balancer['name']}:{listener['port']}"
    seeder.plant(listener.get("planted"), account_id, region, name, "elbv2")


def _vpc(seeder: Seeder, account_id: str, region: str, name: str) -> dict[str, Any]:
    return next(
        v
        for v in seeder.truth.vpcs
        if (v["account_id"], v["region"], v["name"]) == (account_id, region, name)
    )
