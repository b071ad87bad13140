"""Classic Elastic Load Balancing: Classic Load Balancers in a VPC of the account, with their
listeners (plain HTTP or TCP; HTTPS with an ACM or IAM certificate and an SSL negotiation policy
that refers to a predefined security policy) and attributes (access logs, connection draining,
cross-zone load balancing, desync mitigation mode).

Seeded after EC2 (subnets and security groups by name), IAM (server certificates) and ACM (a
listener names its certificate by domain).
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
    "instance_port": int,
    #: HTTPS and SSL: the domain of the account's ACM certificate in the region ...
    "certificate": str,
    #: ... or the name of its IAM server certificate.
    "iam_certificate": str,
    #: HTTPS and SSL: the predefined security policy its negotiation policy refers to.
    "ssl_policy": str,
}
LOAD_BALANCER = {
    "name": str,
    "region": str,
    "scheme": str,
    "vpc": str,
    "subnets": [str],
    "security_groups": [str],
    #: The S3 bucket that gets its access logs (none: access logs off).
    "access_logs": str,
    #: Seconds of connection draining (none: draining off).
    "connection_draining": int,
    "cross_zone": bool,
    "desync_mitigation": str,
    "listeners": [LISTENER],
    "planted": PLANTED,
}
ACCOUNT_SCHEMA = {"classic_load_balancers": [LOAD_BALANCER]}
ROWS_BY_ACCOUNT = {"elb_load_balancers": "name"}


@dataclass
class ElbTruth:
    #: account_id, region, name, vpc_id, subnet_ids, security_group_ids, attributes as seeded,
    #: listeners: (protocol, port, certificate ARN, ssl policy)
    elb_load_balancers: list[dict[str, Any]] = field(default_factory=list)


def seed_account(seeder: Seeder, session: Any, account_id: str, spec: dict[str, Any]) -> None:
    """The account's Classic Load Balancers, their listeners, policies and attributes."""
    for balancer in spec.get("classic_load_balancers", []):
        region = balancer.get("region", seeder.regions[0])
        elb = seeder.client(session, "elb", region)
        vpc = next(
            v
            for v in seeder.truth.vpcs
            if (v["account_id"], v["region"], v["name"]) == (account_id, region, balancer["vpc"])
        )
        subnets = {s["name"]: s["id"] for s in vpc["subnets"]}
        groups = {g["name"]: g["id"] for g in vpc["security_groups"]}
        subnet_ids = [subnets[name] for name in balancer["subnets"]]
        group_ids = [groups[name] for name in balancer.get("security_groups", [])]
        listeners = [_listener(seeder, account_id, region, x) for x in balancer["listeners"]]
        name = balancer["name"]
        elb.create_load_balancer(
            LoadBalancerName=name,
            Listeners=[x["create"] for x in listeners],
            Subnets=subnet_ids,
            SecurityGroups=group_ids,
            Scheme=balancer.get("scheme", "internet-facing"),
        )
        for listener in listeners:
            if listener["ssl_policy"]:
                policy = f"{name}-{listener['port']}-negotiation"
                elb.create_load_balancer_policy(
                    LoadBalancerName=name,
                    PolicyName=policy,
                    PolicyTypeName="SSLNegotiationPolicyType",
                    PolicyAttributes=[
                        {
                            "AttributeName": "Reference-Security-Policy",
                            "AttributeValue": listener["ssl_policy"],
                        }
                    ],
                )
                elb.set_load_balancer_policies_of_listener(
                    LoadBalancerName=name,
                    LoadBalancerPort=listener["port"],
                    PolicyNames=[policy],
                )
        elb.modify_load_balancer_attributes(
            LoadBalancerName=name, LoadBalancerAttributes=_attributes(balancer)
        )
        seeder.truth.elb_load_balancers.append(
            {
                "account_id": account_id,
                "region": region,
                "name": name,
                "vpc_id": vpc["id"],
                "subnet_ids": subnet_ids,
                "security_group_ids": sorted(group_ids),
                "access_logs_bucket": balancer.get("access_logs"),
                "connection_draining": balancer.get("connection_draining"),
                "cross_zone": bool(balancer.get("cross_zone")),
                "desync_mitigation": balancer.get("desync_mitigation"),
                "listeners": [
                    (x["protocol"], x["port"], x["certificate"], x["ssl_policy"]) for x in listeners
                ],
            }
        )
        seeder.plant(balancer.get("planted"), account_id, region, name, "elb")


def _listener(
    seeder: Seeder, account_id: str, region: str, listener: dict[str, Any]
) -> dict[str, Any]:
    """The listener as CreateLoadBalancer takes it, with its certificate's ARN."""
    certificate = None
    if listener.get("certificate"):
        certificate = acm.certificate_arns(seeder, account_id)[(region, listener["certificate"])]
    elif listener.get("iam_certificate"):
        certificate = next(
            c["arn"]
            for c in seeder.truth.iam_server_certificates
            if (c["account_id"], c["name"]) == (account_id, listener["iam_certificate"])
        )
    create: dict[str, Any] = {
        "Protocol": listener["protocol"],
        "LoadBalancerPort": listener["port"],
        "InstancePort": listener.get("instance_port", 80),
    }
    if certificate:
        create["SSLCertificateId"] = certificate
    return {
        "create": create,
        "protocol": listener["protocol"],
        "port": listener["port"],
        "certificate": certificate,
        "ssl_policy": listener.get("ssl_policy"),
    }


def _attributes(balancer: dict[str, Any]) -> dict[str, Any]:
    """The attributes the estate sets; AWS's defaults (all off) for the rest."""
    logs: dict[str, Any] = {"Enabled": bool(balancer.get("access_logs"))}
    if balancer.get("access_logs"):
        logs.update(S3BucketName=balancer["access_logs"], EmitInterval=60)
    draining: dict[str, Any] = {"Enabled": bool(balancer.get("connection_draining"))}
    if balancer.get("connection_draining"):
        draining["Timeout"] = balancer["connection_draining"]
    attributes: dict[str, Any] = {
        "AccessLog": logs,
        "ConnectionDraining": draining,
        "CrossZoneLoadBalancing": {"Enabled": bool(balancer.get("cross_zone"))},
    }
    if balancer.get("desync_mitigation"):
        attributes["AdditionalAttributes"] = [
            {"Key": "elb.http.desyncmitigationmode", "Value": balancer["desync_mitigation"]}
        ]
    return attributes
